// A minimal test harness: tests run one after another, each failure is
// printed with its message, and the summary line is `N passed, N failed`.

const tests = [];

/** Registers a test. `fn` receives whatever `run` passes to every test. */
export function test(name, fn) {
  tests.push({ name, fn });
}

/** Throws with `message` unless `condition` holds. */
export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Throws unless `actual` and `expected` are equal as JSON. */
export function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Rejects with a clear message if `promise` takes longer than `ms`. */
export function within(ms, promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** Resolves once `condition()` (sync or async) is true; throws `what` after `ms`. */
export async function until(condition, what, ms = 5000) {
  for (const deadline = Date.now() + ms; !(await condition()); await new Promise(r => setTimeout(r, 10)))
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
}

/** Whether a registered test would run with this `filter` and `select` (see `run`). */
export function anyTest({ filter = '', select = () => true } = {}) {
  return tests.some(t => t.name.includes(filter) && select(t.name));
}

/**
 * Runs every registered test whose name contains `filter` (and that `select`
 * accepts, by name), each bounded by `timeoutMs`; returns { passed, failed }.
 * `label` is printed after each test's name (a second run of the same tests
 * against another server says which).
 */
export async function run(context, { filter = '', timeoutMs = 30000, select = () => true, label = '' } = {}) {
  let passed = 0;
  let failed = 0;
  for (const { name: testName, fn } of tests.filter(t => t.name.includes(filter) && select(t.name))) {
    const name = label ? `${testName} ${label}` : testName;
    const start = performance.now();
    try {
      await within(timeoutMs, fn(context), name);
      passed++;
      console.log(`ok    ${name} (${Math.round(performance.now() - start)} ms)`);
    } catch (error) {
      failed++;
      console.log(`FAIL  ${name}\n      ${String(error.stack || error).split('\n').slice(0, 4).join('\n      ')}`);
    }
  }
  return { passed, failed };
}
