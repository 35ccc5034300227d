// Where the time of one operation goes on the Resuma page: runs the
// operation N times (after its setup, like run.mjs) under Chromium's
// sampling profiler and prints the functions with the most self time.
//
//   node bench/dom/profile.mjs [--op "select row"] [--runs 20] [--page resuma|vanilla] [--source] [--interval 50]
//
// --interval is the sampling interval in µs: 20 resolves a sub-millisecond
// click better, at the cost of slowing it down.
//
// --source serves the blocks module bundled from runtime/blocks/ without
// minification (so names are readable, and edits there can be tried without
// rebuilding crates/resuma/assets).

import { launchBrowser } from '../../tests/e2e/lib/browser.mjs';
import { OPERATIONS, buildServer, startServer, openBenchPage, measure, serveBlocksFromSource } from './lib.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const op = OPERATIONS.find(o => o.name.includes(option('--op', 'select row')));
const runs = Number(option('--runs', 20));
const pageName = option('--page', 'resuma');

const server = await startServer(buildServer());
const browser = await launchBrowser();
try {
  const target = await openBenchPage(browser, `${server.url}/${pageName}`, pageName);
  if (args.includes('--source')) await serveBlocksFromSource(target.page);
  for (let i = 0; i < 3; i++) await measure(target, op); // warm up
  await target.cdp.send('Profiler.enable');
  await target.cdp.send('Profiler.setSamplingInterval', { interval: Number(option('--interval', 50)) });
  const times = [];
  const self = new Map();
  // Only the timed click (and the table read-back that checks it) is profiled.
  const hooks = {
    beforeAct: () => target.cdp.send('Profiler.start'),
    afterAct: async () => {
      const { profile } = await target.cdp.send('Profiler.stop');
      // Self time per function, from the samples.
      const byId = new Map(profile.nodes.map(n => [n.id, n]));
      profile.samples.forEach((id, i) => {
        const { functionName, url, lineNumber } = byId.get(id).callFrame;
        const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
        self.set(key, (self.get(key) || 0) + (profile.timeDeltas[i] || 0) / 1000);
      });
    },
  };
  for (let i = 0; i < runs; i++) times.push((await measure(target, op, hooks)).ms);
  times.sort((a, b) => a - b);
  console.log(`${op.name} on /${pageName}: median ${times[runs >> 1].toFixed(2)} ms over ${runs} runs; profile of the timed clicks (and their checks):`);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${key}`);
} finally {
  await browser.close();
  server.stop();
}
