// Derived values (docs/protocol.md §14): the bodies of derived views,
// `computed!`s and effects, translated into the view's chunk, evaluated
// here when a signal they read changes. Core finds what to evaluate
// (bindings.js); this module, loaded only then, runs it.

import { load, parseRef } from './refs.js';
import { rowItemIndexed } from '../rows.js';

/**
 * Evaluate the body named by `ref` (`CHUNK#SYMBOL|IDS`): it is called like a
 * handler, with the signals of IDS, no event, and core's api as the runtime.
 * `~` in IDS is the item of the `<For>` row that `node` (the derived
 * view's marker comment or element) stands in, read when the body runs, so
 * it is the row's item of now. Resolves to the body's value.
 */
export const derive = (ref, api, node) => {
  const { chunk, symbol, ids } = parseRef(ref);
  const capture = id => (id == '~' ? rowItemIndexed(node.nodeType == 8 ? node.parentNode : node, api.signal) : api.signal(id));
  return load(chunk).then(module => module[symbol](ids.map(capture), null, api));
};

/**
 * A dependency of `reaction` (`[DEPS, REF, TARGET, WAIT]`) changed. A
 * computed (TARGET is its signal's id) is evaluated at once and written into
 * its signal, which updates what shows it. An effect (TARGET null) runs
 * after the handler that changed the dependency, once however many of its
 * dependencies it changed, and a debounced one only when they have been
 * still for WAIT ms.
 */
export const react = (reaction, api) => {
  const [, ref, target, wait] = reaction;
  if (target != null) return derive(ref, api).then(value => api.signal(target).set(value));
  clearTimeout(reaction.timer);
  reaction.timer = setTimeout(() => derive(ref, api), wait || 0);
};
