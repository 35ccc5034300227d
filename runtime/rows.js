// The item of a `<For>` row, for handlers and derived views that capture it
// (`~` in data-r-on, r-d and data-r-d, docs/protocol.md "Lists"). Rows are
// the only element siblings between a list's markers and always stand in
// the list's order, so the row's position is the item's index.
//
// Two ways to find that position, for two costs to avoid:
// - `rowItem` (core, a handler's event): one row, often right after the
//   list changed (select a row of a fresh list). It scans the rows the list
//   runtime keeps in order (`__list.rows`, runtime/blocks/lists.js) and
//   builds nothing.
// - `rowItemIndexed` (the blocks module, a derived view or conditional in
//   every row): every row, each time their signal changes. Finding each
//   position by a scan would make that O(rows²), so one pass over the list
//   notes every row's position, kept on the start marker until the list
//   runtime renders the list again (it replaces `__list` on every update).
//
// A row knows its list's start marker (`__r_list`, set by the list runtime
// and by the indexing pass; a row never moves to another list), so neither
// walks back to it but the first time a server-rendered row is looked up.

// The start marker of the list `row` (an element with `data-r-k`) is in.
const listOf = row => {
  let start = row.__r_list;
  if (!start) for (start = row.previousSibling; start.nodeType != 8 || !start.data.startsWith('r-for:'); ) start = start.previousSibling;
  return start;
};

// Item `i` of the list `start` opens, as a read-only signal.
const itemAt = (start, i, signal) => {
  const item = signal(start.data.slice(6, start.data.indexOf('|'))).get()[i];
  return { get: () => item, with: fn => fn(item) };
};

/** The item of the list row `element` is in, found for one lookup. */
export const rowItem = (element, signal) => {
  const row = element.closest('[data-r-k]'), start = listOf(row), rows = start.__list?.rows;
  let i = 0;
  if (rows) i = rows.indexOf(row);
  // Server-rendered rows the list runtime has not seen yet.
  else for (let node = start.nextSibling; node !== row; node = node.nextSibling) node.nodeType == 1 && i++;
  return itemAt(start, i, signal);
};

/**
 * The item of the list row `element` is in, for a lookup in every row: the
 * positions of all the list's rows are found in one pass and kept.
 */
export const rowItemIndexed = (element, signal) => {
  const row = element.closest('[data-r-k]'), start = listOf(row);
  let index = start.__r_at;
  if (!index || index.of !== start.__list) {
    index = start.__r_at = new Map();
    index.of = start.__list;
    // The list's end is its `<!---->` (protocol §11).
    for (let node = start.nextSibling, i = 0; node && (node.nodeType != 8 || node.data); node = node.nextSibling)
      if (node.nodeType == 1) index.set(node, i++), (node.__r_list = start);
  }
  return itemAt(start, index.get(row), signal);
};
