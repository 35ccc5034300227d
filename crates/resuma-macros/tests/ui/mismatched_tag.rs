use resuma::prelude::*;
fn main() {
    let _ = view! { <div>"text"</span> };
}
