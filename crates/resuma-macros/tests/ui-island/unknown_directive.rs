use resuma::prelude::*;

#[island(load = "hover")]
fn Counter(start: i32) -> impl IntoView {
    view! { <button>{start}</button> }
}

fn main() {}
