//! Gates everything under `/admin`: without a login, `303` to
//! `/login?next=PATH`.

use resuma::axum::http::Uri;
use resuma::flow::PageError;

pub async fn check(uri: Uri) -> Result<(), PageError> {
    match crate::auth::user() {
        Some(_) => Ok(()),
        None => Err(PageError::redirect(format!("/login?next={}", uri.path()))),
    }
}
