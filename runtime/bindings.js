// Bindings: the DOM nodes that show a signal (docs/protocol.md §2, §3).
//
// Nothing is searched until the first signal changes; then one pass over the
// document finds every bound text region and attribute, and from then on an
// update touches exactly the nodes bound to the signal that changed.

// Signal id -> functions that write a new value into one bound node.
let bound;

// Rust `Display` of the values a signal can hold, as protocol §2 defines it.
const toText = value => (value == null ? '' : String(value));

// Protocol §3: true -> present and empty, false/null -> absent, else its text.
// `value` and `checked` also set the DOM property, because once a user has
// edited an input its attribute no longer controls what it shows.
const setAttribute = (el, name, value) => {
  const text = value === true ? '' : value === false || value == null ? null : toText(value);
  text == null ? el.removeAttribute(name) : el.setAttribute(name, text);
  if (name == 'value') el.value = text ?? '';
  if (name == 'checked') el.checked = text != null;
};

const scan = () => {
  const found = {};
  const bind = (id, write) => (found[id] ||= []).push(write);

  // <!--r:ID-->TEXT<!---->: the text node after the opening comment.
  const comments = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
  for (let comment; (comment = comments.nextNode()); ) {
    const id = /^r:(\d+)$/.exec(comment.data)?.[1];
    if (id) {
      let text = comment.nextSibling;
      // Empty text renders no text node: make the one we will write into.
      if (text?.nodeType != 3) comment.after((text = new Text()));
      // Browsers split very long text (over 64 KiB in Chromium) into several
      // nodes: join them so one node holds the whole value.
      while (text.nextSibling?.nodeType == 3) text.data += text.nextSibling.data, text.nextSibling.remove();
      bind(id, value => (text.data = toText(value)));
    }
  }

  // data-r-b="NAME=ID NAME=ID"
  for (const el of document.querySelectorAll('[data-r-b]'))
    for (const pair of el.getAttribute('data-r-b').split(' ')) {
      const [name, id] = pair.split('=');
      bind(id, value => setAttribute(el, name, value));
    }
  return found;
};

/** Writes `value` into every node bound to signal `id`. */
export const notify = (id, value) => (bound ||= scan())[id]?.forEach(write => write(value));
