use resuma::prelude::*;
fn main() {
    let _ = view! { <div data-r-on:click="x"></div> };
}
