// Starting the islands example for the island tests and the island bench:
// `cargo build -p islands-example` (or ISLANDS_BIN), then the binary on a
// free port. Its islands must have been built before with
// `resuma build --manifest-path examples/islands/Cargo.toml` (scripts/test-all
// does); without them the server refuses to start and says so.

import { cargoBuild } from './cargo.mjs';
import { startCounter } from './app.mjs';

let started;

/**
 * The islands example server, started once per process and stopped when the
 * process exits: { url, stop() }.
 */
export function islandsApp() {
  started ||= (async () => {
    const app = await startCounter(process.env.ISLANDS_BIN || cargoBuild('islands-example', { exit: false }));
    process.once('exit', () => app.stop());
    return app;
  })();
  return started;
}
