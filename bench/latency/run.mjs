// First-click latency: time from a click on the counter's button to the DOM
// showing the new count, in Chromium with 100 ms of emulated round-trip time.
//
//   node bench/latency/run.mjs [--fixture] [--runs N]
//
// Three cases, each over N fresh browser contexts (empty cache), medians printed:
//  - one round trip (baseline): fetch() of core and the chunk, in parallel,
//                from the loaded page: the floor the cold click is held to.
//  - cold:       the click comes before any prefetch (the loader's idle
//                prefetch is switched off), so core and chunk are fetched
//                after the click, in parallel: about one round trip.
//  - prefetched: the page has been idle long enough for the loader to
//                prefetch core and the visible chunk; the click only runs code.
//
// Timing is taken inside the page (performance.now() around a synthetic
// click, stopped by a MutationObserver), so no CDP round trip is counted.
// For the cold case the Resource Timing entries of the two modules split the
// time into phases (printed below the table; bench/latency/README.md reads
// them).
// By default the real counter example is built and started; --fixture uses
// the fixture server's copy of the counter page instead.

import { launchBrowser, openPage } from '../../tests/e2e/lib/browser.mjs';
import { startCounter, startFixture } from '../../tests/e2e/lib/app.mjs';
import { cargoBuild } from '../../tests/e2e/lib/cargo.mjs';
import { loadAtStart } from '../machine-load.mjs';

// Before this run starts any process of its own.
const load = loadAtStart();

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 20;
const RTT_MS = 100;

const app = args.includes('--fixture')
  ? await startFixture()
  : await startCounter(process.env.COUNTER_BIN || cargoBuild('counter')); // COUNTER_BIN: skip the build
const browser = await launchBrowser();

// Resource Timing phases of the /_resuma/ requests that started at or after
// `start` (ms since `start`): when the last one was issued by the page,
// when the last one reached the network stack (requestStart), and when the
// last response body ended. Runs in the page.
function phasesSince(start) {
  const entries = performance.getEntriesByType('resource').filter(r => r.name.includes('/_resuma/') && r.startTime >= start);
  const last = key => Math.max(...entries.map(r => r[key])) - start;
  return { issued: last('startTime'), sent: last('requestStart'), received: last('responseEnd') };
}

// In the page: fetch core and the clicked handler's chunk in parallel as
// plain fetch() calls (no module loading), resolve with the ms until both
// bodies are read: one round trip on this machine, the baseline.
async function fetchBothAndTime() {
  const core = document.querySelector('[data-r-core]').dataset.rCore;
  const chunk = document.querySelector('[data-r-on\\:click]').getAttribute('data-r-on:click').split('#')[0];
  const start = performance.now();
  await Promise.all([core, new URL(chunk + '.js', new URL(core, location))].map(url => fetch(url).then(r => r.text())));
  return { ms: performance.now() - start };
}

// In the page: click the first click handler, resolve with the ms until the
// DOM changes and the click's time (or reject after 10 s).
function clickAndTime() {
  return new Promise((resolve, reject) => {
    const button = document.querySelector('[data-r-on\\:click]');
    let start;
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve({ ms: performance.now() - start, start });
    });
    observer.observe(document.body, { subtree: true, characterData: true, childList: true, attributes: true });
    setTimeout(() => reject(new Error('DOM did not change within 10 s of the click')), 10000);
    start = performance.now();
    button.click();
  });
}

// One sample of `kind` ('baseline', 'cold' or 'prefetched') in a fresh
// context: { ms, phases } (phases only for a click that loaded modules).
async function measureOnce(kind) {
  const { page, context, log } = await openPage(browser, { idlePrefetch: kind == 'prefetched' });
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
  if (kind == 'prefetched') {
    await page.waitForFunction(
      () => performance.getEntriesByType('resource').filter(r => r.name.includes('/_resuma/') && r.responseEnd > 0).length >= 2,
      null,
      { timeout: 10000 },
    );
    await page.waitForTimeout(50); // let the imports evaluate
  }
  let sample;
  if (kind == 'baseline') sample = await page.evaluate(fetchBothAndTime);
  else {
    const { ms, start } = await page.evaluate(clickAndTime);
    sample = { ms, phases: kind == 'cold' ? await page.evaluate(phasesSince, start) : null };
  }
  if (log.errors.length || log.csp.length) throw new Error(`page errors: ${log.errors.concat(log.csp)}`);
  await context.close();
  return sample;
}

const stats = samples => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = q => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2, min: sorted[0], p90: at(0.9) };
};
const median = values => stats(values).median;

const rows = [];
let coldPhases = [];
try {
  for (const kind of ['baseline', 'cold', 'prefetched']) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await measureOnce(kind));
    rows.push({ name: kind == 'baseline' ? 'one RTT' : kind, ...stats(samples.map(s => s.ms)) });
    if (kind == 'cold') coldPhases = samples;
  }
} finally {
  await browser.close();
  await app.stop();
}

const f = ms => ms.toFixed(1).padStart(8);
console.log(`first click -> DOM updated, ${RTT_MS} ms RTT, ${runs} runs each (ms)`);
console.log(`case          median     min      p90`);
for (const r of rows) console.log(`${r.name.padEnd(12)}${f(r.median)}${f(r.min)}${f(r.p90)}`);
console.log(`("one RTT": fetch() of core and chunk in parallel, no module loading)`);

// Where the cold click's time goes, median of each phase over the runs. The
// phases are consecutive, so they add up to about the cold median.
const phase = (from, to) => median(coldPhases.map(s => (to ? s.phases[to] : s.ms) - (from ? s.phases[from] : 0)));
console.log(`\ncold click, median ms per phase (Resource Timing of the two modules)`);
console.log(`click -> last module request issued by the page  ${f(phase(null, 'issued'))}`);
console.log(`issued -> request reaches the network stack      ${f(phase('issued', 'sent'))}`);
console.log(`network stack -> last response body ends         ${f(phase('sent', 'received'))}`);
console.log(`body ends -> DOM updated (compile, run handler)  ${f(phase('received', null))}`);
console.log(load.report());
