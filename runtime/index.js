// The core runtime's entry point: what the loader calls (docs/protocol.md §6).
// `npm run build` bundles this file and its imports twice:
//  - the full core, crates/resuma/assets/core.js;
//  - the lite core, crates/resuma/assets/core-lite.js, with LITE true: no
//    lists, conditionals or derived values (block-bindings.js), no row items
//    (rows.js) and no server calls (actions.js). The server sends it to pages
//    that use none of them (crates/resuma/src/core_build.rs), such as a
//    page of counters, and the bundler drops every `!LITE` branch from it.
// Both are served as /_resuma/core-HASH.js and export the same names.

import { signal } from './signals.js';
import { call } from './actions.js';
import { rowItem } from './rows.js';

/**
 * The third argument of every handler: what handlers may ask of the runtime.
 * `signal` lets a chunk reach signals by id (an action's dispatch, protocol
 * §8, keeps its bookkeeping in the chunk so pages without actions don't pay).
 */
export const runtime = LITE ? { signal } : { call, signal };

/**
 * Runs one handler for one event. `ids` is the part of `data-r-on` after
 * `|`: comma-separated signal ids (`~` for the row's item), or empty. Errors are reported, not thrown,
 * so the loader can go on replaying the events queued behind this one.
 */
export const run = (handler, ids, event) => {
  try {
    // `~` is the item of the list row the event happened in (protocol §11).
    const capture = id => (id == '~' ? rowItem(event.target, signal) : signal(id));
    handler(ids ? ids.split(',').map(LITE ? signal : capture) : [], event, runtime);
  } catch (error) {
    reportError(error);
  }
};
