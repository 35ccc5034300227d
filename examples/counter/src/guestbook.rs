//! A plain HTML form posting to a form-encoded server function: it works
//! with JavaScript disabled (the server answers the post with a redirect
//! back to the page).

use resuma::prelude::*;

/// The store key of the latest signatures, newest last (at most [`KEEP`]).
const ENTRIES: &str = "guestbook";
const KEEP: usize = 20;

/// Adds a name to the guestbook.
#[server(encoding = "form")]
pub async fn sign_guestbook(name: String) -> Result<(), ServerFnError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(ServerFnError::custom(
            "invalid_name",
            StatusCode::UNPROCESSABLE_ENTITY,
            "a name is 1 to 40 characters",
        ));
    }
    crate::store()?
        .update(ENTRIES, |entries: &mut Vec<String>| {
            entries.push(name.to_owned());
            if entries.len() > KEEP {
                entries.remove(0);
            }
        })
        .map_err(|err| ServerFnError::internal(&err))?;
    tracing::info!(name, "guestbook signed");
    Ok(())
}

/// The form and the signatures so far.
#[component]
pub fn Guestbook() -> impl IntoView {
    // A store that cannot be read shows no signatures; the form still works.
    let entries = crate::store()
        .ok()
        .and_then(|store| store.get_json::<Vec<String>>(ENTRIES).ok().flatten())
        .unwrap_or_default();
    view! {
        <section>
            <h2>"Guestbook"</h2>
            <form method="post" action="/_resuma/action/sign_guestbook">
                {resuma::server_fn::csrf_field()}
                <label>"Name " <input name="name" required maxlength="40" /></label>
                <button type="submit">"Sign"</button>
            </form>
            <ul id="guestbook">{entries.into_iter().map(|e| view! { <li>{e}</li> }).collect::<Vec<_>>()}</ul>
        </section>
    }
}
