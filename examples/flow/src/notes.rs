//! The notes: a small in-memory store, given to the pages as app state
//! (`App::with_state`), no global.

use std::sync::Arc;

/// One note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its number in the URL (`/notes/1`).
    pub id: u32,
    /// Its title, also the page's `<title>`.
    pub title: String,
    /// Its text.
    pub body: String,
}

/// Every note, shared by all requests.
#[derive(Debug, Clone)]
pub struct Notes(Arc<Vec<Note>>);

impl Notes {
    /// Three notes to look at.
    pub fn sample() -> Self {
        let note = |id, title: &str, body: &str| Note {
            id,
            title: title.to_owned(),
            body: body.to_owned(),
        };
        Notes(Arc::new(vec![
            note(1, "Groceries", "Milk, eggs & bread."),
            note(2, "Ideas", "A notes app whose pages are files."),
            note(3, "Reading <list>", "The Rust book, then the axum docs."),
        ]))
    }

    /// All notes, in order.
    pub fn all(&self) -> &[Note] {
        &self.0
    }

    /// The note numbered `id`.
    pub fn get(&self, id: u32) -> Option<&Note> {
        self.0.iter().find(|n| n.id == id)
    }
}
