//! [`Head`]: a page's `<title>` and `<meta>` tags, computed from its data.

use crate::html::Html;

/// The `<title>` and `<meta name content>` tags of one page, usually made
/// from the loader's data by the page's `head` function. Both are written as
/// text, escaped.
///
/// ```
/// use resuma::flow::Head;
///
/// let head = Head::title("Groceries").meta("description", "Milk, eggs & <bread>");
/// assert_eq!(head.title_text(), Some("Groceries"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    title: Option<String>,
    meta: Vec<(String, String)>,
}

impl Head {
    /// A head with this `<title>`.
    pub fn title(title: impl Into<String>) -> Self {
        Head {
            title: Some(title.into()),
            meta: Vec::new(),
        }
    }

    /// Add `<meta name="NAME" content="CONTENT">`.
    pub fn meta(mut self, name: impl Into<String>, content: impl Into<String>) -> Self {
        self.meta.push((name.into(), content.into()));
        self
    }

    /// The title, if one was set.
    pub fn title_text(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The `<meta>` tags as markup, escaped.
    pub(crate) fn meta_markup(&self) -> String {
        let mut out = Html::default();
        for (name, content) in &self.meta {
            out.raw("<meta name=\"");
            out.attr_value(name);
            out.raw("\" content=\"");
            out.attr_value(content);
            out.raw("\">");
        }
        out.into_string()
    }
}
