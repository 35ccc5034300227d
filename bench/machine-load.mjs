// The machine's load, printed under a benchmark's table.
//
// The development machine has two cores and is shared: a build or another
// benchmark running next to one of ours inflates its figures, and not
// always both sides of a ratio alike (bench/dom's keyed-list geometric
// mean has ranged from 1.04x to 1.20x between runs of nearly the same
// code). A table that says the load it was measured under can be read
// without guessing.

import { availableParallelism, loadavg } from 'node:os';

// The load average now, as text.
const loadNote = () => {
  const [one, five, fifteen] = loadavg();
  return `${one.toFixed(2)} / ${five.toFixed(2)} / ${fifteen.toFixed(2)} (1 / 5 / 15 min, ${availableParallelism()} cores)`;
};

/**
 * Notes the load before a benchmark starts any process of its own (they
 * add about 1 to it) and returns what to print after its table: the load
 * at the start and at the end, and a warning when other work already kept
 * half the cores or more busy over the minute before (a benchmark that
 * just ended leaves some load too, as a 1-minute average decays slowly,
 * hence half the cores and not less).
 *
 * ```js
 * import { loadAtStart } from '../machine-load.mjs';
 * const load = loadAtStart();
 * // ... the benchmark and its table ...
 * console.log(load.report());
 * ```
 */
export function loadAtStart() {
  const before = loadNote(), one = loadavg()[0], cores = availableParallelism();
  const warning =
    one >= cores / 2
      ? `\nwarning: load average ${one.toFixed(2)} before the run: other work shares the ${cores} cores, so these figures are inflated, and not always both sides of a ratio alike`
      : '';
  return { report: () => `\nload average at the start: ${before}; at the end: ${loadNote()}${warning}` };
}
