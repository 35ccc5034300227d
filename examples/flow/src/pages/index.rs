//! `/`: the list of notes.

use resuma::flow::{AppState, Head, PageError};
use resuma::prelude::*;

use crate::notes::{Note, Notes};

pub async fn load(AppState(notes): AppState<Notes>) -> Result<Vec<Note>, PageError> {
    Ok(notes.all().to_vec())
}

pub fn head(notes: &[Note]) -> Head {
    Head::title("Notes").meta("description", format!("{} notes", notes.len()))
}

pub fn view(notes: Vec<Note>) -> impl IntoView {
    let items = notes
        .into_iter()
        .map(|note| view! { <li><a href={format!("/notes/{}", note.id)}>{note.title}</a></li> })
        .collect::<Vec<_>>();
    view! {
        <h1>"Notes"</h1>
        <ul>{items}</ul>
    }
}
