// Markup helpers for client templates (docs/protocol.md §11–12): the same
// escaping and attribute rules as the Rust renderer, so a row the browser
// renders is the row the server would have rendered.

// No regular expression: V8 drops compiled regexp code on garbage
// collection, and recompiling costs more than these scans (see patch.js).
const escape = text =>
  text.includes('&') || text.includes('<') || text.includes('>') || text.includes('"')
    ? text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
    : text;

/** A value's text form (protocol §2); null/undefined (Rust `None`) is empty. */
export const toText = value => (value == null ? '' : String(value));

/** What a template function receives as `h`; `signal` is core's. */
export const helpers = signal => ({
  /** Escaped text of a value. */
  t: value => escape(toText(value)),
  /** An escaped attribute value. */
  e: value => escape(toText(value)),
  /** ` name="value"`, ` name` for true, nothing for false/null (protocol §3). */
  a: (name, value) =>
    value === true ? ' ' + name : value === false || value == null ? '' : ` ${name}="${escape(toText(value))}"`,
  /** Text bound to signal `id`, with its markers (protocol §2). */
  b: id => `<!--r:${id}-->${escape(toText(signal(id).get()))}<!---->`,
});

const parser = document.createElement('template');

/** Parse template output into a fragment. */
export const parse = html => {
  parser.innerHTML = html;
  return parser.content;
};
