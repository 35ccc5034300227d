//! Binding markers, recorded while a page renders and written when its
//! markup is complete (protocol.md §2, §3).
//!
//! A text marker or a `data-r-b` entry only matters to the browser if
//! client code can change its signal: a handler, a list or conditional, a
//! derived value, a computed or an effect captures it. Whether one does is
//! often only known after the binding was rendered (`<p>{count}</p>` comes
//! before the button that changes `count`). So [`Marks`] notes each binding
//! with its place in the output buffer, and [`Marks::write_into`] writes the
//! buffer again once, with the markers of the signals that are kept and
//! without the others. Leaving a signal out this way also keeps it out of
//! the state script: nothing in the browser would ever read it.
//!
//! The same pass writes the ids relative to each other (§2), which is only
//! possible once it is known which markers are written, and leaves out the
//! `<!---->` that closes a bound text where an end tag follows: the parent
//! element's end closes the text node as well.

use crate::html::push_bound_id;

/// Which recorded bindings [`Marks::write_into`] writes.
#[derive(Clone, Copy)]
pub(crate) enum Keep<'a> {
    /// All of them: a fragment ([`crate::render_to_string`]), which has no
    /// state script and may be shown next to code this render cannot see.
    All,
    /// Those whose signal is marked in this table (indexed by id): the
    /// page's captured signals.
    Captured(&'a [bool]),
}

impl Keep<'_> {
    fn keeps(self, id: u32) -> bool {
        match self {
            Keep::All => true,
            Keep::Captured(captured) => captured.get(id as usize).copied().unwrap_or(false),
        }
    }
}

/// The bindings of one render, in the order of their places in its buffer.
#[derive(Default)]
pub(crate) struct Marks {
    marks: Vec<Mark>,
    /// The bound attributes of all start tags, in order; a [`Kind::Attrs`]
    /// mark owns a range of them.
    attrs: Vec<BoundAttr>,
    /// Where the bound attributes of the start tag being written begin.
    tag_attrs: usize,
    /// Their names, one after the other (see [`BoundAttr::name`]).
    names: String,
    /// The most bytes the recorded markers take when all are written.
    room: usize,
}

/// A binding's place in the buffer (a byte offset) and what goes there.
struct Mark {
    at: usize,
    kind: Kind,
}

enum Kind {
    /// `<!--r:ID-->`, or `<!--r:IDn-->` for a `number` read back (§5).
    TextStart { id: u32, number: bool },
    /// The `<!---->` that closes the text of signal `id`.
    TextEnd { id: u32 },
    /// ` data-r-b="…"` with the bound attributes `attrs[from..to]`.
    Attrs { from: usize, to: usize },
    /// What follows stands elsewhere in the document than what precedes
    /// it (a streamed part's placeholder): the next id is written in full.
    Restart,
}

/// Attribute `names[name.0..name.1]` of a start tag, bound to signal `id`.
struct BoundAttr {
    name: (usize, usize),
    id: u32,
    number: bool,
}

thread_local! {
    /// How many marks and bound attributes the last page rendered on this
    /// thread recorded: the next page's vectors start with that much room
    /// (as the page buffer does, crate::render), instead of growing by
    /// copies through a thousand rows.
    static LAST_COUNTS: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

impl Marks {
    /// Empty, with room for as many bindings as the last page on this
    /// thread had.
    pub(crate) fn sized_like_last_page() -> Marks {
        let (marks, attrs) = LAST_COUNTS.with(|c| c.get());
        Marks {
            marks: Vec::with_capacity(marks),
            attrs: Vec::with_capacity(attrs),
            ..Marks::default()
        }
    }

    /// A bound text of signal `id` starts at `at`.
    pub(crate) fn text_start(&mut self, at: usize, id: u32, number: bool) {
        // `<!--r:-4294967295n-->` is the longest a text marker gets.
        self.room += 21;
        self.marks.push(Mark { at, kind: Kind::TextStart { id, number } });
    }

    /// The bound text of signal `id` ends at `at`.
    pub(crate) fn text_end(&mut self, at: usize, id: u32) {
        self.room += "<!---->".len();
        self.marks.push(Mark { at, kind: Kind::TextEnd { id } });
    }

    /// Attribute `name` of the start tag being written is bound to `id`.
    pub(crate) fn attr(&mut self, name: &str, id: u32, number: bool) {
        let start = self.names.len();
        // ` data-r-b="…"` around a first entry, then ` NAME=-4294967295n`.
        self.room += " data-r-b=\"\"".len() + 1 + name.len() + 12;
        self.names.push_str(name);
        self.attrs.push(BoundAttr { name: (start, self.names.len()), id, number });
    }

    /// The start tag being written ends at `at` (before its `>`): its bound
    /// attributes, if any, are listed there.
    pub(crate) fn end_start_tag(&mut self, at: usize) {
        let (from, to) = (self.tag_attrs, self.attrs.len());
        if from < to {
            self.marks.push(Mark { at, kind: Kind::Attrs { from, to } });
            self.tag_attrs = to;
        }
    }

    /// Attribute `name` of the start tag that ended at `at` is bound to
    /// `id` (a `<textarea>`'s `value`, crate::text_element), found out
    /// after the tag was written. It joins the tag's other bound attributes
    /// in one `data-r-b`. Returns false, recording nothing, if something
    /// was marked after `at` already (the places must stay in order).
    pub(crate) fn bind_attr_at(&mut self, at: usize, name: &str, id: u32) -> bool {
        if self.recorded_after(at) {
            return false;
        }
        let tag_has_attrs = matches!(
            self.marks.last(),
            Some(Mark { at: last, kind: Kind::Attrs { .. } }) if *last == at
        );
        self.attr(name, id, false);
        if tag_has_attrs {
            if let Some(Mark { kind: Kind::Attrs { to, .. }, .. }) = self.marks.last_mut() {
                *to = self.attrs.len();
            }
            self.tag_attrs = self.attrs.len();
        } else {
            self.end_start_tag(at);
        }
        true
    }

    /// Whether a binding was recorded at a place after `at`.
    pub(crate) fn recorded_after(&self, at: usize) -> bool {
        self.marks.last().is_some_and(|last| last.at > at)
    }

    /// Relative ids start again at `at`.
    pub(crate) fn restart(&mut self, at: usize) {
        self.marks.push(Mark { at, kind: Kind::Restart });
    }

    /// Whether nothing is waiting to be written.
    pub(crate) fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// `buf` again with the markers `keep` keeps written in their places;
    /// forgets them all. Returns `buf` itself when nothing was recorded.
    pub(crate) fn write_into(&mut self, buf: String, keep: Keep<'_>) -> String {
        if self.marks.is_empty() {
            return buf;
        }
        // Room for every marker (`room`), so the page is not copied again
        // as it grows.
        let mut out = String::with_capacity(buf.len() + self.room);
        let mut copied = 0;
        let mut previous = None;
        for (i, mark) in self.marks.iter().enumerate() {
            out.push_str(&buf[copied..mark.at]);
            copied = mark.at;
            match mark.kind {
                Kind::TextStart { id, number } if keep.keeps(id) => {
                    out.push_str("<!--r:");
                    push_bound_id(&mut out, &mut previous, id);
                    out.push_str(if number { "n-->" } else { "-->" });
                }
                Kind::TextEnd { id } if keep.keeps(id) && !self.end_tag_follows(i, &buf, keep) => {
                    out.push_str("<!---->");
                }
                Kind::Attrs { from, to } => {
                    let mut first = true;
                    for attr in self.attrs[from..to].iter().filter(|a| keep.keeps(a.id)) {
                        out.push_str(if first { " data-r-b=\"" } else { " " });
                        first = false;
                        out.push_str(&self.names[attr.name.0..attr.name.1]);
                        out.push('=');
                        push_bound_id(&mut out, &mut previous, attr.id);
                        if attr.number {
                            out.push('n');
                        }
                    }
                    if !first {
                        out.push('"');
                    }
                }
                Kind::Restart => previous = None,
                _ => {}
            }
        }
        out.push_str(&buf[copied..]);
        LAST_COUNTS.with(|c| c.set((self.marks.len(), self.attrs.len())));
        // Keep the vectors' room: the next page on this buffer is likely as
        // large.
        self.marks.clear();
        self.attrs.clear();
        self.names.clear();
        self.tag_attrs = 0;
        self.room = 0;
        out
    }

    /// Whether an end tag comes right after the text that mark `i` closes,
    /// in the output: no kept marker is written at the same place, and the
    /// buffer goes on with `</` there. A bound text is then its parent's
    /// last child, which the end tag closes as the `<!---->` would.
    fn end_tag_follows(&self, i: usize, buf: &str, keep: Keep<'_>) -> bool {
        let at = self.marks[i].at;
        let marker_follows = self.marks[i + 1..]
            .iter()
            .take_while(|m| m.at == at)
            .any(|m| matches!(m.kind, Kind::TextStart { id, .. } if keep.keeps(id)));
        !marker_follows && buf[at..].starts_with("</")
    }
}
