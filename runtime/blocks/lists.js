// Keyed lists: `<!--r-for:ID|CHUNK#SYMBOL|ids-->` rows `<!---->`
// (docs/protocol.md §11). Each row is one element with `data-r-k`. When the
// list signal changes, rows are matched by key: a kept row keeps its nodes
// (moved if needed, patched if its item changed), new rows are rendered from
// the compiled template, missing rows are removed.
//
// Cost model (bench/dom measures it against hand-written DOM code): an
// update is O(rows) cheap JS comparisons plus DOM work only where something
// changed. A row remembers a flat snapshot of the item it shows, so an
// unchanged row is not even rendered. Rows are rendered through skeletons
// (skeleton.js): a new row is a copy of the template's parsed skeleton with
// its values written in, a changed row gets only its changed values
// written. Rows the skeletons do not cover are rendered as markup: a new
// one parsed (all such rows in one go), a changed one patched along its old
// markup (patch.js) or else parsed and morphed. The rows kept at both ends
// are never moved. When no row comes, goes or moves (selecting, editing),
// one pass of comparisons finds the changed items and nothing else is
// copied or matched.

import { helpers, parse } from './markup.js';
import { morph } from './morph.js';
import { patch, hasDerived } from './patch.js';
import { recorder, shapeOf, instantiate, update } from './skeleton.js';
import { loadBlock, parseRef, endOf } from './refs.js';

/**
 * Make the rows of the list opened by `comment`
 * (`r-for:ID|CHUNK#SYMBOL|ids|COMPONENTS`) follow `items`, the new value of
 * its signal. `api` is core's `{ signal, scanInto }`.
 */
export const list = (comment, items, api) => {
  // What the list needs besides its items is the same on every update:
  // found once (the marker's text is checked, since a morph may rewrite a
  // nested list's marker), then the update runs in the same turn.
  const data = comment.data, block = comment.__block;
  if (block?.data === data) return reconcile(comment, block, items || [], api);
  const ref = parseRef(data.slice(data.indexOf('|') + 1));
  return loadBlock(ref, ref.more[0]).then(loaded => {
    if (!loaded) return;
    if (comment.__block?.data !== data) comment.__block = blockOf(data, loaded[0], ref, helpers(api, loaded[1]));
    reconcile(comment, comment.__block, items || [], api);
  });
};

// What a list keeps for its updates, on its start marker (`__block`): its
// marker's text, template and parsed marker (`ref`), the helpers `h` its
// template renders with and their recording form `rec`, the shape of the
// last row rendered (`lastShape`, see skeleton.js `shapeOf`: all of a
// list's rows have one shape, update after update), and `draw`, which
// renders the item in `current` with a given `h`.
const blockOf = (data, template, ref, h) => {
  const block = { data, template, ref, h, rec: recorder(h), lastShape: {}, current: undefined };
  block.draw = r => template.r(block.current, ref.ids, r, ref.chunk);
  return block;
};

// What a list remembers between updates, on its start marker (`__list`):
// its end marker, and for each row in order its element, its key (text
// form), a snapshot of the item it was rendered from (see `snapshot`), the
// skeleton it was made from (skeleton.js; null for a row made from markup)
// and what it shows: the skeleton's values, or the markup. Plain arrays,
// not properties on the elements: reading those costs much more per row.
// Server-rendered rows have none of the last three yet: the first time
// their item is rendered they are morphed to it (only differences are
// written).
const state = (end, rows, keys, snaps, skels, vals) => ({ end, rows, keys, snaps, skels, vals });

// The functions below work on one update, `u`: the list's `block`, the
// new `items`, the `old` state and the new one being built (`rows`,
// `keys`, `snaps`, `skels`, `vals`), and `changed`, the indices of kept
// rows to morph. They are module functions taking `u` rather than closures
// made in each update: the engine keeps its optimised code for a function
// that lives on, while a closure made afresh runs unoptimised again once
// the previous one has been collected, and these run once per row.

// The key (text form) of item i.
const keyOf = (u, i) => (u.keys[i] ??= String(u.block.template.k(u.items[i])));

// `item` rendered as markup.
const render = (block, item) => block.template.r(item, block.ref.ids, block.h, block.ref.chunk);

// Item i rendered through its skeleton (skels[i], values in vals[i]) or,
// when it has none, as markup (vals[i]).
const look = (u, i) => {
  const block = u.block;
  block.current = u.items[i];
  const skeleton = (u.skels[i] = shapeOf(block.template, block.rec, block.draw, block.lastShape));
  u.vals[i] = skeleton ? block.rec.values : render(block, block.current);
  return skeleton;
};

// Nodes for the rows at `indices` (rendered by `look`): copies of their
// skeleton, or, for the others, parsed from their markup in one go.
const make = (u, indices) => {
  const { skels, vals } = u;
  const nodes = new Array(indices.length), markup = [];
  for (let n = 0; n < indices.length; n++) {
    const i = indices[n], skeleton = skels[i];
    if (skeleton && (nodes[n] = instantiate(skeleton, vals[i]))) continue;
    if (skeleton) (skels[i] = null), (vals[i] = render(u.block, u.items[i]));
    markup.push(vals[i]);
  }
  const html = markup.join('');
  if (html) {
    const parsed = [...parse(html).children];
    for (let n = 0, p = 0; n < nodes.length; n++) nodes[n] ||= parsed[p++];
  }
  return { nodes, html };
};

// Morph the kept rows in `u.changed` (made from markup, server-rendered,
// or a skeleton that does not fit any more) to fresh nodes.
const morphChanged = u => {
  const { changed, rows, skels, vals } = u;
  if (!changed.length) return;
  const { nodes } = make(u, changed);
  for (let n = 0; n < changed.length; n++) {
    const i = changed[n];
    morph(rows[i], nodes[n]);
    if (!skels[i] && hasBindings(vals[i])) u.scanInto(rows[i]);
  }
};

// Old row j shows item i from now on; `unchanged`: the item still equals
// the row's snapshot.
const keep = (u, j, i, unchanged) => {
  const { old, vals } = u;
  const row = (u.rows[i] = old.rows[j]);
  u.keys[i] = old.keys[j];
  if (unchanged) {
    u.snaps[i] = old.snaps[j];
    u.skels[i] = old.skels[j];
    vals[i] = old.vals[j];
    return;
  }
  // Read before look() writes: the arrays may be the old ones.
  const was = old.vals[j], wasSkeleton = old.skels[j];
  u.snaps[i] = snapshot(u.items[i]);
  const skeleton = look(u, i);
  if (was === undefined) u.changed.push(i);
  else if (skeleton) {
    if (skeleton !== wasSkeleton || !update(skeleton, row, was, vals[i])) u.changed.push(i);
  } else if (wasSkeleton || ((vals[i] !== was || hasDerived(was)) && !patch(row, was, vals[i]))) u.changed.push(i);
};

// Whether old row j can show item i, and if so, keep it for item i. An
// unchanged snapshot means the same item, hence the same key, without
// computing it.
const fits = (u, j, i) => {
  const unchanged = same(u.old.snaps[j], u.items[i]);
  if (!unchanged && u.old.keys[j] !== keyOf(u, i)) return false;
  keep(u, j, i, unchanged);
  return true;
};

const reconcile = (start, block, items, { scanInto }) => {
  let old = start.__list;
  if (!old || !inPlace(start, old)) old = fromDom(start, old ? old.end : endOf(start));
  const end = old.end;
  const count = items.length;
  if (!count) {
    if (old.rows.length) clear(start, end);
    start.__list = state(end, [], [], [], [], []);
    return;
  }
  // Rows that change where they stand (an item edited in place: selecting,
  // renaming): the rows' arrays are updated where they are, and an
  // unchanged row costs one comparison, nothing else (no copies, no
  // matching, no moves). Null when rows come, go or move.
  const inPlaceChanges = count == old.rows.length ? changedInPlace(old, items, block.template) : null;
  const arrays = kept => (inPlaceChanges ? kept : new Array(count));
  const rows = arrays(old.rows), keys = arrays(old.keys), snaps = arrays(old.snaps);
  const skels = arrays(old.skels), vals = arrays(old.vals);
  const u = { block, items, old, rows, keys, snaps, skels, vals, changed: [], scanInto };

  if (inPlaceChanges) {
    for (const i of inPlaceChanges) keep(u, i, i, false);
    morphChanged(u);
    start.__list = state(end, rows, keys, snaps, skels, vals);
    return;
  }

  // Rows whose keys match at the start and at the end stay where they are.
  // When the first and the last row have changed places (a swap), both are
  // kept, to be moved, and the ends are matched again inside them; `crossed`
  // holds the new indices of such pairs, outermost first. This spares the
  // key map of the middle for the rows between.
  let head = 0, oldEnd = old.rows.length, newEnd = count;
  const crossed = [];
  for (;;) {
    while (head < oldEnd && head < newEnd && fits(u, head, head)) head++;
    while (head < oldEnd && head < newEnd && fits(u, oldEnd - 1, newEnd - 1)) oldEnd--, newEnd--;
    if (oldEnd - head < 2 || newEnd - head < 2 || old.keys[head] !== keyOf(u, newEnd - 1) || old.keys[oldEnd - 1] !== keyOf(u, head)) break;
    keep(u, oldEnd - 1, head, same(old.snaps[oldEnd - 1], items[head]));
    keep(u, head, newEnd - 1, same(old.snaps[head], items[newEnd - 1]));
    crossed.push(head++, --newEnd);
    oldEnd--;
  }

  // The middle: old rows [head, oldEnd) become rows [head, newEnd).
  const fresh = []; // indices of items that need a new row
  let stays = null; // middle positions (i - head) whose row does not move
  let onlyFresh = head == oldEnd; // the middle is all new rows, in order
  if (onlyFresh) {
    for (let i = head; i < newEnd; i++) fresh.push(i);
  } else {
    // Old index of the row each middle item reuses, -1 for a new row.
    const sources = new Int32Array(newEnd - head).fill(-1);
    const used = new Uint8Array(oldEnd - head);
    const byKey = new Map();
    for (let j = head; j < oldEnd; j++) byKey.set(old.keys[j], j);
    let reused = 0;
    for (let i = head; i < newEnd; i++) {
      const key = keyOf(u, i), j = byKey.get(key);
      if (j === undefined) fresh.push(i);
      else {
        byKey.delete(key); // a duplicate key gets a new row
        sources[i - head] = j;
        used[j - head] = 1;
        keep(u, j, i, same(old.snaps[j], items[i]));
        reused++;
      }
    }
    if (!reused && oldEnd - head == old.rows.length) clear(start, end); // all rows replaced
    else for (let j = head; j < oldEnd; j++) if (!used[j - head]) old.rows[j].remove();
    onlyFresh = !reused;
    if (!onlyFresh) stays = longestIncreasing(sources);
  }

  morphChanged(u);

  let fragment;
  if (fresh.length) {
    for (const i of fresh) {
      keyOf(u, i);
      snaps[i] = snapshot(items[i]);
      look(u, i);
    }
    const { nodes, html } = make(u, fresh);
    fragment = document.createDocumentFragment();
    // Each row knows its list, for the handlers and derived views that
    // capture its item (runtime/rows.js).
    for (let n = 0; n < fresh.length; n++) fragment.appendChild((rows[fresh[n]] = nodes[n])).__r_list = start;
    // Bound text inside rows made from markup: scanned once, while they
    // are still together in the fragment.
    if (hasBindings(html)) scanInto(fragment);
  }

  // Put the middle in order, from its last row back to its first, before
  // the first row of the kept end (or the end marker).
  const parent = start.parentNode;
  if (crossed.length) {
    // Rows that move: the crossed ones and those of the middle not on its
    // longest in-order run. If no row inside the innermost pair stays in
    // place, one row of that pair can stay (moving both would be one move
    // more than needed).
    const moves = new Set(crossed);
    const moving = i => moves.has(i) || (i >= head && i < newEnd && (onlyFresh || !stays[i - head]));
    const innerHead = crossed[crossed.length - 2], innerTail = crossed[crossed.length - 1];
    let inside = false;
    for (let i = innerHead + 1; i < innerTail && !inside; i++) inside = !moving(i);
    if (!inside) moves.delete(innerTail);
    // From the outermost pair's last row back to its first, each moving row
    // goes before its successor, which is in its place by then.
    const last = crossed[1];
    let anchor = last + 1 < count ? rows[last + 1] : end;
    for (let i = last; i >= crossed[0]; i--) {
      const row = rows[i];
      if (moving(i)) parent.insertBefore(row, anchor);
      anchor = row;
    }
  } else if (onlyFresh) {
    if (fragment) parent.insertBefore(fragment, newEnd < count ? rows[newEnd] : end);
  } else if (head < newEnd) {
    let anchor = newEnd < count ? rows[newEnd] : end;
    for (let i = newEnd - 1; i >= head; i--) {
      const row = rows[i];
      if (!stays[i - head]) parent.insertBefore(row, anchor);
      anchor = row;
    }
  }
  start.__list = state(end, rows, keys, snaps, skels, vals);
};

// Whether the rows remembered in `list` still fill the list exactly.
const inPlace = (start, { end, rows }) =>
  rows.length ? rows[0].previousSibling === start && rows[rows.length - 1].nextSibling === end : start.nextSibling === end;

// The list as the DOM shows it (server-rendered rows).
const fromDom = (start, end) => {
  const rows = [], keys = [];
  for (let node = start.nextSibling; node != end; node = node.nextSibling)
    if (node.nodeType == 1) rows.push(node), keys.push(node.getAttribute('data-r-k')), (node.__r_list = start);
  return state(end, rows, keys, [], [], []);
};

// What core finds in rows: bound and derived text, nested blocks (all
// marked by comments) and bound or derived attributes; markup without
// them has nothing to scan.
const hasBindings = html => html.includes('<!--') || html.includes('data-r-b') || html.includes('data-r-d');

// What a row was rendered from, cheap to compare on the next update: the
// fields of a flat item (ids, strings, flags) as [key, value, ...], or the
// JSON of an item with nested values, or [value] for a primitive item.
// Items are mutated in place by `update`, so a copy is kept, not the item.
const snapshot = item => {
  if (typeof item != 'object' || item === null) return [item];
  const flat = [];
  for (const key in item) {
    const value = item[key];
    if (typeof value == 'object' && value !== null) return JSON.stringify(item);
    flat.push(key, value);
  }
  return flat;
};

// The indices of the items that changed, if every row keeps its place:
// each item equals its row's snapshot or has the row's key. Null otherwise.
const changedInPlace = (old, items, template) => {
  const changes = [];
  for (let i = 0; i < items.length; i++) {
    if (same(old.snaps[i], items[i])) continue;
    if (String(template.k(items[i])) !== old.keys[i]) return null;
    changes.push(i);
  }
  return changes;
};

// Whether `item` still equals `snap` (a missing snapshot never does).
const same = (snap, item) => {
  if (snap === undefined) return false;
  if (typeof snap == 'string') return snap === JSON.stringify(item);
  if (typeof item != 'object' || item === null) return snap.length == 1 && snap[0] === item;
  let i = 0;
  for (const key in item) {
    if (snap[i] !== key || snap[i + 1] !== item[key]) return false;
    i += 2;
  }
  return i == snap.length;
};

const clear = (start, end) => {
  // A list that is its parent's only content (a whole <tbody> or <ul>) is
  // emptied in one operation, markers put back; otherwise the range between
  // the markers is deleted.
  const parent = start.parentNode;
  if (parent.firstChild === start && parent.lastChild === end) {
    parent.textContent = '';
    parent.append(start, end);
    return;
  }
  const range = document.createRange();
  range.setStartAfter(start);
  range.setEndBefore(end);
  range.deleteContents();
};

// Flags for the positions of a longest strictly increasing subsequence of
// `values` (old indices; -1, a new row, never belongs to it).
const longestIncreasing = values => {
  const tails = [], previous = new Int32Array(values.length);
  values.forEach((value, i) => {
    if (value < 0) return;
    let low = 0, high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      values[tails[mid]] < value ? (low = mid + 1) : (high = mid);
    }
    previous[i] = low ? tails[low - 1] : -1;
    tails[low] = i;
  });
  const result = new Uint8Array(values.length);
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) result[i] = 1;
  return result;
};
