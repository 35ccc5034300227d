// Markup helpers for client templates (docs/protocol.md §11–12): the same
// escaping and attribute rules as the Rust renderer, so a row the browser
// renders is the row the server would have rendered.

import { condition } from './condition.js';

// No regular expression: V8 drops compiled regexp code on garbage
// collection, and recompiling costs more than these scans (see patch.js).
const escape = text =>
  text.includes('&') || text.includes('<') || text.includes('>') || text.includes('"')
    ? text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
    : text;

/** A value's text form (protocol §2); null/undefined (Rust `None`) is empty. */
export const toText = value => (value == null ? '' : String(value));

// A plain value as a read-only signal, for a condition that reads the item.
const held = item => ({ get: () => item, with: fn => fn(item) });

/**
 * What a template function receives as `h`. `api` is core's `{ signal, … }`;
 * `components` are the component templates the block's marker lists, each
 * `[template, chunk, "CHUNK#SYMBOL"]` (protocol §11 "Components in rows").
 */
export const helpers = (api, components = []) => {
  const { signal } = api;
  // The marker suffix naming the components at positions `map` of ours.
  const refs = map => (map.length ? '|' + map.map(i => components[i][2]).join(',') : '');
  const h = {
    /** Escaped text of a value. */
    t: value => escape(toText(value)),
    /** An escaped attribute value. */
    e: value => escape(toText(value)),
    /** ` name="value"`, ` name` for true, nothing for false/null (protocol §3). */
    a: (name, value) =>
      value === true ? ' ' + name : value === false || value == null ? '' : ` ${name}="${escape(toText(value))}"`,
    /** Text bound to signal `id`, with its markers (protocol §2). */
    b: id => `<!--r:${id}-->${escape(toText(signal(id).get()))}<!---->`,
    /** The value of signal `id` (a bound attribute, protocol §3). */
    v: id => signal(id).get(),
    /**
     * The value of a derived body (an export of the chunk) over signals
     * `ids` (§14); `~` in `ids` is the row's `item`.
     */
    x: (body, ids, item) => body(ids.map(id => (id == '~' ? held(item) : signal(id))), null, api),
    /** A derived text with its markers (§14); `ref` is `CHUNK#SYMBOL`. */
    d: (body, ref, ids, item) => `<!--r-d:${ref}|${ids}-->${h.t(h.x(body, ids, item))}<!---->`,
    /** Component `i` of the marker's list, rendered from its props. */
    c: (i, props) => components[i][0](props, [], h, components[i][1]),
    /**
     * A `<Show>` nested in this template: its marker, the branch its
     * condition picks, its end. `item` is the row item it may read, `map`
     * the positions of its components in ours.
     */
    s: (block, ref, ids, item, map) => {
      const shown = !!condition(block, ids, signal, held(item));
      const inner = helpers(api, map.map(i => components[i]));
      return `<!--r-show:${ref}|${ids}|${shown ? 1 : 0}${refs(map)}-->${(shown ? block.y : block.f)(item, ids, inner, ref.split('#')[0])}<!---->`;
    },
    /** A `<For>` nested in this template, over the list in signal `list`. */
    l: (block, ref, list, ids, map) => {
      const inner = helpers(api, map.map(i => components[i]));
      const chunk = ref.split('#')[0];
      const rows = (signal(list).get() || []).map(item => block.r(item, ids, inner, chunk)).join('');
      return `<!--r-for:${list}|${ref}|${ids}${refs(map)}-->${rows}<!---->`;
    },
  };
  return h;
};

const parser = document.createElement('template');

/** Parse template output into a fragment. */
export const parse = html => {
  parser.innerHTML = html;
  return parser.content;
};
