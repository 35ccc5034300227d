//! Markdown → HTML with pulldown-cmark. Raw HTML in the source is shown as
//! text, never passed through, so the preview can be written with
//! `innerHTML` without letting a draft inject markup or scripts.

use pulldown_cmark::{html, Event, Options, Parser};

/// Render `markdown` to HTML (tables and strikethrough on; raw HTML escaped).
///
/// ```
/// assert_eq!(markdown_preview::render_html("# Hi *there*"), "<h1>Hi <em>there</em></h1>\n");
/// assert_eq!(markdown_preview::render_html("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
/// ```
pub fn render_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}
