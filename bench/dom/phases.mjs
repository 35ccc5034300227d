// Where a sub-millisecond operation's time goes, in two parts: the click's
// own dispatch (for Resuma the loader, core and the compiled handler, which
// run inside it) and the time until the table's first mutations are
// observed (after Resuma's list update, which runs in a microtask).
// Means over many runs, because the page's clock is coarse (Chromium gives
// pages that are not cross-origin isolated 100 µs steps).
//
//   node bench/dom/phases.mjs [--op "select row"] [--runs 100] [--no-gc]
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
const warmup = 10;

// In the page: clicks `selector`; resolves with [ms the click's dispatch
// took, ms until the first batch of table mutations is observed (the
// observer runs in a microtask after the update that made them)].
function clickInParts(selector) {
  return new Promise(resolve => {
    const target = document.querySelector(selector);
    const tbody = document.getElementById('tbody');
    let start, dispatched;
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve([dispatched - start, performance.now() - start]);
    });
    observer.observe(tbody, { childList: true, subtree: true, characterData: true, attributes: true });
    start = performance.now();
    target.click();
    dispatched = performance.now();
  });
}

const server = await startServer(buildServer());
const browser = await launchBrowser();
try {
  console.log(`${op.name}: means over ${runs} runs (after ${warmup} untimed), ms`);
  console.log('page        click dispatch   to the update');
  for (const pageName of ['vanilla', 'resuma']) {
    const target = await openBenchPage(browser, `${server.url}/${pageName}`, pageName);
    let dispatch = 0, total = 0;
    for (let r = 0; r < warmup + runs; r++) {
      await prepare(target, op, { gc: !args.includes('--no-gc') });
      // The table is not checked after this click, but the next setup's
      // checks compare it with the model.
      op.act[1](target.model);
      const [a, b] = await target.page.evaluate(clickInParts, op.act[0]);
      if (r >= warmup) (dispatch += a), (total += b);
    }
    console.log(`${pageName.padEnd(12)}${(dispatch / runs).toFixed(3).padStart(14)}${(total / runs).toFixed(3).padStart(15)}`);
    await target.page.context().close();
  }
} finally {
  await browser.close();
  server.stop();
}
