// The page's initial signal values (docs/protocol.md §5).
//
// The server writes them as JSON into <script type="resuma/state">. Parsing
// waits until a handler first touches a signal: a page that is only read
// never pays for it.

let values;

/** The initial value of signal `id` (a decimal string or number), or undefined. */
export const initialValue = id =>
  (values ||= JSON.parse(document.querySelector('script[type="resuma/state"]')?.text || '{}').s || {})[id];
