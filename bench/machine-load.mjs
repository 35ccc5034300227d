// The machine's load, printed under a benchmark's table.
//
// The development machine has two cores and is shared: a build or another
// benchmark running next to one of ours inflates its figures, and not
// always both sides of a ratio alike (bench/dom's keyed-list geometric
// mean has ranged from 1.04x to 1.20x between runs of nearly the same
// code). A table that says the load it was measured under can be read
// without guessing.

import { availableParallelism, loadavg } from 'node:os';

/**
 * The load average now, as text for a benchmark's output.
 *
 * ```js
 * import { loadNote, busyWarning } from '../machine-load.mjs';
 * const before = loadNote();
 * const warning = busyWarning();
 * // ... the benchmark ...
 * console.log(`load average at the start: ${before}; at the end: ${loadNote()}`);
 * if (warning) console.log(warning);
 * ```
 */
export function loadNote() {
  const [one, five, fifteen] = loadavg();
  return `${one.toFixed(2)} / ${five.toFixed(2)} / ${fifteen.toFixed(2)} (1 / 5 / 15 min, ${availableParallelism()} cores)`;
}

/**
 * A warning when other work already kept half the cores or more busy over
 * the last minute, or null. Call it before the benchmark starts its own
 * processes, which add about 1 to the load; a benchmark that just ended
 * leaves some too (a 1-minute average decays slowly), hence half the cores
 * and not less.
 */
export function busyWarning() {
  const one = loadavg()[0], cores = availableParallelism();
  return one >= cores / 2
    ? `warning: load average ${one.toFixed(2)} before the run: other work shares the ${cores} cores, so these figures are inflated, and not always both sides of a ratio alike`
    : null;
}
