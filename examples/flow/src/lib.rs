//! Resuma Flow, shown on a small notes app. Every page is a file under
//! `src/pages/` (see `resuma::pages!` for the naming scheme):
//!
//! | file                    | route          |
//! |-------------------------|----------------|
//! | `_layout.rs`            | wraps them all |
//! | `index.rs`              | `/`            |
//! | `notes/[id].rs`         | `/notes/{id}`  |
//! | `login.rs`              | `/login`       |
//! | `admin/_middleware.rs`  | gates `/admin` |
//! | `admin/index.rs`        | `/admin`       |
//! | `slow.rs`               | `/slow`        |
//! | `_404.rs`, `_500.rs`    | error pages    |

pub mod auth;
pub mod notes;

resuma::pages!("pages");

use resuma::prelude::*;

/// The app: the page files' route table and the notes as app state.
pub fn app() -> App {
    App::new()
        .with_state(notes::Notes::sample())
        .head(STYLE)
        .flow(pages::routes().title("Flow notes"))
}

/// A little CSS: the page CSP allows inline styles (`style-src 'unsafe-inline'`).
const STYLE: &str =
    "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}\
nav ul{display:flex;gap:1rem;list-style:none;padding:0}main{margin-top:1rem}</style>";
