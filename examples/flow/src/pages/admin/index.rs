//! `/admin`: only for the logged-in (see `_middleware.rs`).

use resuma::flow::{Head, PageError};
use resuma::prelude::*;

use crate::auth::log_out;

/// Pages for one visitor only; no cache may keep them.
pub const CACHE_CONTROL: &str = "no-store";

pub async fn load() -> Result<String, PageError> {
    crate::auth::user().ok_or_else(PageError::not_found)
}

pub fn head(_: &String) -> Head {
    Head::title("Admin")
}

pub fn view(user: String) -> impl IntoView {
    let status = use_signal(String::new());
    view! {
        <h1>"Admin"</h1>
        <p>"Logged in as " {user} "."</p>
        <Form action={log_out {}} result={status} label="Log out">
            <button>"Log out"</button>
        </Form>
        <p role="status">{status}</p>
    }
}
