// The core half of lists, conditionals and derived values (docs/protocol.md
// §11, §12, §14): finding their markers and binding them to the signals
// they follow. The work itself is in the blocks module (runtime/blocks/),
// fetched the first time one of them has to change.
//
// Only the full build of core has this file: the lite build (LITE, see
// index.js) goes to pages without any of these markers.

import { signal } from './signals.js';
import { call } from './actions.js';
import { bind, scanInto, setAttribute, textAfter } from './bindings.js';

// BLOCKS_URL is set by the build (scripts/build-assets.mjs) to
// `./blocks-HASH.js`, next to core.
let blocksModule;
const blocks = () => (blocksModule ||= import(new URL(BLOCKS_URL, import.meta.url)));
// What the blocks module gets from core; it is also the runtime argument
// (`r`) of the derived bodies and effects it runs (protocol §6).
const api = { signal: id => signal(id), scanInto: root => scanInto(root), call };

// Derived views whose signals changed, not evaluated yet: null when none.
let pending;
// The latest list update (a promise). Derived views and conditionals wait
// for it: one inside a row must find the row's item in the list as it is
// after the handler (a row removed above it moves its item up).
let listed;
// Runs `fn(blocks module)` once the lists a handler changed are updated.
const afterLists = fn => blocks().then(b => Promise.resolve(listed).then(() => fn(b), () => fn(b)));

// A derived view `CHUNK#SYMBOL|IDS` (protocol §14): when any signal in IDS
// changes, the blocks module evaluates the body and `write` shows it. `~`
// in IDS (the row item, §11) never changes by itself: the blocks module
// finds it from `node`'s row. The views a handler's changes touch are
// evaluated together once it has returned: each once, however many of its
// signals changed, and never halfway through the handler's changes.
const derive = (ref, node, write) => {
  const view = [ref, node, write];
  for (const id of ref.split('|')[1].split(','))
    if (id && id != '~')
      bind(id, node, () => {
        if (!pending) {
          const views = (pending = new Set());
          afterLists(b => {
            pending = null;
            b.deriveAll(views, api);
          });
        }
        pending.add(view);
      });
};

/** Binds the block or derived text that `comment` (its text `data`) opens, if it is one. */
export const bindBlockMarker = (comment, data) => {
  // <!--r-d:CHUNK#SYMBOL|IDS-->TEXT<!---->: a derived text.
  if (data.startsWith('r-d:')) derive(data.slice(4), comment, textAfter(comment));
  else if (data.startsWith('r-for:')) {
    bind(data.slice(6, data.indexOf('|')), comment, items => (listed = blocks().then(b => b.list(comment, items, api))));
  } else if (data.startsWith('r-show:')) {
    // Any signal the block lists may change its condition.
    const ids = data.split('|')[1];
    for (const id of ids ? ids.split(',') : []) bind(id, comment, () => afterLists(b => b.show(comment, api)));
  }
};

/** Binds the derived attributes of `el`: data-r-d="NAME=CHUNK#SYMBOL|IDS ...". */
export const bindDerivedAttributes = el => {
  for (const pair of el.getAttribute('data-r-d').split(' ')) {
    const [name, ref] = pair.split('=');
    derive(ref, el, value => setAttribute(el, name, value));
  }
};

/**
 * Binds the page's computeds and effects (§14): [DEPS, REF, TARGET, WAIT].
 * They belong to the page, and the document is never disconnected.
 */
export const bindReactions = (reactions = []) => {
  for (const reaction of reactions) for (const dep of reaction[0]) bind(dep, document, () => blocks().then(b => b.react(reaction, api)));
};
