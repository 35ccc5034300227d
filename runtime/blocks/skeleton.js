// Row skeletons: building and updating list rows without parsing markup.
//
// A compiled row template (docs/protocol.md §11) is a function that joins
// literal markup with the results of `h.t` (text), `h.e` (attribute value)
// and `h.a` (optional attribute). Called with a *recording* `h`, whose
// helpers return numbered placeholders and keep the values, it returns the
// row's *shape*: the markup with every value replaced by its placeholder.
// Rows of the same shape differ only in their values. The first time a
// shape is seen it is parsed once into a skeleton, and the place of each
// placeholder in it (a path of child positions, plus the attribute name) is
// noted. A new row is then a deep copy of the skeleton with the holes whose
// value differs written; a kept row whose item changed gets only the holes
// whose value changed written. No markup is parsed or compared per row.
//
// The result is exactly what parsing the row's markup would give, because
// values go into text nodes and attribute values only, and the HTML parser
// treats escaped values there literally, except in cases checked here:
// once per shape (placeholders in raw-text or table elements, anything the
// parser moved or dropped) and per value (CR and NUL, which the parser
// rewrites; text nodes that would be empty or only whitespace, which the
// parser drops or places differently in tables). Those rows, and templates
// that render bound text, nested blocks or components (they go through
// other helpers), are left to the markup path of lists.js.

import { toText, parse } from './markup.js';
import { syncInput } from './morph.js';

// Placeholder `n` (private-use characters, which templates do not write).
const OPEN = '\uE000', CLOSE = '\uE001';
const MAX_HOLES = 64;
const PLACEHOLDER = Array.from({ length: MAX_HOLES }, (_, n) => OPEN + n + CLOSE);
// Distinct shapes remembered per template; a template that makes more
// (values concatenated outside `h`) is rendered as markup from then on.
const MAX_SHAPES = 16;

// Elements whose text the parser does not read as ordinary escaped text,
// or where it moves text elsewhere (foster parenting in tables).
const NO_TEXT_HOLES = new Set(
  'script style xmp iframe noembed noframes noscript plaintext textarea title pre listing template table tbody thead tfoot tr colgroup select'.split(' '),
);
const HTML = 'http://www.w3.org/1999/xhtml';

/**
 * The recording helpers for `h` (markup.js): `t`/`e` and `a` return
 * placeholders and push the value's text form (for `a`: '' for a bare
 * attribute, null for none) onto `values`; helpers that render more than a
 * value (bound text, derived text, components, nested blocks) set
 * `unsupported`, and the row is rendered as markup instead.
 */
export const recorder = h => {
  const rec = { ...h, values: [], kinds: null, unsupported: false };
  const hole = (kind, value) => {
    const n = rec.values.push(value) - 1;
    if (rec.kinds) rec.kinds.push(kind);
    if (n >= MAX_HOLES) {
      rec.unsupported = true;
      return '';
    }
    return PLACEHOLDER[n];
  };
  rec.t = rec.e = value => hole('t', toText(value));
  rec.a = (name, value) => ` ${name}="${hole('a', value === true ? '' : value === false || value == null ? null : toText(value))}"`;
  for (const name of ['b', 'd', 'c', 's', 'l'])
    rec[name] = (...args) => {
      rec.unsupported = true;
      return h[name](...args);
    };
  return rec;
};

// Per template: { shapes: Map(shape → skeleton or null), off }.
const byTemplate = new WeakMap();

/**
 * The skeleton for the row `draw(rec)` renders, recording its values in
 * `rec.values` (reset here); null when the row must be rendered as markup.
 * `draw(rec)` calls the template with `rec` as `h`.
 *
 * `last` (`{}` at first) carries the previous row's shape from row to row
 * of one list, and from one of its updates to the next. A compiled
 * template writes every value through `h` and nothing else varies within
 * one list (the chunk and the captured ids are the list's), so its rows
 * all have one shape: a row whose shape has the previous one's length and
 * number of values gets its skeleton without the shape being looked up,
 * which would flatten and hash the whole string for every row.
 */
export const shapeOf = (template, rec, draw, last) => {
  let cache = byTemplate.get(template);
  if (!cache) byTemplate.set(template, (cache = { shapes: new Map(), off: false }));
  if (cache.off) return null;
  rec.values = [];
  rec.unsupported = false;
  const shape = draw(rec);
  if (rec.unsupported) {
    cache.off = true; // the template renders nested content: always markup
    return null;
  }
  if (shape.length === last.length && rec.values.length === last.count) return last.skeleton;
  let skeleton = cache.shapes.get(shape);
  if (skeleton === undefined) {
    if (cache.shapes.size >= MAX_SHAPES) {
      cache.off = true;
      return null;
    }
    const values = rec.values;
    rec.kinds = [];
    rec.values = [];
    draw(rec);
    skeleton = build(shape, rec.kinds, values);
    rec.kinds = null;
    rec.values = values;
    cache.shapes.set(shape, skeleton);
  }
  last.length = shape.length;
  last.count = rec.values.length;
  last.skeleton = skeleton;
  return skeleton;
};

/**
 * A copy of `skeleton` showing `values`, ready to insert; null when the
 * values need the markup path (the copy is then dropped).
 */
export const instantiate = (skeleton, values) => {
  const row = skeleton.node.cloneNode(true);
  return fill(skeleton, row, skeleton.base, values) ? row : null;
};

/**
 * Make `row`, made from `skeleton` and showing `was`, show `now`, writing
 * only the holes that changed. False when `now` needs the markup path (the
 * row may then be partly written; the caller morphs it).
 */
export const update = (skeleton, row, was, now) => {
  if (!fill(skeleton, row, was, now)) return false;
  // As after a morph: edited inputs follow their attributes again.
  if (skeleton.inputs) for (const input of row.getElementsByTagName('input')) syncInput(input);
  return true;
};

// Write into `row` the holes whose value in `now` differs from `was` (all
// of them when `was` is null).
const fill = (skeleton, row, was, now) => {
  for (const hole of skeleton.holes) {
    const { slots } = hole;
    let changed = !was;
    for (let s = 1; !changed && s < slots.length; s += 2) changed = was[slots[s]] !== now[slots[s]];
    if (!changed) continue;
    const node = at(row, hole.path);
    if (hole.toggle) {
      const value = now[slots[1]];
      if (value === null) node.removeAttribute(hole.name);
      else if (!plain(value)) return false;
      else node.setAttribute(hole.name, value);
      continue;
    }
    let text = slots[0];
    for (let s = 1; s < slots.length; s += 2) {
      const value = now[slots[s]];
      if (!plain(value)) return false;
      text += value + slots[s + 1];
    }
    if (hole.name == null) {
      if (blank(text)) return false;
      node.data = text;
    } else node.setAttribute(hole.name, text);
  }
  return true;
};

// Whether the parser keeps `value` as written (it turns CR into LF and
// drops or replaces NUL).
const plain = value => !value.includes('\r') && !value.includes('\0');

// Empty or whitespace-only text, which the parser may drop or move.
const blank = text => {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c != ' ' && c != '\n' && c != '\t' && c != '\f') return false;
  }
  return true;
};

// `text` cut at its placeholders: [literal, n, literal, …, literal]; the
// numbers found are counted in `seen`.
const slotsOf = (text, seen) => {
  const slots = [];
  let from = 0;
  for (let at = text.indexOf(OPEN); at >= 0; at = text.indexOf(OPEN, from)) {
    const close = text.indexOf(CLOSE, at);
    const n = close < 0 ? NaN : Number(text.slice(at + 1, close));
    if (!(n >= 0 && n < seen.length)) return null;
    seen[n]++;
    slots.push(text.slice(from, at), n);
    from = close + 1;
  }
  slots.push(text.slice(from));
  return slots;
};

// Parse `shape` into a skeleton: { node, holes, base, inputs }, or
// null when the shape cannot be used (see the checks in the file comment).
// `kinds[n]` is 't' or 'a' for placeholder n; `values` are the values of
// the row being rendered, which become the skeleton's own (`base`).
const build = (shape, kinds, values) => {
  if (shape.includes('<!--') || shape.includes('data-r-b') || shape.includes('data-r-d')) return null;
  const fragment = parse(shape);
  const top = fragment.firstChild;
  if (!top || top.nodeType != 1 || top.nextSibling) return null;
  // Adopted into this document once, so copies need no adoption.
  const node = document.importNode(top, true);
  const holes = [], seen = new Array(kinds.length).fill(0);
  let inputs = false;
  const visit = (element, path) => {
    if (element.namespaceURI != HTML) return false;
    if (element.localName == 'input') inputs = true;
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name);
      if (!value.includes(OPEN)) continue;
      const slots = slotsOf(value, seen);
      if (!slots) return false;
      const toggle = slots.length == 3 && kinds[slots[1]] == 'a';
      if (toggle ? slots[0] || slots[2] : slots.some((slot, s) => s & 1 && kinds[slot] == 'a')) return false;
      holes.push({ path, name, slots, toggle });
    }
    let index = 0;
    for (let child = element.firstChild; child; child = child.nextSibling, index++) {
      const childPath = [...path, index];
      if (child.nodeType == 1) {
        if (!visit(child, childPath)) return false;
      } else if (child.nodeType == 3 && child.data.includes(OPEN)) {
        const slots = slotsOf(child.data, seen);
        if (!slots || NO_TEXT_HOLES.has(element.localName) || slots.some((slot, s) => s & 1 && kinds[slot] == 'a')) return false;
        holes.push({ path: childPath, name: null, slots, toggle: false });
      } else if (child.nodeType != 3) return false;
    }
    return true;
  };
  if (!visit(node, []) || seen.some(count => count != 1)) return null;
  // Optional attributes: the shape with all of them absent must parse to
  // the skeleton without them (no literal attribute of the same name that
  // the parser dropped as a duplicate).
  let bare = shape;
  const stripped = node.cloneNode(true);
  for (const hole of holes)
    if (hole.toggle) {
      bare = bare.replace(` ${hole.name}="${PLACEHOLDER[hole.slots[1]]}"`, '');
      at(stripped, hole.path).removeAttribute(hole.name);
    }
  if (bare != shape && !stripped.isEqualNode(parse(bare).firstChild)) return null;
  const skeleton = { node, holes, base: null, inputs };
  // The skeleton shows the first row's values when they can be written, so
  // copies only need the holes that differ from them.
  const shown = instantiate(skeleton, values);
  if (shown) {
    skeleton.node = shown;
    skeleton.base = values;
  }
  return skeleton;
};

// The node at child positions `path` under `row`.
const at = (row, path) => {
  let node = row;
  for (const index of path) {
    node = node.firstChild;
    for (let n = 0; n < index; n++) node = node.nextSibling;
  }
  return node;
};
