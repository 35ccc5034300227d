//! {{name}}: the pages are the files under `src/pages/`.

resuma::pages!("pages");

use resuma::prelude::*;

/// The app: the route table made from `src/pages/`.
pub fn app() -> App {
    App::new().flow(pages::routes().title("{{name}}"))
}
