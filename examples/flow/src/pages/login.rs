//! `/login?next=PATH`: a plain form (it works without JavaScript) posting
//! to `log_in`. Once logged in, this page sends the visitor on to `next`
//! when it is a page of this site (never elsewhere: no open redirect).

use resuma::axum::extract::Query;
use resuma::flow::{Head, PageError};
use resuma::form::submitted_value;
use resuma::prelude::*;

use crate::auth::{log_in, DEMO};

#[derive(serde::Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn load(Query(query): Query<Next>) -> Result<Option<String>, PageError> {
    let user = crate::auth::user();
    match (user, query.next) {
        // `redirect` only follows a path of this site.
        (Some(_), Some(next)) => Err(PageError::redirect(next)),
        (user, _) => Ok(user),
    }
}

pub fn head(_: &Option<String>) -> Head {
    Head::title("Log in")
}

pub fn view(user: Option<String>) -> impl IntoView {
    let status = use_signal(match &user {
        Some(name) => format!("Logged in as {name}."),
        None => String::new(),
    });
    view! {
        <h1>"Log in"</h1>
        <p>"Demo account: name " <code>{DEMO.0}</code> ", password " <code>{DEMO.1}</code> "."</p>
        <Form action={log_in {}} result={status} label="Log in">
            <p>
                <label for="name">"Name"</label>
                <input id="name" name="name" autocomplete="username" required value={submitted_value("name")}>
            </p>
            <p>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
            </p>
            <FieldError name="password" />
            <button>"Log in"</button>
        </Form>
        <p role="status">{status}</p>
        <p><a href="/admin">"Go to the admin page"</a></p>
    }
}
