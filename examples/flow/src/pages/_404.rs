//! The not-found page, inside the layout, with status 404.

use resuma::flow::PageError;
use resuma::prelude::*;

pub fn view(_: &PageError) -> impl IntoView {
    view! {
        <h1>"Not found"</h1>
        <p>"There is no such page. " <a href="/">"See all notes"</a> "."</p>
    }
}
