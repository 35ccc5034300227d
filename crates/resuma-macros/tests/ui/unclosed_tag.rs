use resuma::prelude::*;
fn main() {
    let _ = view! { <div><p>"text"</p> };
}
