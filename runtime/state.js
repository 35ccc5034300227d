// The page's initial signal values (docs/protocol.md §5); its computeds and
// effects (§14, the state's `d`) are bound by the scan.
//
// The server writes them as JSON into <script type="resuma/state">, except
// the values the markup shows exactly, which the scan of the page reads
// (bindings.js). Parsing waits until a handler first touches a signal: a
// page that is only read never pays for it.

import { scanPage } from './bindings.js';

let state;

/** The initial value of signal `id` (a decimal string or number), or undefined. */
export const initialValue = id =>
  // Core only runs on pages with handlers, which always have the state
  // script, and its object always has `s` (protocol §5).
  (state ||= scanPage(JSON.parse(document.querySelector('script[type="resuma/state"]').text))).s[id];
