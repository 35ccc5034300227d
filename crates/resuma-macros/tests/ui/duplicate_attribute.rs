use resuma::prelude::*;
fn main() {
    let _ = view! { <p class="a" CLASS={"b"}>"text"</p> };
}
