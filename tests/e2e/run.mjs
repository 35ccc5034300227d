// Browser end-to-end tests for issue 3: `npm run test:e2e`.
//
//   node tests/e2e/run.mjs             counter tests on the real counter example
//                                      (cargo build -p counter first) + loader lab
//   node tests/e2e/run.mjs --fixture   everything on the fixture server (no cargo)
//   ... --filter TEXT                  only tests whose name contains TEXT
//   COUNTER_BIN=path node tests/e2e/run.mjs   use an already built counter binary
//   TODO_BIN=path ...                  the same for the todo example (its tests
//                                      are skipped with --fixture)
//   FLOW_BIN=path ...                  the same for the Flow example
//   REACTIVITY_BIN=path ...            the same for the reactivity example
//
// The static-build tests run on `resuma build --static` of the counter
// example, served by `python3 -m http.server` (skipped with --fixture).
//
// The counter's tests run a second time against its wasi:http component
// under `wasmtime serve` (scripts/serve-wasi, which builds it), marked
// [wasi], and the saved-counter tests run against that example's
// component. Both are skipped with --fixture.
//
// The todo tests run twice: on a temporary SQLite file and on a PostgreSQL
// server this run starts in a temporary directory (scripts/postgres-tmp;
// ./scripts/setup installs the server).
//
// Prints `N passed, N failed` last and exits non-zero when a test failed.

import { launchBrowser } from './lib/browser.mjs';
import { anyTest, run } from './lib/harness.mjs';
import { startCounter, startFixture } from './lib/app.mjs';
import { cargoBuild } from './lib/cargo.mjs';
import './counter.test.mjs';
import './loader.test.mjs';
import './server_fn.test.mjs';
import './islands.test.mjs';
import './todo.test.mjs';
import './reactivity.test.mjs';
import './injection.test.mjs';
import './flow.test.mjs';
import './saved_counter.test.mjs';
import './http_attacks.test.mjs';
import './static_build.test.mjs';
import './dev.test.mjs';
import { startTodo } from './lib/todo-app.mjs';
import { startPostgres } from './lib/postgres.mjs';
import { startWasi } from './lib/wasi.mjs';
import { startStaticSite } from './lib/static-site.mjs';
import { startDev } from './lib/dev-app.mjs';

const args = process.argv.slice(2);
const useFixture = args.includes('--fixture');
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : '';

const fixture = await startFixture();
// COUNTER_BIN skips the cargo build and runs that binary instead.
const app = useFixture ? fixture : await startCounter(process.env.COUNTER_BIN || cargoBuild('counter'));
// The todo example (todo.test.mjs), on a fresh temporary SQLite database,
// and a second one on PostgreSQL, each test on a new database. The
// PostgreSQL server starts (a second or two) while the SQLite one does.
const todoBin = useFixture ? null : process.env.TODO_BIN || cargoBuild('todo');
const postgresStarting = useFixture ? null : startPostgres().then(server => ({ server }), error => ({ error }));
const todo = useFixture ? null : await startTodo(todoBin);
// The reactivity example (reactivity.test.mjs): pages without a database.
const reactivity = useFixture ? null : await startCounter(process.env.REACTIVITY_BIN || cargoBuild('reactivity'));
const { server: postgres, error: postgresError } = (await postgresStarting) ?? {};
if (postgresError) {
  console.error(`cannot start PostgreSQL for the todo tests: ${postgresError.message}`);
  await Promise.all([app.stop(), todo.stop(), reactivity.stop(), app !== fixture && fixture.stop()]);
  process.exit(2);
}
// Ctrl-C runs the exit hooks too (lib/postgres.mjs stops its server in one).
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
const todoPostgres = postgres ? await startTodo(todoBin, { postgres }) : null;
// The Flow example (flow.test.mjs); FLOW_BIN runs an already built binary.
const flow = useFixture ? null : await startCounter(process.env.FLOW_BIN || cargoBuild('flow'));
const wasiCounter = useFixture ? null : await startWasi('counter');
const savedCounter = useFixture ? null : await startWasi('saved-counter');
const staticCounter = useFixture ? null : await startStaticSite('examples/counter/Cargo.toml');
// `resuma dev` on a new project; its test rebuilds it three times, so it
// runs last, with a longer time limit.
const isDevTest = name => name.startsWith('resuma dev: ');
const dev = useFixture || !anyTest({ filter, select: isDevTest }) ? null : await startDev();
const browser = await launchBrowser();
let result = { passed: 0, failed: 1 };
try {
  console.log(`counter tests against ${useFixture ? 'the fixture server' : 'target/debug/counter'} at ${app.url}`);
  if (postgres) console.log(`todo tests on SQLite at ${todo.url}, on PostgreSQL (${postgres.url}) at ${todoPostgres.url}`);
  if (wasiCounter) console.log(`counter [wasi] tests at ${wasiCounter.url}, saved-counter [wasi] at ${savedCounter.url}`);
  result = await run(
    { browser, app, fixture, todo, todoPostgres, flow, reactivity, savedCounter, wasiCounter, staticCounter },
    { filter, select: name => !isDevTest(name) },
  );
  if (wasiCounter) {
    // The same counter, server-function and HTTP tests, on the component.
    const wasi = await run(
      { browser, app: wasiCounter, fixture },
      { filter, select: name => /^(counter|server fn|http): /.test(name), label: '[wasi]' },
    );
    result = { passed: result.passed + wasi.passed, failed: result.failed + wasi.failed };
  }
  const devRun = await run({ browser, dev }, { filter, select: isDevTest, timeoutMs: 300000 });
  result = { passed: result.passed + devRun.passed, failed: result.failed + devRun.failed };
} finally {
  await browser.close();
  await app.stop();
  await flow?.stop();
  await todo?.stop();
  await reactivity?.stop();
  await todoPostgres?.stop();
  await postgres?.stop();
  await wasiCounter?.stop();
  await savedCounter?.stop();
  await staticCounter?.stop();
  await dev?.stop();
  if (app !== fixture) await fixture.stop();
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
