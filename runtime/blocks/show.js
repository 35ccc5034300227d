// Conditional blocks: `<!--r-show:CHUNK#SYMBOL|ids|SHOWN|COMPONENTS-->`
// branch `<!---->` (docs/protocol.md §12). The template module holds the
// condition and both branches; when a signal the condition reads changes,
// the condition is evaluated again and, if it flipped, the other branch
// replaces this one.

import { condition } from './condition.js';
import { helpers, parse } from './markup.js';
import { loadBlock, parseRef, endOf } from './refs.js';
import { rowItemIndexed } from '../rows.js';

/**
 * Re-evaluate the block opened by `comment` after one of its signals
 * changed, and swap the branch if the condition flipped. The marker's
 * SHOWN is the truth about which branch is in the page: it is rewritten on
 * each swap, and a row patched by its list brings its own. `api` is core's
 * `{ signal, scanInto }`.
 */
export const show = (comment, api) => {
  const ref = parseRef(comment.data.slice(7));
  return loadBlock(ref, ref.more[1]).then(loaded => {
    if (!loaded) return;
    const [block, components] = loaded;
    const { signal, scanInto } = api;
    // A block inside a `<For>` row may read the row's item (`i`).
    const item = block.i ? rowItemIndexed(comment.parentNode, signal) : null;
    const now = !!condition(block, ref.ids, signal, item);
    const data = comment.data, cut = data.indexOf('|', data.indexOf('|') + 1) + 1;
    if (now == (data[cut] == '1')) return;
    comment.data = data.slice(0, cut) + (now ? 1 : 0) + data.slice(cut + 1);
    const end = endOf(comment);
    while (comment.nextSibling != end) comment.nextSibling.remove();
    const branch = now ? block.y : block.f;
    const fragment = parse(branch(item && item.get(), ref.ids, helpers(api, components), ref.chunk));
    const added = [...fragment.childNodes];
    end.before(fragment);
    added.forEach(scanInto);
  });
};
