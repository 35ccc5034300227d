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

// Rust `Display` of the values a signal can hold, as protocol §2 defines it.
const toText = value => (value == null ? '' : String(value));

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
  const text = value === false || value == null ? null : value === true ? '' : String(value);
  text == null ? el.removeAttribute(name) : el.setAttribute(name, text);
  if (name == 'value') el.value = text ?? '';
  if (name == 'checked') el.checked = text != null;
};

/**
 * Calls `write(value)` with every new value of signal `field`, while `node`
 * is in the document. `field` is the id as the marker writes it: digits, then
 * `n` when the value is a number (protocol §2, §3). `shown` is the text the
 * markup shows for the signal (a text region's text, an attribute's value):
 * it is the signal's initial value when the state has none (§5).
 */
export const bind = (field, node, write, shown, id = parseInt(field)) => {
  // The state's own value comes first; it is only null where nothing is
  // shown (an absent attribute), and derived values and blocks pass no
  // `shown` (their ids are plain digits: `field == id` unless it ends in `n`).
  values[id] ??= field == id ? shown : +shown;
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
  return value => (text.data = toText(value));
};

// Elements of `root` (itself included) that carry attribute `name`.
const carrying = (root, name) => {
  const elements = root.querySelectorAll ? [...root.querySelectorAll(`[${name}]`)] : [];
  if (root.hasAttribute?.(name)) elements.push(root);
  return elements;
};

/** Find the bindings in `root` (the document, or newly inserted markup). */
export const scanInto = root => {
  // Blocks may insert markup before anything was bound: the first scan
  // finds it then.
  if (!LITE && !bound) return;
  const comments = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  // Inserted markup may be a lone comment (a row's text marker).
  for (let comment = !LITE && root.nodeType == 8 ? root : comments.nextNode(); comment; comment = comments.nextNode()) {
    const data = comment.data;
    // <!--r:ID-->TEXT<!---->: the text node after the opening comment.
    // textAfter leaves the whole text in one node, right after the comment.
    if (data.startsWith('r:')) bind(data.slice(2), comment, textAfter(comment), comment.nextSibling.data);
    else if (!LITE) bindBlockMarker(comment, data);
  }
  // data-r-b="NAME=ID NAME=ID".
  // The lite core only ever scans the document.
  for (const el of LITE ? root.querySelectorAll('[data-r-b]') : carrying(root, 'data-r-b'))
    for (const pair of el.getAttribute('data-r-b').split(' ')) {
      const [name, id] = pair.split('=');
      bind(id, el, value => setAttribute(el, name, value), el.getAttribute(name));
    }
  if (!LITE) carrying(root, 'data-r-d').forEach(bindDerivedAttributes);
};

/**
 * Binds the whole document and adds the values it shows to `state`, the
 * page state's `s` (protocol §5). Runs once, as the state is parsed, before
 * any signal exists, so no update has changed the markup yet.
 */
export const scanPage = state => {
  bound = {};
  values = state;
  scanInto(document);
  if (!LITE) bindReactions();
};

/** Writes `value` into everything bound to signal `id`. */
export const notify = (id, value) => {
  // Bindings inside removed rows or branches are dropped here, lazily.
  const live = (bound[id] = bound[id]?.filter(([node]) => node.isConnected));
  live?.forEach(([, write]) => write(value));
};
