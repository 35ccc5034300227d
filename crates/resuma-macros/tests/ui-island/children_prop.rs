use resuma::prelude::*;

#[island(load = "idle")]
fn Panel(children: Children) -> impl IntoView {
    view! { <div>{children}</div> }
}

fn main() {}
