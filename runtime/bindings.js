// Bindings: the DOM nodes that show a signal (docs/protocol.md §2, §3). The
// derived views that show an expression of signals (§14) and the blocks
// that follow one (§11 lists, §12 conditionals) are found here too, and
// bound by block-bindings.js (full build of core only, see index.js).
//
// Nothing is searched until a handler first touches a signal; then one pass
// over the document (`scanPage`, called as the state is parsed) finds every
// bound text region, attribute and block, and from then on an update touches
// exactly what is bound to the signal that changed. The same pass reads the
// values the server left out of the state because the markup shows them
// exactly (protocol §5). Markup that lists and conditionals insert later is
// scanned as it arrives.

import { bindBlockMarker, bindDerivedAttributes, bindReactions } from './block-bindings.js';

// Signal id -> [node, write] pairs; `write(value)` updates one bound thing.
let bound;
// The page state's values (id -> value), completed from the markup by the scan.
let values;

/**
 * Protocol §3: true -> present and empty, false/null -> absent, else its text.
 * `value` and `checked` also set the DOM property, because once a user has
 * edited an input its attribute no longer controls what it shows.
 */
export const setAttribute = (el, name, value) => {
  // Numbers become their text as the DOM stores them.
  const text = value === false || value == null ? null : value === true ? '' : value;
  // The full core leaves an attribute that already shows the value alone: a
  // derived value in every row of a list is written for every row when its
  // signal changes, and most rows show what they showed.
  if (LITE || el.getAttribute(name) !== (text == null ? text : '' + text)) text == null ? el.removeAttribute(name) : el.setAttribute(name, text);
  if (name == 'value') el.value = text ?? '';
  if (name == 'checked') el.checked = text != null;
};

/**
 * Calls `write(value)` with every new value of signal `id`, while `node` is
 * in the document. `shown` is the value the markup shows for the signal (a
 * text region's text, an attribute's value, as a number where the marker
 * says so): the signal's initial value when the state has none (§5).
 */
export const bind = (id, node, write, shown) => {
  // The state's own value comes first; it is only null where nothing is
  // shown (an absent attribute). Derived values and blocks pass no `shown`.
  values[id] ??= shown;
  (bound[id] ||= []).push([node, write]);
};

/** The writer of the text node after a text marker's opening comment (§2, §14). */
export const textAfter = comment => {
  let text = comment.nextSibling;
  // Empty text renders no text node: make the one we will write into.
  if (text?.nodeType != 3) comment.after((text = new Text()));
  // Browsers split very long text (over 64 KiB in Chromium) into several
  // nodes: join them so one node holds the whole value.
  while (text.nextSibling?.nodeType == 3) (text.data += text.nextSibling.data), text.nextSibling.remove();
  // Rust `Display` of the values a signal can hold, as protocol §2 defines
  // it: `data` turns numbers and booleans into their JavaScript text.
  // As for attributes, the full core writes only a text that changed.
  return value => (LITE || text.data !== '' + (value ?? '')) && (text.data = value ?? '');
};

/** Find the bindings in `root` (the document, or newly inserted markup). */
export const scanInto = root => {
  // Blocks may insert markup before anything was bound: the first scan
  // finds it then.
  // A lone text node (a branch's top level) holds no binding.
  if (!LITE && (!bound || root.nodeType == 3)) return;
  // The previous text marker's or bound attribute's id, in document order.
  let last;
  // Binds what `node` shows for the id field `field` (protocol §2): `12` is
  // id 12, `+3` and `-2` are relative to the id before, an empty field is
  // the id before plus one; a trailing `n` marks a number.
  const bindShown = (field, node, write, shown, n = parseInt(field)) => {
    last = /^\d/.test(field) ? n : last + (n || 1);
    bind(last, node, write, field.endsWith('n') ? +shown : shown);
  };
  // Elements and comments (129), the root included: inserted markup may be
  // a lone comment (a row's text marker) or a row.
  const walker = document.createTreeWalker(root, 129);
  for (let node = root; node; node = walker.nextNode()) {
    // Of the nodes walked only comments have `data`.
    const data = node.data;
    // <!--r:ID-->TEXT<!---->: the text node after the opening comment;
    // textAfter leaves the whole text in one node, right after it.
    if (data?.startsWith('r:')) bindShown(data.slice(2), node, textAfter(node), node.nextSibling.data);
    else if (!LITE && data != null) bindBlockMarker(node, data);
    // data-r-b="NAME=ID NAME=ID".
    node.getAttribute?.('data-r-b')?.split(' ').forEach(pair => {
      const [name, field] = pair.split('=');
      bindShown(field, node, value => setAttribute(node, name, value), node.getAttribute(name));
    });
    if (!LITE && node.hasAttribute?.('data-r-d')) bindDerivedAttributes(node);
  }
};

/**
 * Binds the whole document, adds the values it shows to the page state's
 * `s` (protocol §5) and binds the state's computeds and effects (`d`,
 * §14); returns `state`. Runs once, as the state is parsed, before any
 * signal exists, so no update has changed the markup yet.
 */
export const scanPage = state => {
  bound = {};
  values = state.s;
  scanInto(document);
  if (!LITE) bindReactions(state.d);
  return state;
};

/** Writes `value` into everything bound to signal `id`. */
export const notify = (id, value) => {
  // Bindings inside removed rows or branches are dropped here, lazily.
  const live = (bound[id] = bound[id]?.filter(([node]) => node.isConnected));
  live?.forEach(([, write]) => write(value));
};
