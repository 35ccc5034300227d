// Starting the `todo` example for the browser tests: built by cargo (or
// TODO_BIN), bound to 127.0.0.1 on a free port, each run (and each `fresh()`)
// on a new SQLite file in a temporary directory that `stop()` removes.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, freePort } from './app.mjs';

/** The substring that makes the test server refuse a save (api.rs TODO_FAIL_ON). */
export const FAIL_MARK = '[fail]';

/** `cargo build -p todo`; returns the binary's path as cargo reports it. */
export function buildTodo() {
  let messages;
  try {
    messages = execFileSync('cargo', ['build', '-p', 'todo', '--message-format=json-render-diagnostics'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
  } catch {
    console.error('cargo build -p todo failed; see the errors above');
    process.exit(2);
  }
  for (const line of messages.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line);
    if (message.reason === 'compiler-artifact' && message.target?.name === 'todo' && message.executable) return message.executable;
  }
  throw new Error('cargo build -p todo reported no `todo` executable');
}

async function waitUntilServing(url, ms, child) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode != null) throw new Error(`todo server exited with code ${child.exitCode} before serving ${url}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} not serving after ${ms} ms`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/**
 * Starts the todo binary. Returns { url, restart(), fresh(), stop() }:
 * `restart` keeps the database (persistence), `fresh` starts over on an
 * empty one.
 */
export async function startTodo(binary) {
  const dir = mkdtempSync(join(tmpdir(), 'resuma-todo-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child, generation = 0, database;
  const start = async () => {
    const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite://${database}?mode=rwc`, TODO_FAIL_ON: FAIL_MARK };
    child = spawn(binary, [], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    await waitUntilServing(url + '/', 30000, child);
  };
  const stopChild = async () => {
    if (!child || child.exitCode != null) return;
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const fresh = async () => {
    await stopChild();
    database = join(dir, `todo-${++generation}.db`);
    await start();
  };
  await fresh();
  return {
    url,
    restart: async () => (await stopChild(), await start()),
    fresh,
    stop: async () => (await stopChild(), rmSync(dir, { recursive: true, force: true })),
  };
}
