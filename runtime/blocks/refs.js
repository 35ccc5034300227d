// Shared plumbing of the two block kinds, `<For>` lists and `<Show>`
// conditionals (docs/protocol.md, Lists and Conditionals): parsing their
// marker comment, loading their template module, finding their end marker.

// Chunks live next to core and this module (protocol §6). Only a chunk
// name of the shape the server writes (§4: `h` + 12 lowercase hex digits)
// is imported: a marker injected into the page must not name a module of
// its choosing. A derived value of a refused chunk is ignored (the promise
// never settles); a block of one is ignored too (`loadBlock` resolves to
// null), because derived values wait for list updates to end.
const isChunk = chunk => /^h[\da-f]{12}$/.test(chunk);
const modules = {}, ready = {};
export const load = chunk =>
  (modules[chunk] ||= isChunk(chunk)
    ? import(new URL(chunk + '.js', import.meta.url)).then(module => (ready[chunk] = module))
    : new Promise(() => {}));

/** The module of `chunk` once `load` has loaded it, else undefined: code that runs often need not wait a turn for it. */
export const loaded = chunk => ready[chunk];

/**
 * `CHUNK#SYMBOL|ids|more…` → { chunk, symbol, ids, more }: `more` holds what
 * a block's marker adds (a `<Show>`'s SHOWN, the components' list).
 */
export const parseRef = text => {
  const cut = text.indexOf('#');
  const [symbol, ids, ...more] = text.slice(cut + 1).split('|');
  return { chunk: text.slice(0, cut), symbol, ids: ids ? ids.split(',') : [], more };
};

/**
 * Load the block template `ref` names and the component templates `list`
 * (`CHUNK#SYMBOL,…` from its marker, protocol §11): resolves to the block
 * and the components as `helpers` (markup.js) takes them, or to null when
 * a chunk name is refused.
 */
export const loadBlock = (ref, list) => {
  const components = list ? list.split(',').map(entry => parseRef(entry)) : [];
  if (![ref, ...components].every(r => isChunk(r.chunk))) return Promise.resolve(null);
  return Promise.all([ref, ...components].map(r => load(r.chunk))).then(([module, ...modules]) => [
    module[ref.symbol],
    components.map((c, i) => [modules[i][c.symbol], c.chunk, c.chunk + '#' + c.symbol]),
  ]);
};

// Comments that open a region closed by the empty comment `<!---->`.
const opens = comment => /^r(:|-d:|-for:|-show:)/.test(comment.data);

/** The `<!---->` that closes the block opened by `start`, skipping nested regions. */
export const endOf = start => {
  let depth = 0;
  for (let node = start.nextSibling; node; node = node.nextSibling) {
    if (node.nodeType != 8) continue;
    if (opens(node)) depth++;
    else if (node.data == '' && depth-- == 0) return node;
  }
  throw Error('resuma: block without its end marker');
};
