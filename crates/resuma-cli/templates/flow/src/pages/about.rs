//! `/about`: a page without data, written as HTML by `resuma build --static`.

use resuma::flow::Head;
use resuma::prelude::*;

pub const PRERENDER: bool = true;

pub fn head() -> Head {
    Head::title("About")
}

pub fn view() -> impl IntoView {
    view! {
        <h1>"About"</h1>
        <p>"Rendered on the server; this page ships no JavaScript."</p>
    }
}
