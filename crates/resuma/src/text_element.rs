//! `<textarea>` and `<title>`: elements whose content the HTML parser reads
//! as text ("escapable raw text"). A binding marker there would not be a
//! comment but three dozen literal characters shown to the user, so a
//! signal rendered in their content is written as plain text, and:
//!
//! - in a `<textarea>` whose whole content is that one signal, the signal
//!   is bound to the element's `value` (protocol.md §3), which is what the
//!   browser shows and what a handler's update must change;
//! - anywhere else (a `<title>`, or a textarea mixing the signal with other
//!   text) it cannot follow the signal in the browser: if client code does
//!   capture the signal, the server says so in its log when the page is
//!   rendered ([`Html`](crate::html::Html) keeps the ids).
//!
//! Such a signal's value always goes into the state script: the browser
//! cannot read it back from a marker.

/// What [`Html`](crate::html::Html) remembers about the open text element.
pub(crate) struct OpenTextElement {
    /// Whether it is a `<textarea>` (else a `<title>`).
    pub(crate) textarea: bool,
    /// Where its start tag's bound attributes are listed (before the `>`).
    pub(crate) tag_end: usize,
    /// Where its content starts (after the `>`).
    pub(crate) content: usize,
    /// The signals rendered in the content so far, each with the byte range
    /// of its text.
    pub(crate) bound: Vec<BoundText>,
}

/// A signal's text inside a text element.
pub(crate) struct BoundText {
    pub(crate) id: u32,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// What closing a text element does with the signals in its content.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Nothing was bound in it.
    Plain,
    /// Bind this signal to the textarea's `value`.
    BindValue(u32),
    /// These signals are shown but cannot be followed in the browser.
    Unbindable(Vec<u32>),
}

impl OpenTextElement {
    /// What to do with the bound signals, now that the content ends at
    /// `end`. Only a textarea whose content is exactly one signal's text
    /// can follow it: its `value` replaces the whole content.
    pub(crate) fn outcome(&self, end: usize) -> Outcome {
        match self.bound.as_slice() {
            [] => Outcome::Plain,
            [one] if self.textarea && one.start == self.content && one.end == end => {
                Outcome::BindValue(one.id)
            }
            many => Outcome::Unbindable(many.iter().map(|b| b.id).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BoundText, OpenTextElement, Outcome};

    fn open(textarea: bool, bound: Vec<BoundText>) -> OpenTextElement {
        OpenTextElement { textarea, tag_end: 9, content: 10, bound }
    }

    #[test]
    fn a_textarea_of_one_signal_binds_its_value() {
        let one = open(true, vec![BoundText { id: 4, start: 10, end: 15 }]);
        assert_eq!(one.outcome(15), Outcome::BindValue(4));
    }

    #[test]
    fn other_text_around_the_signal_or_a_title_cannot_follow_it() {
        let with_prefix = open(true, vec![BoundText { id: 4, start: 12, end: 15 }]);
        assert_eq!(with_prefix.outcome(15), Outcome::Unbindable(vec![4]));
        let with_suffix = open(true, vec![BoundText { id: 4, start: 10, end: 15 }]);
        assert_eq!(with_suffix.outcome(18), Outcome::Unbindable(vec![4]));
        let two = open(
            true,
            vec![BoundText { id: 4, start: 10, end: 12 }, BoundText { id: 5, start: 12, end: 15 }],
        );
        assert_eq!(two.outcome(15), Outcome::Unbindable(vec![4, 5]));
        let title = open(false, vec![BoundText { id: 4, start: 10, end: 15 }]);
        assert_eq!(title.outcome(15), Outcome::Unbindable(vec![4]));
        assert_eq!(open(false, vec![]).outcome(15), Outcome::Plain);
    }
}
