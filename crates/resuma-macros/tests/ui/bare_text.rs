use resuma::prelude::*;
fn main() {
    let _ = view! { <p>hello</p> };
}
