// Bindings: the DOM nodes that show a signal (docs/protocol.md §2, §3), the
// derived views that show an expression of signals (§14), and the blocks
// that follow one (§11 lists, §12 conditionals).
//
// Nothing is searched until the first signal changes; then one pass over the
// document finds every bound text region, attribute and block, and from then
// on an update touches exactly what is bound to the signal that changed.
// Markup that lists and conditionals insert later is scanned as it arrives.

import { signal } from './signals.js';
import { call } from './actions.js';
import { reactions } from './state.js';

// Rust `Display` of the values a signal can hold, as protocol §2 defines it.
const toText = value => (value == null ? '' : String(value));

// Lists, conditionals and derived values live in a module of their own,
// fetched the first time a page that has them updates one. BLOCKS_URL is set by the build
// (scripts/build-assets.mjs) to `./blocks-HASH.js`, next to core.
let blocksModule;
const blocks = () => (blocksModule ||= import(new URL(BLOCKS_URL, import.meta.url)));
// What the blocks module gets from core; it is also the runtime argument
// (`r`) of the derived bodies and effects it runs (protocol §6).
const api = { signal: id => signal(id), scanInto: root => scanInto(root), call };

// Signal id -> [node, write] pairs; `write(value)` updates one bound thing.
let bound;

// Protocol §3: true -> present and empty, false/null -> absent, else its text.
// `value` and `checked` also set the DOM property, because once a user has
// edited an input its attribute no longer controls what it shows.
const setAttribute = (el, name, value) => {
  const text = value === true ? '' : value === false || value == null ? null : toText(value);
  text == null ? el.removeAttribute(name) : el.setAttribute(name, text);
  if (name == 'value') el.value = text ?? '';
  if (name == 'checked') el.checked = text != null;
};

const bind = (id, node, write) => (bound[id] ||= []).push([node, write]);

// A derived view `CHUNK#SYMBOL|IDS` (protocol §14): when any signal in IDS
// changes, the blocks module evaluates the body and `write` shows it. `~`
// in IDS (the row item, §11) never changes by itself: the blocks module
// finds it from `node`'s row.
const derive = (ref, node, write) => {
  for (const id of ref.split('|')[1].split(',')) if (id && id != '~') bind(id, node, () => blocks().then(b => b.derive(ref, api, node)).then(write));
};

// The text node after a text marker's opening comment (§2, §14).
const textAfter = comment => {
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
  if (!bound) return;
  const comments = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  for (let comment = root.nodeType == 8 ? root : comments.nextNode(); comment; comment = comments.nextNode()) {
    const data = comment.data;
    // <!--r:ID-->TEXT<!---->: the text node after the opening comment.
    if (data.startsWith('r:')) bind(data.slice(2), comment, textAfter(comment));
    // <!--r-d:CHUNK#SYMBOL|IDS-->TEXT<!---->: the same for a derived text.
    else if (data.startsWith('r-d:')) derive(data.slice(4), comment, textAfter(comment));
    else if (data.startsWith('r-for:')) {
      bind(data.slice(6, data.indexOf('|')), comment, items => blocks().then(b => b.list(comment, items, api)));
    } else if (data.startsWith('r-show:')) {
      // Any signal the block lists may change its condition.
      const ids = data.split('|')[1];
      for (const id of ids ? ids.split(',') : []) bind(id, comment, () => blocks().then(b => b.show(comment, api)));
    }
  }
  // data-r-b="NAME=ID NAME=ID" and data-r-d="NAME=CHUNK#SYMBOL|IDS ...".
  for (const el of carrying(root, 'data-r-b'))
    for (const pair of el.getAttribute('data-r-b').split(' ')) {
      const [name, id] = pair.split('=');
      bind(id, el, value => setAttribute(el, name, value));
    }
  for (const el of carrying(root, 'data-r-d'))
    for (const pair of el.getAttribute('data-r-d').split(' ')) {
      const [name, ref] = pair.split('=');
      derive(ref, el, value => setAttribute(el, name, value));
    }
};

/** Writes `value` into everything bound to signal `id`. */
export const notify = (id, value) => {
  if (!bound) {
    bound = {};
    scanInto(document);
    // The page's computeds and effects (§14): [DEPS, REF, TARGET, WAIT].
    // They belong to the page, and the document is never disconnected.
    for (const reaction of reactions())
      for (const dep of reaction[0]) bind(dep, document, () => blocks().then(b => b.react(reaction, api)));
  }
  // Bindings inside removed rows or branches are dropped here, lazily.
  const live = (bound[id] = bound[id]?.filter(([node]) => node.isConnected));
  live?.forEach(([, write]) => write(value));
};
