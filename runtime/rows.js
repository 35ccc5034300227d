// The item of a `<For>` row, for handlers and derived views that capture it
// (`~` in data-r-on, r-d and data-r-d, docs/protocol.md "Lists").
//
// A derived view in every row is evaluated for every row when its signal
// changes, so finding a row's position must not walk the rows before it
// each time (that made a change O(rows²)): the positions are found in one
// pass and kept until the list runtime changes the rows.

// The position of each row of the list that `start` opens, found in one
// pass and kept on the marker while the list runtime has not rendered the
// list again: it replaces the marker's `__list` on every update, and
// server-rendered rows have none until the first. The pass also tells each
// row its list (`__r_list`: a row never moves to another list). Core and
// the blocks module each bundle this file; what it keeps is on the nodes,
// so either copy's pass serves both.
const positions = start => {
  let index = start.__r_at;
  if (!index || index.of !== start.__list) {
    index = start.__r_at = new Map();
    index.of = start.__list;
    // Rows are the only elements between the markers; the list's end is
    // its `<!---->` (protocol §11).
    for (let node = start.nextSibling, i = 0; node && (node.nodeType != 8 || node.data); node = node.nextSibling)
      if (node.nodeType == 1) index.set(node, i++), (node.__r_list = start);
  }
  return index;
};

/**
 * The item of the list row `element` is in, as a read-only signal. Rows are
 * the only element siblings between a list's markers and always stand in
 * the list's order, so the row's position is the item's index.
 */
export const rowItem = (element, signal) => {
  const row = element.closest('[data-r-k]');
  let start = row.__r_list;
  if (!start) for (start = row.previousSibling; start.nodeType != 8 || !start.data.startsWith('r-for:'); ) start = start.previousSibling;
  const item = signal(start.data.slice(6, start.data.indexOf('|'))).get()[positions(start).get(row)];
  return { get: () => item, with: fn => fn(item) };
};
