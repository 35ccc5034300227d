// The page's initial signal values (docs/protocol.md §5) and its computeds
// and effects (§14).
//
// The server writes them as JSON into <script type="resuma/state">. Parsing
// waits until a handler first touches a signal: a page that is only read
// never pays for it.

let state;
const parsed = () => (state ||= JSON.parse(document.querySelector('script[type="resuma/state"]')?.text || '{}'));

/** The initial value of signal `id` (a decimal string or number), or undefined. */
export const initialValue = id => (parsed().s || {})[id];

/** The page's computeds and effects: `[DEPS, CHUNK#SYMBOL|IDS, TARGET, WAIT]` each. */
export const reactions = () => parsed().d || [];
