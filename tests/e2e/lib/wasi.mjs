// The counter example as a wasi:http component under `wasmtime serve`,
// started through scripts/serve-wasi (which builds it for wasm32-wasip2):
// { url, restart(), stop() } like lib/app.mjs's servers, on a free port,
// with its key-value store in a fresh temporary directory.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess, waitUntilServing, root } from './app.mjs';

/** Serves PACKAGE's component; the first start includes its release build. */
export async function startWasi(pkg) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const data = mkdtempSync(join(tmpdir(), `resuma-wasi-${pkg}-`));
  let child;
  const start = async () => {
    child = spawn(join(root, 'scripts/serve-wasi'), [pkg], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RESUMA_WASI_DATA: join(data, 'store') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitUntilServing(url + '/', 600000, child, `wasmtime serve (${pkg})`);
  };
  const stop = () => stopProcess(child);
  await start();
  return {
    url,
    data: join(data, 'store'),
    restart: async () => (await stop(), await start()),
    stop: async () => (await stop(), rmSync(data, { recursive: true, force: true })),
  };
}
