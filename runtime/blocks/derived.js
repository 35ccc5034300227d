// Derived values (docs/protocol.md §14): the bodies of derived views,
// `computed!`s and effects, translated into the view's chunk, evaluated
// here when a signal they read changes. Core finds what to evaluate
// (bindings.js); this module, loaded only then, runs it.

import { load, loaded, parseRef } from './refs.js';
import { rowItemIndexed } from '../rows.js';

// Parsed refs by their text: a derived view in every row of a list shares
// one ref, evaluated once per row on every change.
const refs = new Map();

/**
 * Evaluate the body named by `ref` (`CHUNK#SYMBOL|IDS`): it is called like a
 * handler, with the signals of IDS, no event, and core's api as the runtime.
 * `~` in IDS is the item of the `<For>` row that `node` (the derived
 * view's marker comment or element) stands in, read when the body runs, so
 * it is the row's item of now. Returns the body's value, or a promise of it
 * while the chunk is still loading.
 */
export const derive = (ref, api, node) => {
  let parsed = refs.get(ref);
  if (!parsed) refs.set(ref, (parsed = parseRef(ref)));
  const { chunk, symbol, ids } = parsed;
  const capture = id => (id == '~' ? rowItemIndexed(node.nodeType == 8 ? node.parentNode : node, api.signal) : api.signal(id));
  const evaluate = module => module[symbol](ids.map(capture), null, api);
  const module = loaded(chunk);
  return module ? evaluate(module) : load(chunk).then(evaluate);
};

/**
 * Evaluate the derived views `views` (`[REF, NODE, WRITE]`, core's
 * block-bindings.js) whose signals changed, and write each one's value. A
 * body that throws is reported and the others still run.
 */
export const deriveAll = (views, api) => {
  for (const [ref, node, write] of views)
    // A view in a row or branch removed meanwhile is left alone.
    if (node.isConnected)
      try {
        const value = derive(ref, api, node);
        value instanceof Promise ? value.then(write) : write(value);
      } catch (error) {
        reportError(error);
      }
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
  if (target != null) return Promise.resolve(derive(ref, api)).then(value => api.signal(target).set(value));
  clearTimeout(reaction.timer);
  reaction.timer = setTimeout(() => derive(ref, api), wait || 0);
};
