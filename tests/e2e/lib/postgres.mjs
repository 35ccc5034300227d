// A throwaway PostgreSQL server for the browser tests, through
// scripts/postgres-tmp (the same script the Rust tests use): a cluster in a
// temporary directory on 127.0.0.1, one new database per createDatabase().

import { execFile, execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './cargo.mjs';

const script = join(root, 'scripts/postgres-tmp');

/** Runs `postgres-tmp ...args`; resolves to its stdout, rejects with its one-line error. */
function postgresTmp(...args) {
  return new Promise((resolve, reject) =>
    execFile(script, args, { encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr.trim() || String(error))) : resolve(stdout.trim()),
    ),
  );
}

/**
 * Starts the server. Returns { url, createDatabase(name) → its URL, stop() }
 * (stop also removes the directory). The server runs detached from this
 * process, so an exit without stop() (process.exit, an uncaught error)
 * stops it too.
 */
export async function startPostgres() {
  const dir = join(tmpdir(), `resuma-e2e-postgres-${process.pid}-${Date.now()}`);
  const stopAtExit = () => execFileSync(script, ['stop', dir], { stdio: 'ignore' });
  let url;
  try {
    url = await postgresTmp('start', dir);
  } catch (error) {
    await postgresTmp('stop', dir).catch(() => {});
    throw error;
  }
  process.on('exit', stopAtExit);
  return {
    url,
    createDatabase: name => postgresTmp('createdb', dir, name),
    stop: () => (process.off('exit', stopAtExit), postgresTmp('stop', dir)),
  };
}
