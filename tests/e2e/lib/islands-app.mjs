// Starting the islands example for the island tests and the island bench:
// `cargo build -p islands-example` (or ISLANDS_BIN), then the binary on a
// free port. Its islands must have been built before with
// `resuma build --manifest-path examples/islands/Cargo.toml` (scripts/test-all
// does); without them the server refuses to start and says so.

import { execFileSync } from 'node:child_process';
import { root, startCounter } from './app.mjs';

/** Builds the islands example with cargo and returns the binary's path. */
export function buildIslandsExample() {
  let messages;
  try {
    messages = execFileSync('cargo', ['build', '-p', 'islands-example', '--message-format=json-render-diagnostics'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
  } catch {
    throw new Error('cargo build -p islands-example failed; see the errors above');
  }
  for (const line of messages.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line);
    if (message.reason === 'compiler-artifact' && message.target?.name === 'islands-example' && message.executable)
      return message.executable;
  }
  throw new Error('cargo build -p islands-example reported no executable');
}

let started;

/**
 * The islands example server, started once per process and stopped when the
 * process exits: { url, stop() }.
 */
export function islandsApp() {
  started ||= (async () => {
    const app = await startCounter(process.env.ISLANDS_BIN || buildIslandsExample());
    process.once('exit', () => app.stop());
    return app;
  })();
  return started;
}
