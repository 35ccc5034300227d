//! The page both renderers draw in the SSR benchmark, and the helpers that
//! check the two outputs show the same thing.
//!
//! The page is a heading, one button with a click handler and a 1000-row
//! table. Every row owns three signals: a label and a count shown as text,
//! and a CSS class bound to the row's `class` attribute. The Resuma side
//! lives here; the Leptos side lives in `benches/common/leptos_page.rs`
//! because Leptos is only a dev-dependency of this crate.

pub mod resuma_page;

/// Rows in the benchmark table.
pub const ROWS: usize = 1000;

/// The `<title>` of the page, the same for both renderers.
pub const TITLE: &str = "SSR benchmark";

/// The data one table row starts from. A render turns each field into a
/// signal, as a real page would turn loaded data into state.
#[derive(Debug, Clone)]
pub struct RowData {
    /// Shown in the first cell as plain (unbound) text.
    pub id: u32,
    /// The label signal's initial value.
    pub label: String,
    /// The count signal's initial value.
    pub count: i32,
    /// The class signal's initial value.
    pub class: String,
}

const ADJECTIVES: [&str; 8] = ["pretty", "large", "big", "small", "tall", "short", "long", "handsome"];
const COLOURS: [&str; 6] = ["red", "yellow", "blue", "green", "pink", "brown"];
const NOUNS: [&str; 7] = ["table", "chair", "house", "bbq", "desk", "car", "pony"];

/// The table's rows: deterministic labels, and every tenth label holds
/// characters that must be escaped (`&`, `<`, `>`, `"`), so both renderers
/// pay for escaping on the same inputs.
pub fn rows() -> Vec<RowData> {
    (0..ROWS)
        .map(|i| {
            let mut label = format!(
                "{} {} {}",
                ADJECTIVES[i % ADJECTIVES.len()],
                COLOURS[i % COLOURS.len()],
                NOUNS[i % NOUNS.len()]
            );
            if i % 10 == 0 {
                label.push_str(" & \"friends\" <3");
            }
            let class = if i % 2 == 0 { "row even" } else { "row odd" };
            RowData {
                id: i as u32 + 1,
                label,
                count: (i as i32 * 37) % 1000 - 500,
                class: class.to_string(),
            }
        })
        .collect()
}

/// Reduce a rendered page to what a reader sees, so the two renderers'
/// pages can be compared: drop comments (Resuma's `<!--r:N-->…<!---->`
/// binding markers, Leptos's `<!>` hydration markers), `<script>` elements,
/// and the `data-r-*` attributes that only Resuma's client reads.
pub fn normalize(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!>") {
            rest = after;
        } else if rest.starts_with("<!--") {
            let end = rest[4..].find("-->").expect("unclosed comment") + 4 + 3;
            rest = &rest[end..];
        } else if rest.starts_with("<script") {
            let end = rest.find("</script>").expect("unclosed script") + "</script>".len();
            rest = &rest[end..];
        } else if rest.starts_with(" data-r-") {
            // ` data-r-NAME="VALUE"` or a bare ` data-r-NAME`.
            let name_end = rest[1..].find([' ', '>', '=']).map_or(rest.len(), |i| i + 1);
            rest = &rest[name_end..];
            if let Some(value) = rest.strip_prefix("=\"") {
                let close = value.find('"').expect("unclosed attribute value");
                rest = &value[close + 1..];
            }
        } else {
            let ch = rest.chars().next().expect("rest is not empty");
            out.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_drops_markers_scripts_and_resuma_attributes() {
        let resuma = r#"<tr class="a" data-r-b="class=2"><td><!--r:0-->x<!----></td><button data-r-on:click="h1#h0|3" data-r-prevent:click>b</button></tr><script type="resuma/state">{}</script>"#;
        let leptos = r#"<tr class="a"><td>x<!></td><button>b</button></tr>"#;
        assert_eq!(normalize(resuma), normalize(leptos));
        assert_eq!(normalize(leptos), r#"<tr class="a"><td>x</td><button>b</button></tr>"#);
    }

    #[test]
    fn rows_are_deterministic_and_some_need_escaping() {
        let rows = rows();
        assert_eq!(rows.len(), ROWS);
        assert_eq!(rows[0].label, "pretty red table & \"friends\" <3");
        assert_eq!(rows[1].label, "large yellow chair");
        assert!(rows.iter().filter(|r| r.label.contains('&')).count() == ROWS / 10);
    }
}
