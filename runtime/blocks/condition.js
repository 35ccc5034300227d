// The condition of a `<Show>` block (docs/protocol.md §12), shared by the
// block itself (show.js) and by templates that render a `<Show>` nested in
// a row or branch (markup.js).

/**
 * Evaluate `block`'s condition: either a translated closure that writes its
 * result into a sink (`-1` in `wc`), reading signals of `ids` and, at `-2`,
 * the item of the row the block is in (`item`, a read-only signal), or a
 * bool signal read directly.
 */
export const condition = (block, ids, signal, item) => {
  if (!block.w) return signal(ids[block.wc[0]]).get();
  let result;
  const sink = { set: value => (result = value), get: () => result };
  block.w(block.wc.map(i => (i == -1 ? sink : i == -2 ? item : signal(ids[i]))));
  return result;
};
