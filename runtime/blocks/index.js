// Lists, conditionals and derived values, loaded by core only on pages that
// have them (`<!--r-for:` / `<!--r-show:` / `<!--r-d:` markers, `data-r-d`,
// computeds and effects) and only once one changes, so a page without them
// never pays for this code. `npm run build` bundles this file into
// crates/resuma/assets/blocks.js, served as /_resuma/blocks-HASH.js.
//
// It shares no module with core: core passes what it needs (`signal`,
// `scanInto`) as an argument, so there is exactly one signal registry.

export { list } from './lists.js';
export { show } from './show.js';
export { deriveAll, react } from './derived.js';
