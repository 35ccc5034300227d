use resuma::prelude::*;

#[component]
fn Greeting(#[prop(defualt = 1)] times: u32) -> impl IntoView {
    view! { <p>{times}</p> }
}

fn main() {}
