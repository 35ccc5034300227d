//! The DOM benchmark's server: `/resuma` (the Resuma page, [`page::Page`])
//! and `/vanilla` (a hand-written page doing the same with plain DOM code),
//! served from one binary so both have the same origin, server and headers.
//! `run.mjs` starts it with `HOST=127.0.0.1 PORT=...`.

mod page;

use resuma::axum::http::header;
use resuma::axum::routing::get;
use resuma::App;

const VANILLA_HTML: &str = include_str!("../static/vanilla.html");
const VANILLA_JS: &str = include_str!("../static/vanilla.js");
/// Shared by both pages, so both lay out the same table.
const CSS: &str = include_str!("../static/bench.css");

fn app() -> App {
    App::new()
        .head(r#"<link rel="stylesheet" href="/bench.css">"#)
        .page("/resuma", "Resuma keyed", || resuma::view! { <page::Page /> })
        .route("/vanilla", get(|| async { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], VANILLA_HTML) }))
        .route("/vanilla.js", get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], VANILLA_JS) }))
        .route("/bench.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS) }))
}

#[resuma::tokio::main(crate = "resuma::tokio")]
async fn main() -> Result<(), resuma::ServeError> {
    resuma::serve(app()).await
}

#[cfg(test)]
mod tests {
    /// Both pages must generate the same labels: the vanilla page's
    /// generator is the one `page.rs` documents and copies into its `js!`.
    #[test]
    fn both_pages_share_the_label_generator() {
        assert!(super::VANILLA_JS.contains(super::page::LABEL_JS));
        assert!(include_str!("../lib.mjs").contains(super::page::LABEL_JS), "lib.mjs's model must label rows the same way");
        let page_source = include_str!("page.rs");
        // The constant itself plus one copy per generating handler.
        assert_eq!(page_source.matches(super::page::LABEL_JS).count(), 4);
    }
}
