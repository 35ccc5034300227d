// Keyed list DOM benchmark: the js-framework-benchmark operations on the
// Resuma page (/resuma) and on a hand-written vanilla JS page (/vanilla),
// served by the same binary and measured in the same Chromium run.
//
//   node bench/dom/run.mjs [--runs N] [--warmup N] [--runs-10k N] [--only NAME] [--blocks-source]
//
// --no-gc: no forced garbage collection before each timed click.
// --no-memory: skip the memory per row (measured after the operations).
// --blocks-source: the Resuma page loads runtime/blocks/ as bundled now from
// source (unminified) instead of the built copy the server embeds.
//
// Each operation is preceded by an untimed setup (for most: create 1,000
// rows), a garbage collection (CDP) and then timed in the page: the clock
// starts in a capture-phase click listener on `window` (before either page's
// own listeners) and stops once a MutationObserver sees the expected DOM
// state and a forced layout (`offsetHeight`) has run (both pages are served
// cross-origin isolated, for a 5 µs clock). The same code measures
// both pages; vanilla and Resuma alternate run by run. After every timed run
// the whole table is read back and compared with a model of the list (ids,
// labels, selection), so a broken implementation fails instead of looking
// fast. Medians per operation, their ratio and the geometric mean of the
// ratios are printed.
//
// DOM_BENCH_BIN=path skips the cargo build (default: cargo build of
// bench/dom into $CARGO_TARGET_DIR, default target/bench-dom).

import { launchBrowser } from '../../tests/e2e/lib/browser.mjs';
import { OPERATIONS as ALL_OPERATIONS, buildServer, startServer, openBenchPage, measure, memoryPerRow } from './lib.mjs';
import { loadAtStart } from '../machine-load.mjs';

// Before this run starts any process of its own.
const load = loadAtStart();

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const RUNS = Number(option('--runs', 10));
const WARMUP = Number(option('--warmup', 5));
const RUNS_10K = Number(option('--runs-10k', RUNS));
const ONLY = option('--only', '');
const OPERATIONS = ALL_OPERATIONS.filter(op => op.name.includes(ONLY));

const median = samples => {
  const s = [...samples].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

const binary = buildServer();
const server = await startServer(binary);
const browser = await launchBrowser();
const results = [];
// Bytes per row, [rows, vanilla, resuma], after the timed operations.
const memory = [];
try {
  // Both pages are served cross-origin isolated (lib.mjs `isolate`), which
  // gives their clock 5 µs steps instead of 100 µs: select row takes about
  // half a millisecond, which the coarse clock would round by up to 20 %.
  const vanilla = await openBenchPage(browser, server.url + '/vanilla', 'vanilla', { isolated: true });
  const resuma = await openBenchPage(browser, server.url + '/resuma', 'resuma', { blocksFromSource: args.includes('--blocks-source'), isolated: true });
  // Resuma's first interaction loads core, the chunk and the blocks module:
  // get that out of the way before anything is measured.
  for (const target of [resuma, vanilla]) {
    await measure(target, ALL_OPERATIONS[0]);
  }
  for (const op of OPERATIONS) {
    const runs = op.big ? RUNS_10K : RUNS;
    const samples = { vanilla: [], resuma: [] };
    const dom = { vanilla: [], resuma: [] };
    for (let i = 0; i < WARMUP + runs; i++) {
      // Alternate which page goes first, so neither always follows the other.
      const order = i % 2 ? [resuma, vanilla] : [vanilla, resuma];
      for (const target of order) {
        const time = await measure(target, op, { gc: !args.includes('--no-gc') });
        if (i >= WARMUP) samples[target.name].push(time.ms), dom[target.name].push(time.dom);
      }
    }
    const row = { name: op.name, runs, vanilla: median(samples.vanilla), resuma: median(samples.resuma) };
    row.domVanilla = median(dom.vanilla);
    row.domResuma = median(dom.resuma);
    row.ratio = row.resuma / row.vanilla;
    results.push(row);
    console.error(`${op.name}: vanilla ${row.vanilla.toFixed(2)} ms, resuma ${row.resuma.toFixed(2)} ms`);
  }
  if (!args.includes('--no-memory'))
    for (const [selector, count] of [['#run', 1000], ['#runlots', 10000]])
      memory.push([count, await memoryPerRow(vanilla, selector, count), await memoryPerRow(resuma, selector, count)]);
} finally {
  await browser.close();
  server.stop();
}

const geomean = Math.exp(results.reduce((sum, r) => sum + Math.log(r.ratio), 0) / results.length);
const cell = (text, width) => String(text).padStart(width);
console.log(`\nmedian ms from click to DOM updated + layout, ${WARMUP} warm-up runs then N timed runs per page`);
console.log(`("DOM ready" columns: the same clock stopped before the forced layout, for information)`);
console.log(`${'operation'.padEnd(24)}${cell('runs', 6)}${cell('vanilla', 10)}${cell('resuma', 10)}${cell('ratio', 8)}   ${'DOM ready: vanilla'.padStart(18)}${cell('resuma', 9)}`);
for (const r of results)
  console.log(
    `${r.name.padEnd(24)}${cell(r.runs, 6)}${cell(r.vanilla.toFixed(2), 10)}${cell(r.resuma.toFixed(2), 10)}${cell(r.ratio.toFixed(2) + 'x', 8)}` +
      `   ${cell(r.domVanilla.toFixed(2), 18)}${cell(r.domResuma.toFixed(2), 9)}`,
  );
console.log(`${'geometric mean'.padEnd(24)}${cell('', 26)}${cell(geomean.toFixed(2) + 'x', 8)}  (goal <= 1.10x)`);
if (memory.length) {
  console.log(`\nmemory per row, bytes (JS heap + DOM heap after a full GC, minus the empty table)`);
  console.log(`${'rows'.padEnd(24)}${cell('', 6)}${cell('vanilla', 10)}${cell('resuma', 10)}${cell('ratio', 8)}`);
  for (const [count, v, r] of memory)
    console.log(`${count.toLocaleString('en').padEnd(24)}${cell('', 6)}${cell(v.toFixed(0), 10)}${cell(r.toFixed(0), 10)}${cell((r / v).toFixed(2) + 'x', 8)}`);
}
console.log(load.report());
