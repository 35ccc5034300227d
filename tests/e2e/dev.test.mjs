// `resuma dev` (issue 15) on a new basic project: an edit of the `<h1>`
// shows in the open page without the test reloading it; a compile error
// shows as an overlay naming the file and line while the last good build
// keeps serving; the fix brings the page back. `ctx.dev` is { url, dir }
// from lib/dev-app.mjs, or null with --fixture (these tests then skip).
// The second test starts a `resuma dev` of its own, on a project whose
// first build fails.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, assert, assertEqual } from './lib/harness.mjs';
import { openPage } from './lib/browser.mjs';
import { startDev } from './lib/dev-app.mjs';

/** How long one rebuild and restart may take on a busy machine. */
const REBUILD_MS = 90000;

const heading = page => page.locator('h1').innerText();

test('resuma dev: an edit shows in the open page, a compile error as an overlay, the fix brings the page back', async ({ browser, dev }) => {
  if (!dev) return;
  const source = join(dev.dir, 'src/lib.rs');
  const original = readFileSync(source, 'utf8');
  const { page, context, log } = await openPage(browser);
  try {
    await page.goto(dev.url + '/');
    assertEqual(await heading(page), 'Welcome to dev-app', 'heading before the edit');
    // The reload script runs under the page's strict CSP (nonce).
    const reloader = await page.evaluate(() => [...document.scripts].some(s => s.nonce && s.textContent.includes('/_resuma/dev/events')));
    assert(reloader, 'the page has the nonced reload script');
    await page.evaluate(() => (window.__sameDocument = true));

    writeFileSync(source, original.replace('"Welcome to dev-app"', '"Edited while open"'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Edited while open', null, { timeout: REBUILD_MS });
    // The page reloaded itself (the test never did).
    assertEqual(await page.evaluate(() => window.__sameDocument), undefined, 'a new document after the reload');

    const edited = readFileSync(source, 'utf8');
    const broken = edited.replace('fn home() -> impl IntoView {', 'fn home() -> impl IntoView {\n    let broken: u32 = "not a number";');
    const line = broken.split('\n').findIndex(l => l.includes('let broken')) + 1;
    writeFileSync(source, broken);
    const overlay = page.locator('#resuma-dev-overlay');
    await overlay.waitFor({ state: 'visible', timeout: REBUILD_MS });
    const shown = await overlay.innerText();
    assert(shown.includes(`src/lib.rs:${line}:`), `the overlay names src/lib.rs:${line}: ${shown}`);
    assert(shown.includes('mismatched types'), `the overlay has rustc's message: ${shown}`);
    // The last good build keeps serving.
    const served = await (await fetch(dev.url + '/')).text();
    assert(served.includes('<h1>Edited while open</h1>'), 'the last good build serves /');

    writeFileSync(source, edited.replace('"Edited while open"', '"Fixed again"'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Fixed again', null, { timeout: REBUILD_MS });
    assertEqual(await overlay.count(), 0, 'no overlay after the fix');
    assertEqual(log.csp, [], 'CSP violations');
  } finally {
    writeFileSync(source, original);
    await context.close();
  }
});

test('resuma dev: a first build that fails shows the error in the browser, the fix brings the app', async ({ browser, dev }) => {
  if (!dev) return;
  let line;
  const broken = await startDev({
    name: 'first-fails',
    failing: true,
    prepare: dir => {
      const source = join(dir, 'src/lib.rs');
      const text = readFileSync(source, 'utf8').replace('fn home() -> impl IntoView {', 'fn home() -> impl IntoView {\n    let broken: u32 = "not a number";');
      line = text.split('\n').findIndex(l => l.includes('let broken')) + 1;
      writeFileSync(source, text);
    },
  });
  const { page, context, log } = await openPage(browser);
  try {
    const response = await page.goto(broken.url + '/');
    assertEqual(response.status(), 503, 'no build yet: the error page answers 503');
    const shown = await page.locator('#resuma-dev-overlay').innerText();
    assert(shown.includes(`src/lib.rs:${line}:`), `the page names src/lib.rs:${line}: ${shown}`);
    assert(shown.includes('mismatched types'), `the page has rustc's message: ${shown}`);

    const source = join(broken.dir, 'src/lib.rs');
    writeFileSync(source, readFileSync(source, 'utf8').replace('\n    let broken: u32 = "not a number";', ''));
    // The error page reloads itself; after the good build it is the app.
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Welcome to first-fails', null, { timeout: REBUILD_MS });
    assertEqual(await page.locator('#resuma-dev-overlay').count(), 0, 'no error after the fix');
    assertEqual(log.csp, [], 'CSP violations');
  } finally {
    await context.close();
    await broken.stop();
  }
});
