// Patching a list row without parsing markup: the row was rendered from
// `before` and must now show `after`, both produced by the same compiled
// template (docs/protocol.md §11). Both are split into tags and text; when
// they have the same tags in the same places, which is the usual case (an
// item's text or an attribute changed), the existing nodes are walked
// alongside the tokens and only the differing text nodes and attributes are
// written. Derived values (§14: attributes listed in `data-r-d`, text after
// an `<!--r-d:` marker) are compared with what the node shows instead: their
// view writes them when its signals change, so the node may no longer show
// `before`'s value (a row rendered unselected, selected since, whose item
// changes while it stays selected). Anything unexpected (a tag that appears
// or goes, a node that does not match its token, markup the HTML parser
// would rewrite) returns false, and the caller falls back to parsing
// `after` and morphing (morph.js), which also repairs anything written here
// before the bail-out.
//
// No regular expressions on purpose: V8 drops compiled regexp code on
// garbage collection, so a regexp on this path costs a recompilation on the
// first click after one (measured: ~0.2 ms each, more than the patch).

import { syncInput } from './morph.js';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const HTML = 'http://www.w3.org/1999/xhtml';

// The only character references the renderers write (protocol §7).
const references = [['&amp;', '&'], ['&lt;', '<'], ['&gt;', '>'], ['&quot;', '"']];

// Markup text as the parser would read it, or null when the parser would
// not keep it as written: another character reference, CR (the parser turns
// CR LF into LF) or NUL.
const decode = text => {
  if (text.includes('\r') || text.includes('\0')) return null;
  let out = '', from = 0;
  for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', from)) {
    const known = references.find(([reference]) => text.startsWith(reference, at));
    if (!known) return null;
    out += text.slice(from, at) + known[1];
    from = at + known[0].length;
  }
  return from ? out + text.slice(from) : text;
};

const isSpace = c => c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';

// The name of the start tag at the beginning of `tag`, lowercased.
const tagName = tag => {
  let end = 1;
  while (end < tag.length && !isSpace(tag[end]) && tag[end] != '>' && tag[end] != '/') end++;
  return tag.slice(1, end).toLowerCase();
};

const isStartTag = markup => markup[0] == '<' && markup[1] != '/' && markup[1] != '!';

// The ` name="value"` and bare ` name` attributes of a start tag as the
// renderers write them, as a Map of raw (still escaped) values; null for
// anything else (other quoting, a repeated name).
const attributes = tag => {
  const found = new Map();
  let at = 1 + tagName(tag).length;
  for (;;) {
    while (isSpace(tag[at])) at++;
    if (tag[at] == '>' || at >= tag.length) return found;
    let end = at;
    while (end < tag.length && !isSpace(tag[end]) && !'="\'<>/'.includes(tag[end])) end++;
    if (end == at) return null;
    const name = tag.slice(at, end);
    let value = '';
    if (tag[end] == '=') {
      if (tag[end + 1] != '"') return null;
      const close = tag.indexOf('"', end + 2);
      if (close < 0) return null;
      value = tag.slice(end + 2, close);
      end = close + 1;
    }
    if (found.has(name)) return null;
    found.set(name, value);
    at = end;
  }
};

// `html` cut into alternating text and tags: [text, tag, text, ..., text].
const tokens = html => {
  const out = [];
  let from = 0;
  for (;;) {
    const open = html.indexOf('<', from), close = open < 0 ? -1 : html.indexOf('>', open);
    if (close < 0) {
      out.push(html.slice(from));
      return out;
    }
    out.push(html.slice(from, open), html.slice(open, close + 1));
    from = close + 1;
  }
};

/**
 * Whether row markup (from offset `from`) has derived values (protocol §14).
 * Their views may have written them since the markup was rendered, so they
 * are compared with the page even where the markup did not change.
 */
export const hasDerived = (html, from = 0) => html.includes('<!--r-d:', from) || html.includes(' data-r-d="', from);

/**
 * Make `row` (rendered from `before`) show `after`. Returns whether it
 * could; on false the row may be half patched and must be morphed.
 */
export const patch = (row, before, after) => {
  // Fast path: only the row element's own start tag changed (a class or
  // flag on the row, e.g. a selection), and nothing after it is derived.
  const endA = before.indexOf('>'), endB = after.indexOf('>');
  if (isStartTag(before) && isStartTag(after) && before.slice(endA) === after.slice(endB) && !hasDerived(after, endB)) {
    if (!patchElement(row, before.slice(0, endA + 1), after.slice(0, endB + 1))) return false;
    // As a full patch (or morph) would: inputs follow their attributes again.
    if (after.includes('<input', endB)) for (const input of row.getElementsByTagName('input')) syncInput(input);
    return true;
  }
  const a = tokens(before), b = tokens(after);
  if (a.length != b.length) return false;
  // `next` is the node the next token stands for (null past the last child
  // of `parent`, the element whose children are being walked).
  let next = row, parent = null, depth = 0;
  for (let i = 0; i < a.length; i++) {
    const old = a[i], now = b[i];
    if (!(i & 1)) {
      // Text between tags; empty text has no node.
      if (!old && !now) continue;
      if (!old || !now || !next || next.nodeType != 3) return false;
      const derived = b[i - 1]?.startsWith('<!--r-d:');
      if (old !== now || derived) {
        const text = decode(now);
        if (text == null) return false;
        if (next.data !== text) next.data = text;
      }
      next = next.nextSibling;
    } else if (old[1] == '/') {
      // An end tag: every child of `parent` must have been matched.
      if (old !== now || !depth-- || next) return false;
      next = parent.nextSibling;
      parent = parent.parentNode;
    } else if (old[1] == '!') {
      // A marker comment (bound text, protocol §2).
      if (old !== now || !next || next.nodeType != 8) return false;
      next = next.nextSibling;
    } else {
      if (!isStartTag(now) || !next || next.nodeType != 1 || !patchElement(next, old, now)) return false;
      if (VOID.has(next.localName)) next = next.nextSibling;
      else {
        depth++;
        parent = next;
        next = next.firstChild;
      }
    }
  }
  return depth == 0;
};

// Check that `element` is the one start tag `old` made, and give it the
// attributes of `now`.
const patchElement = (element, old, now) => {
  const name = tagName(now);
  if (element.localName != name || element.namespaceURI != HTML) return false;
  if (old !== now || hasDerived(now)) {
    const was = tagName(old) == name && attributes(old), is = attributes(now);
    if (!was || !is) return false;
    // The derived attributes' names (`data-r-d="NAME=REF …"`).
    const derived = (is.get('data-r-d') || '').split(' ').map(entry => entry.split('=')[0]);
    for (const [attribute, value] of is)
      if (was.get(attribute) !== value || derived.includes(attribute)) {
        const text = decode(value);
        if (text == null) return false;
        if (element.getAttribute(attribute) !== text) element.setAttribute(attribute, text);
      }
    for (const attribute of element.getAttributeNames())
      if (!is.has(attribute) && (was.has(attribute) || derived.includes(attribute))) element.removeAttribute(attribute);
  }
  if (name == 'input') syncInput(element);
  return true;
};
