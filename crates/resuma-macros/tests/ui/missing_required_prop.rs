use resuma::prelude::*;

#[component]
fn Greeting(name: &'static str, #[prop(default = 1)] times: u32) -> impl IntoView {
    view! { <p>{name}{times}</p> }
}

fn main() {
    let _ = view! { <Greeting times={2} /> };
}
