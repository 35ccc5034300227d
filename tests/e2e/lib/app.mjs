// Starting the servers the tests talk to: the real `counter` example (built
// by cargo) or the fixture server. Both are { url, restart(), stop() }, bound
// to 127.0.0.1 on a free port that survives restarts.

import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer } from '../fixture/server.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

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

// Polls `url` until it answers, for at most `ms`.
async function waitUntilServing(url, ms, child) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child?.exitCode != null) throw new Error(`server exited with code ${child.exitCode} before serving ${url}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} not serving after ${ms} ms`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/**
 * Runs `cargo build -p counter` and returns the binary's path as cargo reports
 * it, so a CARGO_TARGET_DIR outside the repository works too.
 */
export function buildCounter() {
  let messages;
  try {
    messages = execFileSync('cargo', ['build', '-p', 'counter', '--message-format=json-render-diagnostics'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
  } catch {
    // cargo has printed its errors to stderr already.
    console.error('cargo build -p counter failed; see the errors above');
    process.exit(2);
  }
  for (const line of messages.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line);
    if (message.reason === 'compiler-artifact' && message.target?.name === 'counter' && message.executable) return message.executable;
  }
  throw new Error('cargo build -p counter reported no `counter` executable');
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
  const stop = async () => {
    if (child.exitCode != null) return;
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  return { url, restart: async () => (await stop(), await start()), stop };
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
