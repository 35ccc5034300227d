//! The not-found page, inside the layout.

use resuma::flow::PageError;
use resuma::prelude::*;

pub fn view(error: &PageError) -> impl IntoView {
    let message = error.message().to_owned();
    view! {
        <h1>"Not found"</h1>
        <p>{message}</p>
    }
}
