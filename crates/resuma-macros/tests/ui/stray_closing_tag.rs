use resuma::prelude::*;
fn main() {
    let _ = view! { "a" </p> };
}
