// `resuma dev` on a project that `resuma new --template basic` writes into a
// temporary directory (against this checkout's resuma), on a free port of
// 127.0.0.1. The project builds into the target directory that
// crates/resuma-cli/tests/new.rs gives generated projects, so they share
// compiled dependencies.

import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cargoBuild, root } from './cargo.mjs';
import { freePort, stopProcess, waitUntilServing } from './app.mjs';

/**
 * Returns { url, dir, stop() }; `dir` is the project (edit its src/).
 * `prepare(dir)` runs before `resuma dev` starts; with `failing`, the
 * first build is expected to fail, and this resolves once the address
 * answers at all (with the error page) instead of with a 2xx. `name` is
 * the project's directory and package name: two projects of one name in
 * the shared target directory would share cargo's fingerprints (they are
 * keyed by package name and path inside the project), so a second project
 * could be taken as already built.
 */
export async function startDev({ name = 'dev-app', prepare = () => {}, failing = false } = {}) {
  const resuma = cargoBuild('resuma-cli', { bin: 'resuma' });
  const dir = join(mkdtempSync(join(tmpdir(), 'resuma-dev-')), name);
  execFileSync(resuma, ['new', dir, '--template', 'basic', '--resuma-path', join(root, 'crates/resuma')], { stdio: ['ignore', 'ignore', 'inherit'] });
  // The versions this workspace is tested with.
  copyFileSync(join(root, 'Cargo.lock'), join(dir, 'Cargo.lock'));
  prepare(dir);
  const targetDir = join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'resuma-new-tests/target');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(resuma, ['dev', '--port', String(port)], {
    cwd: dir,
    env: { ...process.env, CARGO_TARGET_DIR: targetDir },
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its own process group, so that stopping it stops its server and
    // cargo too, as Ctrl-C in a terminal does.
    detached: true,
  });
  // The first build compiles the project's dependencies when nothing else has.
  await waitUntilServing(url + '/', 15 * 60 * 1000, child, 'resuma dev', failing ? () => true : undefined);
  return {
    url,
    dir,
    stop: async () => {
      await stopProcess(child, () => process.kill(-child.pid, 'SIGINT'));
      rmSync(join(dir, '..'), { recursive: true, force: true });
    },
  };
}
