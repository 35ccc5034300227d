//! Every other error page (a loader's error, a panic), inside the layout.

use resuma::flow::PageError;
use resuma::prelude::*;

pub fn view(error: &PageError) -> impl IntoView {
    let message = error.message().to_owned();
    view! {
        <h1>"Something went wrong"</h1>
        <p>{message}</p>
    }
}
