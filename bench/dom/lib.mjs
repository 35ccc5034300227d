// Shared by run.mjs and profile.mjs: the model of the list both pages must
// show, the operations, the in-page timing, and starting the server and the
// pages.

import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { freePort, waitUntilServing } from '../../tests/e2e/lib/app.mjs';
import { cargoBuild } from '../../tests/e2e/lib/cargo.mjs';

const here = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- the model

// The label generator shared with both pages (src/main.rs tests that this
// line is identical in all copies).
const A = "bright quiet rapid gentle bold shiny tiny vast humble lucky fuzzy brave calm eager fancy grand jolly noble proud silly witty zesty cozy dusty sleek".split(" "), C = "red orange yellow green blue indigo violet white black grey brown".split(" "), N = "lamp river garden bicycle kettle window ladder pencil rocket teapot violin wagon harbour".split(" "); const label = id => { const h = Math.imul(id, 0x9e3779b1) >>> 0; return A[h % 25] + " " + C[(h >>> 5) % 11] + " " + N[(h >>> 11) % 13]; };

/** What one page's table must show: both pages start at id 1. */
export class Model {
  next = 1;
  rows = [];
  make(count) {
    const made = [];
    for (let i = 0; i < count; i++, this.next++) made.push({ id: this.next, label: label(this.next), selected: false });
    return made;
  }
  run(count) { this.rows = this.make(count); }
  add(count) { this.rows.push(...this.make(count)); }
  update() { for (let i = 0; i < this.rows.length; i += 10) this.rows[i].label += ' !!!'; }
  clear() { this.rows = []; }
  swap() {
    if (this.rows.length > 998) [this.rows[1], this.rows[998]] = [this.rows[998], this.rows[1]];
  }
  select(index) {
    const id = this.rows[index].id;
    for (const row of this.rows) row.selected = row.id == id;
  }
  remove(index) { this.rows.splice(index, 1); }
  /** The cheap in-page check that the operation has finished: the row count and a few rows. */
  expectation(indices) {
    const count = this.rows.length;
    const spots = [...new Set(indices.filter(i => i >= 0 && i < count))].map(i => {
      const row = this.rows[i];
      return [i, String(row.id), row.label, row.selected ? 'danger' : ''];
    });
    return { count, spots };
  }
}

// ------------------------------------------------------------ the operations

// Clicks on a row's links: the selectors both pages answer to.
const rowLink = (index, kind) => `#tbody > tr:nth-of-type(${index + 1}) a.${kind}`;

// `setup` prepares the table (untimed), `act` is the timed click; each
// returns [selector, model change, indices worth checking].
export const OPERATIONS = [
  { name: 'create 1,000 rows', setup: [['#clear', m => m.clear()]], act: ['#run', m => m.run(1000), [0, 999]] },
  { name: 'replace 1,000 rows', setup: [['#run', m => m.run(1000)]], act: ['#run', m => m.run(1000), [0, 999]] },
  { name: 'update every 10th row', setup: [['#run', m => m.run(1000)]], act: ['#update', m => m.update(), [0, 10, 990, 999]] },
  { name: 'select row', setup: [['#run', m => m.run(1000)]], act: [rowLink(1, 'lbl'), m => m.select(1), [0, 1, 2]] },
  { name: 'swap rows', setup: [['#run', m => m.run(1000)]], act: ['#swaprows', m => m.swap(), [1, 998]] },
  { name: 'remove row', setup: [['#run', m => m.run(1000)]], act: [rowLink(3, 'remove'), m => m.remove(3), [2, 3, 998]] },
  { name: 'create 10,000 rows', setup: [['#clear', m => m.clear()]], act: ['#runlots', m => m.run(10000), [0, 9999]], big: true },
  { name: 'append 1,000 rows', setup: [['#run', m => m.run(1000)]], act: ['#add', m => m.add(1000), [0, 999, 1000, 1999]] },
  { name: 'clear 1,000 rows', setup: [['#run', m => m.run(1000)]], act: ['#clear', m => m.clear(), []] },
];

// ------------------------------------------------------------- in the page

// Clicks `selector` and resolves with { ms, dom }: the ms from the click's
// dispatch to the table matching `expected` after a forced layout, and
// (for information) to the moment the DOM matched, before that layout.
// Runs in the page.
// `mayNotChange` (setups only): a click that leaves the table as it was
// (clearing an empty table) resolves on the next task instead of waiting
// for a mutation that never comes.
function clickAndTime([selector, expected, timeoutMs, mayNotChange]) {
  const tbody = document.getElementById('tbody');
  const matches = () => {
    const rows = tbody.children;
    if (rows.length !== expected.count) return false;
    for (const [i, id, label, className] of expected.spots) {
      const row = rows[i];
      if (row.cells[0].textContent !== id || row.cells[1].textContent !== label || row.className !== className) return false;
    }
    return true;
  };
  return new Promise((resolve, reject) => {
    let start;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${selector}: the table did not reach the expected state within ${timeoutMs} ms`));
    }, timeoutMs);
    const observer = new MutationObserver(() => {
      if (!matches()) return;
      const dom = performance.now() - start;
      document.body.offsetHeight; // force style and layout
      const ms = performance.now() - start;
      observer.disconnect();
      clearTimeout(timer);
      resolve({ ms, dom });
    });
    observer.observe(tbody, { childList: true, subtree: true, characterData: true, attributes: true });
    addEventListener('click', () => (start = performance.now()), { capture: true, once: true });
    const target = document.querySelector(selector);
    if (!target) return reject(new Error(`no element matches ${selector}`));
    target.click();
    if (mayNotChange) setTimeout(() => matches() && (observer.disconnect(), clearTimeout(timer), resolve({ ms: 0, dom: 0 })));
  });
}

// The whole table as [id, label, class] rows. Runs in the page.
function readTable() {
  return [...document.getElementById('tbody').children].map(tr => [tr.cells[0].textContent, tr.cells[1].textContent, tr.className]);
}

// ------------------------------------------------------------------ running

/** The bench server's binary: DOM_BENCH_BIN, or built in its own workspace (target/bench-dom unless CARGO_TARGET_DIR is set). */
export function buildServer() {
  if (process.env.DOM_BENCH_BIN) return process.env.DOM_BENCH_BIN;
  const env = { ...process.env, CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR || join(here, '../../target/bench-dom') };
  return cargoBuild('resuma-bench-dom', { manifestPath: join(here, 'Cargo.toml'), env });
}

export async function startServer(binary) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, [], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RUST_LOG: 'error', RESUMA_ENV: 'development' }, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitUntilServing(url + '/vanilla', 30000, child);
  return { url, stop: () => child.kill('SIGTERM') };
}

/** One benchmarked page: its browser tab, CDP session, model and error log. */
export async function openBenchPage(browser, url, name, { blocksFromSource = false, runtimeFromSource = false, isolated = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  if (blocksFromSource || runtimeFromSource) await serveBlocksFromSource(page);
  if (runtimeFromSource) await serveCoreFromSource(page);
  if (isolated) await isolate(page, url);
  const errors = [];
  page.on('console', msg => msg.type() === 'error' && errors.push(`console: ${msg.text()}`));
  page.on('pageerror', error => errors.push(`uncaught: ${error.message}`));
  await page.goto(url);
  const cdp = await context.newCDPSession(page);
  return { name, page, cdp, errors, model: new Model() };
}

/** Clicks and applies the model change; returns the time ({ ms, dom }), after checking the whole table. */
export async function step(target, [selector, change, indices], timeoutMs, mayNotChange = false) {
  change(target.model);
  const expected = target.model.expectation(indices);
  const time = await target.page.evaluate(clickAndTime, [selector, expected, timeoutMs, mayNotChange]);
  const table = await target.page.evaluate(readTable);
  const want = target.model.rows.map(r => [String(r.id), r.label, r.selected ? 'danger' : '']);
  if (table.length !== want.length) throw new Error(`${target.name} ${selector}: ${table.length} rows, expected ${want.length}`);
  const bad = want.findIndex((row, i) => row.join('|') !== table[i].join('|'));
  if (bad >= 0) throw new Error(`${target.name} ${selector}: row ${bad} is ${JSON.stringify(table[bad])}, expected ${JSON.stringify(want[bad])}`);
  if (target.errors.length) throw new Error(`${target.name}: page errors: ${target.errors.join('; ')}`);
  return time;
}

// How long a step of `op` may take before the run is abandoned.
const timeoutOf = op => (op.big ? 30000 : 10000);

/**
 * The untimed part of a run of `op` on `target`: its setup clicks (each
 * checked), then a full garbage collection unless `gc` is false.
 */
export async function prepare(target, op, { gc = true } = {}) {
  for (const [selector, change] of op.setup) await step(target, [selector, change, [0]], timeoutOf(op), true);
  if (gc) await target.cdp.send('HeapProfiler.collectGarbage');
}

/**
 * One timed run of `op` on `target`: setup, GC, then the measured click.
 * `beforeAct`/`afterAct` run around the timed step (the profiler uses them);
 * `gc: false` skips the garbage collection before it.
 */
export async function measure(target, op, { beforeAct = async () => {}, afterAct = async () => {}, gc = true } = {}) {
  await target.page.bringToFront();
  await prepare(target, op, { gc });
  await beforeAct();
  try {
    return await step(target, op.act, timeoutOf(op));
  } finally {
    await afterAct();
  }
}


/**
 * Makes `page` load the blocks module (lists, conditionals) bundled from
 * runtime/blocks/ as it is now, unminified, instead of the copy embedded in
 * the server: runtime edits can be measured without `npm run build`.
 */
export async function serveBlocksFromSource(page) {
  const code = await bundleSource('runtime/blocks/index.js');
  await page.route(/\/_resuma\/blocks-[0-9a-f]+\.js$/, route => route.fulfill({ body: code, contentType: 'text/javascript; charset=utf-8' }));
}

// `entry` (relative to the repository) bundled as an ES module, unminified.
async function bundleSource(entry, define = {}) {
  const result = await esbuild.build({ entryPoints: [join(here, '../..', entry)], bundle: true, format: 'esm', write: false, define });
  return result.outputFiles[0].text;
}

/**
 * Makes `page` load core bundled from runtime/ as it is now, unminified
 * (the full build; the page's core must be the full one, which any page
 * with a list gets), naming the blocks module the served core names: with
 * `serveBlocksFromSource`, timing marks added anywhere in runtime/ are
 * measured without `npm run build`.
 */
export async function serveCoreFromSource(page) {
  await page.route(/\/_resuma\/core-[0-9a-f]+\.js$/, async route => {
    const served = await (await route.fetch()).text();
    const blocks = served.match(/blocks-[0-9a-f]+\.js/)?.[0];
    if (!blocks) throw new Error('the served core names no blocks module: is it the lite core?');
    const code = await bundleSource('runtime/index.js', { LITE: 'false', BLOCKS_URL: JSON.stringify(`./${blocks}`) });
    await route.fulfill({ body: code, contentType: 'text/javascript; charset=utf-8' });
  });
}

/**
 * Serves the page at `url` with the headers that make it cross-origin
 * isolated (COOP same-origin, COEP require-corp; everything it loads is
 * same-origin), so its clock has 5 µs steps instead of 100 µs.
 */
export async function isolate(page, url) {
  const path = new URL(url).pathname;
  await page.route(
    request => new URL(request).pathname === path,
    async route => {
      const response = await route.fetch();
      const headers = { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
      await route.fulfill({ response, headers });
    },
  );
}

/**
 * Memory per row on `target`: the heap in use (V8's JavaScript heap plus
 * Blink's heap of DOM objects, CDP `Runtime.getHeapUsage`, each after a
 * full garbage collection) with `count` rows shown by `createSelector`,
 * minus the same with the table cleared, divided by `count`. Returns bytes.
 */
export async function memoryPerRow(target, createSelector, count) {
  const heap = async () => {
    await target.cdp.send('HeapProfiler.collectGarbage');
    const usage = await target.cdp.send('Runtime.getHeapUsage');
    return usage.usedSize + (usage.embedderHeapUsedSize || 0);
  };
  await step(target, ['#clear', m => m.clear(), [0]], 30000, true);
  const empty = await heap();
  await step(target, [createSelector, m => m.run(count), [0, count - 1]], 30000);
  const full = await heap();
  await step(target, ['#clear', m => m.clear(), [0]], 30000, true);
  return (full - empty) / count;
}
