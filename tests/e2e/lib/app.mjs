// Starting the servers the tests talk to: the real `counter` example (built
// by cargo) or the fixture server. Both are { url, restart(), stop() }, bound
// to 127.0.0.1 on a free port that survives restarts.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { startFixtureServer } from '../fixture/server.mjs';

export { root } from './cargo.mjs';

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` until it answers with a response `answered` accepts (by
 * default a 2xx), for at most `ms`; fails early if `child` (the `what`
 * server) exits.
 */
export async function waitUntilServing(url, ms, child, what = 'server', answered = response => response.ok) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child?.exitCode != null) throw new Error(`${what} exited with code ${child.exitCode} before serving ${url}`);
    try {
      if (answered(await fetch(url))) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} not serving after ${ms} ms`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/** Starts target/debug/counter with PORT and HOST=127.0.0.1. */
export async function startCounter(binary) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child;
  const start = async () => {
    child = spawn(binary, [], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
    await waitUntilServing(url + '/', 30000, child);
  };
  const stop = () => stopProcess(child);
  await start();
  return { url, restart: async () => (await stop(), await start()), stop };
}

/**
 * Stops `child` with `kill` (default SIGTERM) and resolves once it has
 * exited; at once when it is not running (exited, or killed by a signal).
 */
export async function stopProcess(child, kill = () => child.kill('SIGTERM')) {
  if (!child || child.exitCode != null || child.signalCode != null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  kill();
  await exited;
}

/** Starts the fixture server (fixture/server.mjs). */
export async function startFixture() {
  let server = await startFixtureServer(0);
  const port = new URL(server.url).port;
  return {
    url: server.url,
    restart: async () => {
      await server.close();
      server = await startFixtureServer(Number(port));
    },
    stop: () => server.close(),
  };
}
