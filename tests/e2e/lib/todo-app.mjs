// Starting the `todo` example for the browser tests: built by cargo (or
// TODO_BIN), bound to 127.0.0.1 on a free port, each run (and each `fresh()`)
// on a new SQLite file in a temporary directory that `stop()` removes, or on
// a new database of a PostgreSQL server from lib/postgres.mjs.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess, waitUntilServing } from './app.mjs';

/** The substring that makes the test server refuse a save (api.rs TODO_FAIL_ON). */
export const FAIL_MARK = '[fail]';

/**
 * Starts the todo binary. Returns { url, restart(), fresh(), stop() }:
 * `restart` keeps the database (persistence), `fresh` starts over on an
 * empty one. With `postgres` ({ createDatabase(name) } from
 * lib/postgres.mjs) the databases are PostgreSQL ones, else SQLite files.
 */
export async function startTodo(binary, { postgres } = {}) {
  const dir = postgres ? null : mkdtempSync(join(tmpdir(), 'resuma-todo-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child, generation = 0, database;
  const start = async () => {
    const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database, TODO_FAIL_ON: FAIL_MARK };
    child = spawn(binary, [], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    await waitUntilServing(url + '/', 30000, child, 'todo server');
  };
  const stopChild = () => stopProcess(child);
  const fresh = async () => {
    await stopChild();
    generation++;
    database = postgres ? await postgres.createDatabase(`todo_${generation}`) : `sqlite://${join(dir, `todo-${generation}.db`)}?mode=rwc`;
    await start();
  };
  await fresh();
  return {
    url,
    restart: async () => (await stopChild(), await start()),
    fresh,
    stop: async () => (await stopChild(), dir && rmSync(dir, { recursive: true, force: true })),
  };
}
