// `resuma build --static` of an example, served by a plain static file
// server (`python3 -m http.server`, bound to 127.0.0.1 on a free port): no
// Resuma server, no CSP header, no server functions.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './cargo.mjs';
import { freePort, stopProcess, waitUntilServing } from './app.mjs';

/**
 * Exports the example at `manifestPath` (relative to the repository) into
 * a temporary directory with the `resuma` command, then serves it.
 * Returns { url, dir, stop() }.
 */
export async function startStaticSite(manifestPath) {
  const dir = mkdtempSync(join(tmpdir(), 'resuma-static-'));
  execFileSync('cargo', ['run', '-q', '-p', 'resuma-cli', '--', 'build', '--static', dir, '--manifest-path', manifestPath], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  await waitUntilServing(url + '/', 10000, child, 'python3 -m http.server');
  return {
    url,
    dir,
    stop: async () => {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
