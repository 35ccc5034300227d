use resuma::axum::http::HeaderMap;
use resuma::flow::PageError;
use resuma::prelude::*;

pub async fn load(_headers: HeaderMap) -> Result<u32, PageError> {
    Ok(1)
}

pub fn view(id: u32) -> impl IntoView {
    view! { <h1>{id}</h1> }
}
