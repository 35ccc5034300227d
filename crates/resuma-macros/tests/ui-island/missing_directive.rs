use resuma::prelude::*;

#[island]
fn Counter(start: i32) -> impl IntoView {
    view! { <button>{start}</button> }
}

fn main() {}
