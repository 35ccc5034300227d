// First-click latency: time from a click on the counter's button to the DOM
// showing the new count, in Chromium with 100 ms of emulated round-trip time.
//
//   node bench/latency/run.mjs [--fixture] [--runs N]
//
// Two cases, each over N fresh browser contexts (empty cache), medians printed:
//  - cold:       the click comes before any prefetch (the loader's idle
//                prefetch is switched off), so core and chunk are fetched
//                after the click, in parallel: about one round trip.
//  - prefetched: the page has been idle long enough for the loader to
//                prefetch core and the visible chunk; the click only runs code.
//
// Timing is taken inside the page (performance.now() around a synthetic
// click, stopped by a MutationObserver), so no CDP round trip is counted.
// By default the real counter example is built and started; --fixture uses
// the fixture server's copy of the counter page instead.

import { launchBrowser, openPage } from '../../tests/e2e/lib/browser.mjs';
import { startCounter, startFixture } from '../../tests/e2e/lib/app.mjs';
import { cargoBuild } from '../../tests/e2e/lib/cargo.mjs';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 20;
const RTT_MS = 100;

const app = args.includes('--fixture')
  ? await startFixture()
  : await startCounter(process.env.COUNTER_BIN || cargoBuild('counter')); // COUNTER_BIN: skip the build
const browser = await launchBrowser();

// In the page: click the first click handler, resolve with the ms until the
// DOM changes (or reject after 10 s).
function clickAndTime() {
  return new Promise((resolve, reject) => {
    const button = document.querySelector('[data-r-on\\:click]');
    let start;
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve(performance.now() - start);
    });
    observer.observe(document.body, { subtree: true, characterData: true, childList: true, attributes: true });
    setTimeout(() => reject(new Error('DOM did not change within 10 s of the click')), 10000);
    start = performance.now();
    button.click();
  });
}

async function measureOnce(prefetched) {
  const { page, context, log } = await openPage(browser, { idlePrefetch: prefetched });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // `latency` is added to every request's round trip; throughput unlimited.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: RTT_MS,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await page.goto(app.url + '/');
  if (prefetched) {
    await page.waitForFunction(
      () => performance.getEntriesByType('resource').filter(r => r.name.includes('/_resuma/') && r.responseEnd > 0).length >= 2,
      null,
      { timeout: 10000 },
    );
    await page.waitForTimeout(50); // let the imports evaluate
  }
  const ms = await page.evaluate(clickAndTime);
  if (log.errors.length || log.csp.length) throw new Error(`page errors: ${log.errors.concat(log.csp)}`);
  await context.close();
  return ms;
}

const stats = samples => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = q => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2, min: sorted[0], p90: at(0.9) };
};

const rows = [];
try {
  for (const [name, prefetched] of [['cold', false], ['prefetched', true]]) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await measureOnce(prefetched));
    rows.push({ name, ...stats(samples) });
  }
} finally {
  await browser.close();
  await app.stop();
}

const f = ms => ms.toFixed(1).padStart(8);
console.log(`first click -> DOM updated, ${RTT_MS} ms RTT, ${runs} runs each (ms)`);
console.log(`case          median     min      p90`);
for (const r of rows) console.log(`${r.name.padEnd(12)}${f(r.median)}${f(r.min)}${f(r.p90)}`);
