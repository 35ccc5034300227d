// Conditional blocks: `<!--r-show:CHUNK#SYMBOL|ids|SHOWN-->` branch `<!---->`
// (docs/protocol.md §12). The template module holds the condition and both
// branches; when a signal the condition reads changes, the condition is
// evaluated again and, if it flipped, the other branch replaces this one.

import { helpers, parse } from './markup.js';
import { load, parseRef, endOf } from './refs.js';

/**
 * Re-evaluate the block opened by `comment`
 * (`r-show:CHUNK#SYMBOL|ids|SHOWN`) after one of its signals changed, and
 * swap the branch if the condition flipped. The branch shown is kept on the
 * comment node. `api` is core's `{ signal, scanInto }`.
 */
export const show = (comment, { signal, scanInto }) => {
  const data = comment.data.slice(7);
  const cut = data.lastIndexOf('|');
  const ref = parseRef(data.slice(0, cut));
  comment.__shown ??= data.slice(cut + 1) == '1';
  return load(ref.chunk).then(module => {
    const block = module[ref.symbol];
    const now = !!condition(block, ref.ids, signal);
    if (now == comment.__shown) return;
    comment.__shown = now;
    const end = endOf(comment);
    while (comment.nextSibling != end) comment.nextSibling.remove();
    const fragment = parse((now ? block.y : block.f)(null, ref.ids, helpers(signal), ref.chunk));
    const added = [...fragment.childNodes];
    end.before(fragment);
    added.forEach(scanInto);
  });
};

// The condition is either a translated closure that writes its result into
// a sink (`-1` in `wc`), or a bool signal read directly.
const condition = (block, ids, signal) => {
  if (!block.w) return signal(ids[block.wc[0]]).get();
  let result;
  const sink = { set: value => (result = value), get: () => result };
  block.w(block.wc.map(i => (i < 0 ? sink : signal(ids[i]))));
  return result;
};
