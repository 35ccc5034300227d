// Keyed lists: `<!--r-for:ID|CHUNK#SYMBOL|ids-->` rows `<!---->`
// (docs/protocol.md §11). Each row is one element with `data-r-k`. When the
// list signal changes, rows are matched by key: a kept row keeps its nodes
// (moved if needed, patched if its item changed), new rows are rendered from
// the compiled template, missing rows are removed.

import { helpers, parse } from './markup.js';
import { morph } from './morph.js';
import { load, parseRef, endOf } from './refs.js';

/**
 * Make the rows of the list opened by `comment` (`r-for:ID|CHUNK#SYMBOL|ids`)
 * follow `items`, the new value of its signal. `api` is core's
 * `{ signal, scanInto }`.
 */
export const list = (comment, items, api) => {
  const ref = parseRef(comment.data.slice(comment.data.indexOf('|') + 1));
  return load(ref.chunk).then(module => reconcile(comment, module[ref.symbol], ref, items || [], api));
};

const reconcile = (start, template, ref, items, { signal, scanInto }) => {
  const parent = start.parentNode;
  const end = endOf(start);
  const old = new Map();
  for (let node = start.nextSibling; node != end; node = node.nextSibling)
    if (node.nodeType == 1) old.set(node.getAttribute('data-r-k'), node);

  const h = helpers(signal);
  const render = item => template.r(item, ref.ids, h, ref.chunk);
  const keys = items.map(item => String(template.k(item)));

  // Fast paths: clearing, and filling an empty list (one parse for all rows).
  if (!items.length) return clear(start, end);
  if (!old.size) return insertRows(parent, end, items.map(render), scanInto);

  const rows = new Array(items.length);
  const fresh = [];
  items.forEach((item, i) => {
    const html = render(item);
    const row = old.get(keys[i]);
    if (row) {
      old.delete(keys[i]);
      // A row's last rendered markup is remembered; server-rendered rows
      // compare against their own serialisation (a false "changed" only
      // costs a patch, never a wrong result).
      if ((row.__r ?? row.outerHTML) != html) {
        morph(row, parse(html).firstChild);
        scanInto(row);
      }
      row.__r = html;
      rows[i] = row;
    } else fresh.push([i, html]);
  });
  for (const row of old.values()) row.remove();
  if (fresh.length) {
    const made = parse(fresh.map(f => f[1]).join('')).children;
    const elements = [...made];
    fresh.forEach(([i, html], j) => ((rows[i] = elements[j]).__r = html));
  }
  place(parent, end, rows);
  for (const [i] of fresh) scanInto(rows[i]);
};

const clear = (start, end) => {
  const range = document.createRange();
  range.setStartAfter(start);
  range.setEndBefore(end);
  range.deleteContents();
};

const insertRows = (parent, end, htmls, scanInto) => {
  const fragment = parse(htmls.join(''));
  const rows = [...fragment.children];
  rows.forEach((row, i) => (row.__r = htmls[i]));
  parent.insertBefore(fragment, end);
  rows.forEach(scanInto);
};

// Put `rows` in order before `end`, moving as few nodes as possible: rows on
// the longest run that is already in order stay where they are.
const place = (parent, end, rows) => {
  const position = new Map();
  let i = 0;
  for (let node = end.parentNode.firstChild; node; node = node.nextSibling) position.set(node, i++);
  const stays = longestIncreasing(rows.map(row => (row.parentNode == parent ? position.get(row) : -1)));
  let anchor = end;
  for (let j = rows.length - 1; j >= 0; j--) {
    if (!stays.has(j)) parent.insertBefore(rows[j], anchor);
    anchor = rows[j];
  }
};

// Indices of a longest strictly increasing subsequence of `values` (ignoring -1).
const longestIncreasing = values => {
  const tails = [], previous = [];
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
  const result = new Set();
  for (let i = tails[tails.length - 1]; i >= 0 && tails.length; i = previous[i]) result.add(i);
  return result;
};
