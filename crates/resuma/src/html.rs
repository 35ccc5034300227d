//! [`Html`]: the one output buffer a render writes into, plus what the page
//! learns while rendering (bound ids, event types) for its closing scripts.
//!
//! The `view!` macro joins all static markup of a template into string
//! literals at compile time, so at run time rendering is a sequence of
//! `push_str` calls into one `String` with escaping done in place: no
//! intermediate string per node.

use std::fmt::{self, Write as _};

use crate::escape;
use crate::marks::{Keep, Marks};
use crate::shown::Shown;
use crate::text_element::{BoundText, OpenTextElement, Outcome};

/// The output of a render in progress.
#[derive(Default)]
pub struct Html {
    buf: String,
    /// The text markers and bound attributes rendered so far, written into
    /// `buf` by [`Html::write_bindings`] (crate::marks).
    marks: Marks,
    /// `name=CHUNK#SYMBOL|ids` derived attributes of that tag, flushed as
    /// `data-r-d` (protocol.md §14).
    pending_derived: String,
    /// `referenced[id]` is true when the page needs slot `id` in its state:
    /// client code captures it (a bound text or attribute alone does not
    /// count, crate::marks).
    referenced: Vec<bool>,
    /// Event types with a handler on this page, in first-use order.
    events: Vec<&'static str>,
    /// Whether an island was rendered (the page then gets the boot script).
    islands: bool,
    /// Whether the page needs the full build of the core runtime
    /// (crate::core_build): set by what the lite build cannot do.
    full_core: bool,
    /// The `<textarea>` or `<title>` whose content is being written
    /// (crate::text_element): no marker can stand there.
    text_element: Option<OpenTextElement>,
    /// Signals shown in a text element where the browser cannot follow
    /// them; the page's log names those that client code captures.
    unbindable: Vec<u32>,
}

impl Html {
    /// An empty buffer with room for `capacity` bytes (and for as many
    /// bindings as the last page rendered on this thread).
    pub fn with_capacity(capacity: usize) -> Self {
        Html {
            buf: String::with_capacity(capacity),
            marks: Marks::sized_like_last_page(),
            ..Html::default()
        }
    }

    /// Append markup as it is. The macros only pass compile-time strings that
    /// they built (and escaped) themselves.
    #[doc(hidden)]
    pub fn raw(&mut self, markup: &str) {
        self.buf.push_str(markup);
    }

    /// Append text, escaped.
    pub fn text(&mut self, text: &str) {
        escape::text_into(&mut self.buf, text);
    }

    /// Append the decimal form of `id` (markers, binding lists, state keys).
    pub(crate) fn id(&mut self, id: u32) {
        push_u32(&mut self.buf, id);
    }

    /// Append `n` in decimal, as both `Display` and JSON write it.
    pub(crate) fn int(&mut self, n: i64) {
        self.buf.push_str(itoa::Buffer::new().format(n));
    }

    /// Append `n` in decimal, as both `Display` and JSON write it.
    pub(crate) fn uint(&mut self, n: u64) {
        push_u64(&mut self.buf, n);
    }

    /// Append the `Display` form of `value`, escaped, without an intermediate
    /// `String` (numbers never need escaping, so they go straight in).
    pub fn display(&mut self, value: &dyn fmt::Display) {
        struct Escaper<'a>(&'a mut String);
        impl fmt::Write for Escaper<'_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                escape::text_into(self.0, s);
                Ok(())
            }
        }
        // Writing into a String cannot fail; a failing Display impl is a bug
        // in that impl, and we keep what it wrote so far.
        let _ = write!(Escaper(&mut self.buf), "{value}");
    }

    /// Append text bound to slot `id` (protocol.md §2).
    pub(crate) fn bound_text(&mut self, id: u32, value: &dyn fmt::Display) {
        self.bound(id, false, |out| out.display(value));
    }

    /// Append text bound to slot `id` whose value the browser reads back
    /// from the markup (protocol.md §2, §5): a number's id ends in `n`.
    /// Strings and integers are written directly, not through `core::fmt`.
    /// Returns false where the browser cannot read it back (in a
    /// `<textarea>` or `<title>`, crate::text_element): the value then
    /// goes into the state.
    pub(crate) fn bound_shown(&mut self, id: u32, value: &Shown<'_>) -> bool {
        self.bound(id, value.is_number(), |out| match *value {
            Shown::Str(s) => escape::text_into(&mut out.buf, s),
            Shown::Int(n) => out.int(n),
            Shown::UInt(n) => out.uint(n),
        })
    }

    /// The text of slot `id`, written by `write`: between text markers, or,
    /// inside a text element, plainly and noted for
    /// [`Html::text_element_end`]. Returns whether markers were recorded.
    fn bound(&mut self, id: u32, number: bool, write: impl FnOnce(&mut Self)) -> bool {
        let start = self.buf.len();
        let marked = self.text_element.is_none();
        if marked {
            self.marks.text_start(start, id, number);
        }
        write(self);
        let end = self.buf.len();
        match &mut self.text_element {
            Some(open) => open.bound.push(BoundText { id, start, end }),
            None => self.marks.text_end(end, id),
        }
        marked
    }

    /// Finish the start tag of a `<textarea>` (`textarea` true) or a
    /// `<title>` and open its content, which the HTML parser reads as text
    /// (crate::text_element). [`Html::text_element_end`] closes it.
    #[doc(hidden)]
    pub fn text_element_start(&mut self, textarea: bool) {
        let tag_end = self.buf.len();
        self.end_start_tag();
        let content = self.buf.len();
        self.text_element = Some(OpenTextElement { textarea, tag_end, content, bound: Vec::new() });
    }

    /// Close the content opened by [`Html::text_element_start`]; the end
    /// tag follows. A textarea whose content is one signal gets it bound to
    /// its `value`; a textarea's content that starts with a line break gets
    /// one more, because the HTML parser drops the first.
    #[doc(hidden)]
    pub fn text_element_end(&mut self) {
        let Some(open) = self.text_element.take() else { return };
        let end = self.buf.len();
        match open.outcome(end) {
            Outcome::Plain => {}
            Outcome::BindValue(id) => {
                if !self.marks.bind_attr_at(open.tag_end, "value", id) {
                    self.unbindable.push(id);
                }
            }
            Outcome::Unbindable(ids) => self.unbindable.extend(ids),
        }
        // Only where nothing was marked inside the content (markup there
        // is the template's mistake): a recorded place must not move.
        if open.textarea
            && self.buf[open.content..].starts_with('\n')
            && !self.marks.recorded_after(open.tag_end)
        {
            self.buf.insert(open.content, '\n');
        }
    }

    /// Append ` name="value"` with the value escaped.
    pub fn attr(&mut self, name: &str, value: &dyn fmt::Display) {
        struct AttrEscaper<'a>(&'a mut String);
        impl fmt::Write for AttrEscaper<'_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                escape::attr_into(self.0, s);
                Ok(())
            }
        }
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        let _ = write!(AttrEscaper(&mut self.buf), "{value}");
        self.buf.push('"');
    }

    /// Append ` name="value"` with the value escaped, for a string value
    /// (without going through `core::fmt`).
    pub(crate) fn attr_str(&mut self, name: &str, value: &str) {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        escape::attr_into(&mut self.buf, value);
        self.buf.push('"');
    }

    /// Append an attribute value (without quotes), escaped.
    #[doc(hidden)]
    pub fn attr_value(&mut self, value: &str) {
        escape::attr_into(&mut self.buf, value);
    }

    /// Append JSON made safe for a `<script>` element (protocol.md §5).
    #[doc(hidden)]
    pub fn script_json(&mut self, json: &str) {
        escape::script_json_into(&mut self.buf, json);
    }

    /// Append a bare boolean attribute (` disabled`).
    #[doc(hidden)]
    pub fn bare_attr(&mut self, name: &str) {
        self.buf.push(' ');
        self.buf.push_str(name);
    }

    /// Record that attribute `name` of the start tag being written is bound
    /// to slot `id`; [`Html::end_start_tag`] notes the place of its
    /// `data-r-b` list. `number`: the browser reads the value back from the
    /// attribute as a number, so the id gets an `n` (protocol.md §3, §5).
    pub(crate) fn bind_attr(&mut self, name: &str, id: u32, number: bool) {
        self.marks.attr(name, id, number);
    }

    /// Record that attribute `name` of the start tag being written is the
    /// derived value `CHUNK#SYMBOL` of the captures `ids` (protocol.md §14).
    #[doc(hidden)]
    pub fn derive_attr(&mut self, name: &str, chunk: &str, symbol: &str, ids: &[u32]) {
        self.require_full_core();
        let mut list = std::mem::take(&mut self.pending_derived);
        if !list.is_empty() {
            list.push(' ');
        }
        let _ = write!(list, "{name}={chunk}#{symbol}|");
        // The ids go through the one writer that also marks them referenced.
        let start = self.buf.len();
        self.capture_list(ids);
        list.push_str(&self.buf[start..]);
        self.buf.truncate(start);
        self.pending_derived = list;
    }

    /// Finish a start tag: note the place of its bound attributes, flush
    /// its derived ones (protocol.md §3, §14), then `>`.
    #[doc(hidden)]
    pub fn end_start_tag(&mut self) {
        self.marks.end_start_tag(self.buf.len());
        if !self.pending_derived.is_empty() {
            // Plain pushes: `write!` here was a tenth of a table row's time.
            self.buf.push_str(" data-r-d=\"");
            self.buf.push_str(&self.pending_derived);
            self.buf.push('"');
            self.pending_derived.clear();
        }
        self.buf.push('>');
    }

    /// Open a derived text (protocol.md §14): `<!--r-d:CHUNK#SYMBOL|ids-->`;
    /// the value and [`Html::block_end`] follow.
    #[doc(hidden)]
    pub fn derived_text_start(&mut self, chunk: &str, symbol: &str, ids: &[u32]) {
        self.require_full_core();
        let _ = write!(self.buf, "<!--r-d:{chunk}#{symbol}|");
        self.capture_list(ids);
        self.buf.push_str("-->");
    }

    /// In a handler's capture list, "the item of the `<For>` row this
    /// element is in", written `~` (protocol.md §11).
    #[doc(hidden)]
    pub const ROW_ITEM: u32 = u32::MAX;

    /// Append ` data-r-on:EVENT="CHUNK#SYMBOL|ids"` (protocol.md §4).
    #[doc(hidden)]
    pub fn handler(&mut self, event: &'static str, chunk: &str, symbol: &str, captures: &[u32]) {
        self.listen(event);
        let _ = write!(self.buf, " data-r-on:{event}=\"{chunk}#{symbol}|");
        self.capture_list(captures);
        self.buf.push('"');
    }

    fn capture_list(&mut self, captures: &[u32]) {
        for (i, id) in captures.iter().enumerate() {
            if i > 0 {
                self.buf.push(',');
            }
            if *id == Self::ROW_ITEM {
                self.require_full_core();
                self.buf.push('~');
            } else {
                self.reference(*id);
                let _ = write!(self.buf, "{id}");
            }
        }
    }

    /// Open a keyed list bound to signal `list` (protocol.md §11):
    /// `<!--r-for:ID|CHUNK#SYMBOL|ids|COMPONENTS-->`, where COMPONENTS
    /// (left out with its `|` when there are none) lists the templates of
    /// the components its rows render.
    #[doc(hidden)]
    pub fn list_start(
        &mut self,
        list: u32,
        chunk: &str,
        symbol: &str,
        captures: &[u32],
        components: &[&str],
    ) {
        self.require_full_core();
        self.reference(list);
        let _ = write!(self.buf, "<!--r-for:{list}|{chunk}#{symbol}|");
        self.capture_list(captures);
        self.component_list(components);
        self.buf.push_str("-->");
    }

    /// Open a conditional block (protocol.md §12):
    /// `<!--r-show:CHUNK#SYMBOL|ids|SHOWN|COMPONENTS-->`, SHOWN `1` when
    /// `when` held, COMPONENTS as for [`Html::list_start`].
    #[doc(hidden)]
    pub fn show_start(
        &mut self,
        chunk: &str,
        symbol: &str,
        captures: &[u32],
        shown: bool,
        components: &[&str],
    ) {
        self.require_full_core();
        let _ = write!(self.buf, "<!--r-show:{chunk}#{symbol}|");
        self.capture_list(captures);
        self.buf.push_str(if shown { "|1" } else { "|0" });
        self.component_list(components);
        self.buf.push_str("-->");
    }

    // `|CHUNK#SYMBOL,CHUNK#SYMBOL`, or nothing.
    fn component_list(&mut self, components: &[&str]) {
        for (i, component) in components.iter().enumerate() {
            self.buf.push(if i == 0 { '|' } else { ',' });
            self.buf.push_str(component);
        }
    }

    /// Close a list or conditional block: `<!---->`.
    #[doc(hidden)]
    pub fn block_end(&mut self) {
        self.buf.push_str("<!---->");
    }

    /// Write the next text marker's or bound attribute's id in full: the
    /// markup that follows will stand elsewhere in the document than what
    /// this buffer holds before it (a streamed part's placeholder).
    pub(crate) fn restart_bound_ids(&mut self) {
        self.marks.restart(self.buf.len());
    }

    /// Write the text markers and bound attributes rendered so far into the
    /// markup (crate::marks): those of the signals the page references
    /// (`all_signals` false: a page, which then needs no other), or all of
    /// them (a fragment). Call once the markup that could reference a
    /// signal of this render is complete.
    pub(crate) fn write_bindings(&mut self, all_signals: bool) {
        if !all_signals {
            self.warn_unbindable();
        }
        if self.marks.is_empty() {
            return;
        }
        let keep = if all_signals { Keep::All } else { Keep::Captured(&self.referenced) };
        let buf = std::mem::take(&mut self.buf);
        self.buf = self.marks.write_into(buf, keep);
    }

    // A signal that client code changes but that shows where the browser
    // cannot follow it would silently go stale there: say so.
    fn warn_unbindable(&mut self) {
        for id in std::mem::take(&mut self.unbindable) {
            if self.referenced.get(id as usize).copied().unwrap_or(false) {
                tracing::warn!(
                    signal = id,
                    "a signal that client code changes is shown in a <title>, or in a <textarea> \
                     next to other text: the browser cannot update it there (a <textarea> \
                     follows a signal that is its whole content)"
                );
            }
        }
    }

    /// Mark slot `id` as needed in the page's state.
    #[doc(hidden)]
    pub fn reference(&mut self, id: u32) {
        let i = id as usize;
        if self.referenced.len() <= i {
            self.referenced.resize(i + 1, false);
        }
        self.referenced[i] = true;
    }

    /// Ids of all referenced slots, ascending.
    #[doc(hidden)]
    pub fn referenced_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.referenced
            .iter()
            .enumerate()
            .filter(|(_, r)| **r)
            .map(|(i, _)| i as u32)
    }

    /// Record that the page has handlers for `event`, also when none is in
    /// the markup yet: rows of an empty `<For>` and the branch a `<Show>`
    /// does not render may appear later, and the loader only listens for
    /// the event types it was told about (protocol.md §5).
    #[doc(hidden)]
    pub fn listen(&mut self, event: &'static str) {
        if !self.events.contains(&event) {
            self.events.push(event);
        }
    }

    /// Event types with a handler on this page.
    #[doc(hidden)]
    pub fn events(&self) -> &[&'static str] {
        &self.events
    }

    /// Record that an island was rendered (crate::island).
    #[doc(hidden)]
    pub fn mark_island(&mut self) {
        self.islands = true;
    }

    /// Whether the page has an island.
    #[doc(hidden)]
    pub fn has_islands(&self) -> bool {
        self.islands
    }

    /// Record that the page needs the full core runtime: it has a list, a
    /// conditional, a derived value, a computed or effect, or a handler
    /// that calls a server function (crate::core_build).
    #[doc(hidden)]
    pub fn require_full_core(&mut self) {
        self.full_core = true;
    }

    /// Whether the page needs the full core runtime rather than the lite one.
    #[doc(hidden)]
    pub fn needs_full_core(&self) -> bool {
        self.full_core
    }

    /// The markup written so far (bindings included once
    /// [`Html::write_bindings`] has written them).
    pub fn as_str(&self) -> &str {
        &self.buf
    }

    /// Take the finished markup, with every binding not written yet.
    pub fn into_string(mut self) -> String {
        self.write_bindings(true);
        self.buf
    }
}

/// Append `n` in decimal. Ids are written several times per bound node, and
/// going through `core::fmt` for each cost more than the rest of the marker.
fn push_u32(buf: &mut String, n: u32) {
    buf.push_str(itoa::Buffer::new().format(n));
}

/// Append the id of a text marker or `data-r-b` entry (protocol.md §2):
/// nothing when it is one more than `previous`, `+D` or `-D` when it is
/// D more or less, and the id itself at the start or when it equals
/// `previous` (`+0` would read as `+1`). A page's signals are mostly bound
/// in the order they were created, so most markers carry no digits, and the
/// repeating `+D` of a repeated component compress to almost nothing.
pub(crate) fn push_bound_id(buf: &mut String, previous: &mut Option<u32>, id: u32) {
    match *previous {
        Some(p) if p.checked_add(1) == Some(id) => {}
        Some(p) if id > p => {
            buf.push('+');
            push_u32(buf, id - p);
        }
        Some(p) if id < p => {
            buf.push('-');
            push_u32(buf, p - id);
        }
        _ => push_u32(buf, id),
    }
    *previous = Some(id);
}

fn push_u64(buf: &mut String, n: u64) {
    buf.push_str(itoa::Buffer::new().format(n));
}

#[cfg(test)]
mod tests {
    use super::{push_u32, Html};

    #[test]
    fn int_and_uint_match_display() {
        for n in [
            0,
            7,
            -7,
            10,
            -10,
            123456789,
            i64::MAX,
            i64::MIN,
            i64::MIN + 1,
        ] {
            let mut out = Html::default();
            out.int(n);
            assert_eq!(out.as_str(), n.to_string());
        }
        for n in [0, 9, 10, u64::from(u32::MAX) + 1, u64::MAX] {
            let mut out = Html::default();
            out.uint(n);
            assert_eq!(out.as_str(), n.to_string());
        }
    }

    #[test]
    fn push_u32_matches_display() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            12345,
            1_000_000,
            u32::MAX - 1,
            u32::MAX,
        ] {
            let mut out = String::from("x");
            push_u32(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }
}
