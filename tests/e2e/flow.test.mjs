// The Flow example (examples/flow) in Chromium: logging in with and without
// JavaScript, the streamed /slow page (fallback first, then the content,
// whose button works), no console errors or CSP violations, and axe-core on
// every page. `ctx.flow` is { url } from lib/app.mjs's startCounter (any
// binary listening on HOST:PORT), or null with --fixture.

import { test, assert, assertEqual, until } from './lib/harness.mjs';
import { openPage, strictPolicy } from './lib/browser.mjs';
import { auditAccessibility } from './lib/axe.mjs';

function assertClean(log) {
  assertEqual(log.errors, [], 'console errors');
  assertEqual(log.csp, [], 'CSP violations');
}

const text = page => page.evaluate(() => document.body.innerText);

function flowTest(name, fn) {
  test(`flow: ${name}`, async ctx => {
    if (!ctx.flow) return;
    await fn(ctx.browser, ctx.flow.url);
  });
}

async function logIn(page) {
  await page.fill('#name', 'admin');
  await page.fill('#password', 'admin');
  await page.click('form[aria-label="Log in"] button');
}

flowTest('without JavaScript, /admin sends to the login form, which logs in and goes on to /admin', async (browser, url) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url + '/admin');
  assertEqual(new URL(page.url()).pathname + new URL(page.url()).search, '/login?next=/admin', 'redirected to');
  assert((await text(page)).includes('Demo account: name admin, password admin'), 'the demo account is stated');
  // A wrong password: the page comes back with the error, still logged out.
  await page.fill('#name', 'admin');
  await page.fill('#password', 'wrong');
  await page.click('form[aria-label="Log in"] button');
  await page.waitForLoadState();
  assert((await text(page)).includes('Wrong name or password.'), 'the error is shown');
  await logIn(page);
  await page.waitForURL(url + '/admin');
  assert((await text(page)).includes('Logged in as admin.'), 'the admin page');
  await context.close();
});

flowTest('with JavaScript, the login form logs in in place and /admin opens', async (browser, url) => {
  const { page, context, log } = await openPage(browser);
  const response = await page.goto(url + '/admin');
  strictPolicy(response);
  assertEqual(new URL(page.url()).search, '?next=/admin', 'redirected with next');
  await logIn(page);
  await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent === 'Logged in as admin.', null, { timeout: 5000 });
  assertEqual(new URL(page.url()).pathname, '/login', 'the form was sent by fetch, the page stayed');
  const admin = await page.goto(url + '/admin');
  assertEqual(admin.status(), 200, '/admin once logged in');
  assert((await text(page)).includes('Logged in as admin.'), 'the admin page');
  assertClean(log);
  await context.close();
});

flowTest('/slow shows the fallback, then the streamed part, whose button works', async (browser, url) => {
  const { page, context, log } = await openPage(browser);
  const started = Date.now();
  const navigation = page.goto(url + '/slow', { waitUntil: 'commit' });
  await page.waitForSelector('.fallback', { timeout: 5000 });
  const fallbackAt = Date.now() - started;
  assert(!(await text(page)).includes('slow data loaded'), 'the slow part is not there yet');
  strictPolicy(await navigation);
  await page.waitForFunction(() => document.body.innerText.includes('slow data loaded'), null, { timeout: 5000 });
  const loadedAt = Date.now() - started;
  console.log(`      fallback after ${fallbackAt} ms, slow part after ${loadedAt} ms`);
  assert(loadedAt - fallbackAt > 500, `the part came later (${fallbackAt} ms, then ${loadedAt} ms)`);
  // Placed where the fallback was, inside <main>; the fallback is gone.
  assertEqual(await page.evaluate(() => !!document.querySelector('main > #r-c0 section[aria-label="Slow data"]')), true, 'the part sits in main');
  assertEqual(await page.locator('.fallback').count(), 0, 'fallback replaced');
  const button = page.locator('section[aria-label="Slow data"] button');
  await button.click();
  await button.click();
  await page.waitForFunction(() => document.querySelector('section[aria-label="Slow data"] button').textContent === 'Likes: 2', null, { timeout: 5000 });
  assertClean(log);
  await context.close();
});

flowTest('/slow without JavaScript still has the streamed content in the document', async (browser, url) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url + '/slow');
  const body = await text(page);
  assert(body.includes('slow data loaded: alpha, beta, gamma'), body);
  await context.close();
});

flowTest('axe-core finds no serious or critical violations on any page', async (browser, url) => {
  const { page, context, log } = await openPage(browser);
  const audit = what => auditAccessibility(page, what);
  for (const path of ['/', '/notes/1', '/login']) {
    await page.goto(url + path);
    await audit(path);
  }
  await page.goto(url + '/slow');
  await page.waitForFunction(() => document.body.innerText.includes('slow data loaded'), null, { timeout: 5000 });
  await audit('/slow, streamed');
  await page.goto(url + '/login');
  await logIn(page);
  await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent === 'Logged in as admin.', null, { timeout: 5000 });
  await page.goto(url + '/admin');
  await audit('/admin');
  assertClean(log);
  // The 404 page: Chromium logs its status as a console error, which is
  // the page's point, so it is audited on its own.
  const missing = await page.goto(url + '/notes/99');
  assertEqual(missing.status(), 404, 'status of /notes/99');
  assert((await text(page)).includes('Not found'), 'the 404 page');
  await audit('/notes/99');
  assertEqual(log.csp, [], 'CSP violations');
  await context.close();
});
