// Building the Rust binaries the browser tests and the benchmarks run: one
// `cargo build`, and the executable's path as cargo reports it in its JSON
// messages, so a CARGO_TARGET_DIR outside the repository works too.

import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Runs `cargo build -p PKG` in the repository's workspace, or in the
 * workspace of `manifestPath`, and returns the path of the executable
 * target `bin` (default: the package's name). `env` is cargo's environment.
 * When cargo fails it has printed its errors to stderr already; then this
 * exits with code 2, or throws when `exit` is false.
 */
export function cargoBuild(pkg, { manifestPath, bin = pkg, env = process.env, exit = true } = {}) {
  const args = ['build', '-p', pkg, '--message-format=json-render-diagnostics'];
  if (manifestPath) args.push('--manifest-path', manifestPath);
  let messages;
  try {
    messages = execFileSync('cargo', args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch {
    const failed = `cargo build -p ${pkg} failed; see the errors above`;
    if (!exit) throw new Error(failed);
    console.error(failed);
    process.exit(2);
  }
  for (const line of messages.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line);
    if (message.reason === 'compiler-artifact' && message.target?.name === bin && message.executable) return message.executable;
  }
  throw new Error(`cargo build -p ${pkg} reported no \`${bin}\` executable`);
}
