use resuma::prelude::*;

#[component]
fn Greeting(name: &'static str) -> impl IntoView {
    view! { <p>{name}</p> }
}

fn main() {
    let _ = view! { <Greeting name="a" colour="red" /> };
}
