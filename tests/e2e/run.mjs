// Browser end-to-end tests for issue 3: `npm run test:e2e`.
//
//   node tests/e2e/run.mjs             counter tests on the real counter example
//                                      (cargo build -p counter first) + loader lab
//   node tests/e2e/run.mjs --fixture   everything on the fixture server (no cargo)
//   ... --filter TEXT                  only tests whose name contains TEXT
//   COUNTER_BIN=path node tests/e2e/run.mjs   use an already built counter binary
//   TODO_BIN=path ...                  the same for the todo example (its tests
//                                      are skipped with --fixture)
//
// Prints `N passed, N failed` last and exits non-zero when a test failed.

import { launchBrowser } from './lib/browser.mjs';
import { run } from './lib/harness.mjs';
import { startCounter, startFixture } from './lib/app.mjs';
import { cargoBuild } from './lib/cargo.mjs';
import './counter.test.mjs';
import './loader.test.mjs';
import './server_fn.test.mjs';
import './islands.test.mjs';
import './todo.test.mjs';
import './injection.test.mjs';
import { startTodo } from './lib/todo-app.mjs';

const args = process.argv.slice(2);
const useFixture = args.includes('--fixture');
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : '';

const fixture = await startFixture();
// COUNTER_BIN skips the cargo build and runs that binary instead.
const app = useFixture ? fixture : await startCounter(process.env.COUNTER_BIN || cargoBuild('counter'));
// The todo example (todo.test.mjs), on a fresh temporary SQLite database.
const todo = useFixture ? null : await startTodo(process.env.TODO_BIN || cargoBuild('todo'));
const browser = await launchBrowser();
let result = { passed: 0, failed: 1 };
try {
  console.log(`counter tests against ${useFixture ? 'the fixture server' : 'target/debug/counter'} at ${app.url}`);
  result = await run({ browser, app, fixture, todo }, { filter });
} finally {
  await browser.close();
  await app.stop();
  await todo?.stop();
  if (app !== fixture) await fixture.stop();
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
