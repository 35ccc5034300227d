// The saved counter's server as a wasi:http component under `wasmtime
// serve` against the same app as a native server, per request.
//
//   node bench/wasi/run.mjs [--runs N]
//
// Both are release builds (scripts/serve-wasi --release, and
// `cargo build --release -p saved-counter`), each request sequential on a
// fresh connection. `wasmtime serve` instantiates the component for every
// request (its default for wasip2), so every wasi figure is a cold start
// of the app inside the component: router, asset table, then the response.
// Prints the component's size (raw, brotli) and a table of medians and
// 90th percentiles, native as the baseline.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { freePort, waitUntilServing } from '../../tests/e2e/lib/app.mjs';
import { root } from '../../tests/e2e/lib/cargo.mjs';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 20;
const target = process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache/resuma-target');
const data = mkdtempSync(join(tmpdir(), 'resuma-bench-wasi-'));
const secret = 'b'.repeat(64);

execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'saved-counter'], { cwd: root, stdio: 'inherit' });
execFileSync('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-wasip2', '-p', 'saved-counter'], { cwd: root, stdio: 'inherit' });
const wasm = readFileSync(join(target, 'wasm32-wasip2/release/saved-counter.wasm'));

async function serve(command, argv, env) {
  const port = await freePort();
  const child = spawn(command, argv, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', RESUMA_SECRET: secret, RESUMA_ENV: 'development', RUST_LOG: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(url + '/', 600000, child, command);
  return { url, stop: () => child.kill('SIGTERM') };
}

async function time(url, path) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const response = await fetch(url + path, { headers: { connection: 'close' } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)], p90: samples[Math.floor(runs * 0.9)] };
}

const native = await serve(join(target, 'release/saved-counter'), [], { RESUMA_KV: `dir:${join(data, 'native')}` });
const wasi = await serve(join(root, 'scripts/serve-wasi'), ['--release', 'saved-counter'], { RESUMA_WASI_DATA: join(data, 'wasi') });
const page = await (await fetch(native.url + '/')).text();
const core = /data-r-core="([^"]+)"/.exec(page)[1];

const rows = [];
for (const [what, path] of [['GET / (page)', '/'], ['GET core (asset)', core]]) {
  const n = await time(native.url, path);
  const w = await time(wasi.url, path);
  rows.push([what, n, w]);
}
native.stop();
wasi.stop();
rmSync(data, { recursive: true, force: true });

const ms = x => x.toFixed(2).padStart(8);
console.log(`\nsaved-counter.wasm: ${wasm.length} B raw, ${brotliCompressSync(wasm).length} B brotli\n`);
console.log(`per request, ${runs} sequential requests each (ms)`);
console.log('| request          | native median | native p90 | wasi median | wasi p90 | wasi / native |');
console.log('|------------------|---------------|------------|-------------|----------|---------------|');
for (const [what, n, w] of rows)
  console.log(`| ${what.padEnd(16)} | ${ms(n.median)}      | ${ms(n.p90)}   | ${ms(w.median)}    | ${ms(w.p90)} | ${(w.median / n.median).toFixed(1).padStart(10)}×   |`);
