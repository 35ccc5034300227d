// Where a sub-millisecond operation's time goes, in two parts: the click's
// own dispatch (for Resuma the loader, core and the compiled handler, which
// run inside it) and the time until the table's first mutations are
// observed (after Resuma's list update, which runs in a microtask).
// Means over many runs. The pages are served cross-origin isolated (COOP
// and COEP headers added in the test browser), which gives their clock
// 5 µs steps instead of 100 µs.
//
//   node bench/dom/phases.mjs [--op "select row"] [--runs 100] [--no-gc] [--source] [--marks]
//
// --source: core and the blocks module bundled from runtime/ as it is now
//   (unminified) instead of the server's embedded copies, so an edit to
//   runtime/ is measured without `npm run build` or a server build.
// --marks: also prints, per page, the mean time after the click of every
//   `performance.mark(name)` the page made before the first mutation was
//   observed. Add such calls to runtime/ (with --source) or to a page's
//   script to see inside a phase; the nth mark of a name within one click
//   is shown as "name #n".
//
// Uses the operations and the server of run.mjs (DOM_BENCH_BIN=path skips
// the cargo build); the table is not checked after each click, so use
// run.mjs for the figures and this to see which part to work on.

import { launchBrowser } from '../../tests/e2e/lib/browser.mjs';
import { OPERATIONS, buildServer, startServer, openBenchPage, prepare } from './lib.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const op = OPERATIONS.find(o => o.name.includes(option('--op', 'select row')));
const runs = Number(option('--runs', 100));
const showMarks = args.includes('--marks');
const warmup = 10;

// In the page: clicks `selector`; resolves with [ms the click's dispatch
// took, ms until the first batch of table mutations is observed (the
// observer runs in a microtask after the update that made them), the
// marks made until then as [name, ms after the click]].
function clickInParts(selector) {
  return new Promise(resolve => {
    const target = document.querySelector(selector);
    const tbody = document.getElementById('tbody');
    let start, dispatched;
    const observer = new MutationObserver(() => {
      const total = performance.now() - start;
      observer.disconnect();
      const marks = performance.getEntriesByType('mark').map(mark => [mark.name, mark.startTime - start]);
      resolve([dispatched - start, total, marks]);
    });
    observer.observe(tbody, { childList: true, subtree: true, characterData: true, attributes: true });
    performance.clearMarks();
    start = performance.now();
    target.click();
    dispatched = performance.now();
  });
}

// Mean time of each mark over the runs, in the order they happen.
const markTable = perClick => {
  const sums = new Map();
  for (const marks of perClick) {
    const seen = new Map();
    for (const [name, ms] of marks) {
      const n = (seen.get(name) || 0) + 1;
      seen.set(name, n);
      const key = n > 1 ? `${name} #${n}` : name;
      const sum = sums.get(key) || { ms: 0, count: 0 };
      sum.ms += ms;
      sum.count++;
      sums.set(key, sum);
    }
  }
  return [...sums].map(([name, { ms, count }]) => [name, ms / count, count]).sort((a, b) => a[1] - b[1]);
};

const server = await startServer(buildServer());
const browser = await launchBrowser();
try {
  console.log(`${op.name}: means over ${runs} runs (after ${warmup} untimed), ms`);
  console.log('page        click dispatch   to the update');
  const marksOf = {};
  for (const pageName of ['vanilla', 'resuma']) {
    const target = await openBenchPage(browser, `${server.url}/${pageName}`, pageName, { isolated: true, runtimeFromSource: pageName == 'resuma' && args.includes('--source') });
    if (!(await target.page.evaluate(() => crossOriginIsolated))) throw new Error(`${pageName}: the page is not cross-origin isolated`);
    let dispatch = 0, total = 0;
    const perClick = [];
    for (let r = 0; r < warmup + runs; r++) {
      await prepare(target, op, { gc: !args.includes('--no-gc') });
      // The table is not checked after this click, but the next setup's
      // checks compare it with the model.
      op.act[1](target.model);
      const [a, b, marks] = await target.page.evaluate(clickInParts, op.act[0]);
      if (r >= warmup) (dispatch += a), (total += b), perClick.push(marks);
    }
    console.log(`${pageName.padEnd(12)}${(dispatch / runs).toFixed(3).padStart(14)}${(total / runs).toFixed(3).padStart(15)}`);
    marksOf[pageName] = markTable(perClick);
    await target.page.context().close();
  }
  if (showMarks)
    for (const [pageName, marks] of Object.entries(marksOf)) {
      console.log(`\n${pageName}: marks, mean ms after the click (how many clicks made them)`);
      if (!marks.length) console.log('  (none)');
      for (const [name, ms, count] of marks) console.log(`  ${name.padEnd(28)}${ms.toFixed(3).padStart(8)}  (${count})`);
    }
} finally {
  await browser.close();
  server.stop();
}
