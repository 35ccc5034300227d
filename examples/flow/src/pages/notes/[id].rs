//! `/notes/{id}`: one note; its title is the page's `<title>`. An id that
//! is not a number, or no such note, is the 404 page.

use resuma::axum::extract::Path;
use resuma::flow::{AppState, Head, PageError};
use resuma::prelude::*;

use crate::notes::{Note, Notes};

pub async fn load(
    Path(id): Path<u32>,
    AppState(notes): AppState<Notes>,
) -> Result<Note, PageError> {
    notes.get(id).cloned().ok_or_else(PageError::not_found)
}

pub fn head(note: &Note) -> Head {
    Head::title(note.title.clone())
}

pub fn view(note: Note) -> impl IntoView {
    view! {
        <article>
            <h1>{note.title}</h1>
            <p>{note.body}</p>
        </article>
        <p><a href="/">"All notes"</a></p>
    }
}
