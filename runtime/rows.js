// The item of a `<For>` row, for handlers and derived views that capture it
// (`~` in data-r-on, r-d and data-r-d, docs/protocol.md "Lists").

/**
 * The item of the list row `element` is in, as a read-only signal. Rows are
 * the only element siblings between a list's markers and always stand in
 * the list's order, so the row's position is the item's index.
 */
export const rowItem = (element, signal) => {
  const row = element.closest('[data-r-k]');
  let index = 0;
  for (let node = row.previousSibling; node; node = node.previousSibling) {
    if (node.nodeType == 1) index++;
    else if (node.nodeType == 8 && node.data.startsWith('r-for:')) {
      const item = signal(node.data.slice(6, node.data.indexOf('|'))).get()[index];
      return { get: () => item, with: fn => fn(item) };
    }
  }
};
