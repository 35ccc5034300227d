// `resuma build --static` (issue 15): the counter example exported to plain
// files and served by `python3 -m http.server`, which sends no CSP header
// and runs no server function. `ctx.staticCounter` is { url, dir } from
// lib/static-site.mjs, or null with --fixture (these tests then skip).

import { test, assert, assertEqual } from './lib/harness.mjs';
import { openPage } from './lib/browser.mjs';

function staticTest(name, fn) {
  test(`static build: ${name}`, async ctx => {
    if (!ctx.staticCounter) return;
    await fn(ctx.browser, ctx.staticCounter);
  });
}

const countButton = page => page.locator('button', { hasText: /^Count: / });

staticTest('the counter on a plain static server counts to 3, no console errors', async (browser, staticCounter) => {
  const { page, context, log } = await openPage(browser);
  const response = await page.goto(staticCounter.url + '/');
  assertEqual(response.status(), 200, 'status of /');
  assertEqual(response.headers()['content-security-policy'], undefined, 'CSP header of a static host');
  assertEqual(await countButton(page).innerText(), 'Count: 0', 'initial text');
  for (let i = 0; i < 3; i++) await countButton(page).click();
  await page.waitForFunction(() => document.body.innerText.includes('Count: 3'), null, { timeout: 5000 });
  assertEqual(await countButton(page).innerText(), 'Count: 3', 'text after three clicks');
  // The chunks it loaded are the hashed files the export wrote.
  const scripts = log.scripts.map(s => s.url);
  assert(scripts.some(u => /^\/_resuma\/core-[0-9a-f]{12}\.js$/.test(u)), `core requested: ${scripts}`);
  assert(scripts.some(u => /^\/_resuma\/h[0-9a-f]{12}\.js$/.test(u)), `a handler chunk requested: ${scripts}`);
  assertEqual(log.errors, [], 'console errors');
  assertEqual(log.csp, [], 'CSP violations');
  await context.close();
});

staticTest('/about is a file too, and links between the pages work', async (browser, staticCounter) => {
  const { page, context, log } = await openPage(browser);
  await page.goto(staticCounter.url + '/');
  await page.getByRole('link', { name: 'About this example' }).click();
  await page.waitForURL(/\/about\/?$/);
  assertEqual(await page.locator('h1').innerText(), 'About', 'heading of /about');
  // Loaded on its own, the page without handlers loads no script at all
  // (those before were the counter page's prefetches).
  const before = log.scripts.length;
  await page.reload();
  await page.waitForTimeout(300);
  assertEqual(log.scripts.slice(before), [], 'scripts of a page without handlers');
  assertEqual(log.errors, [], 'console errors');
  await context.close();
});

staticTest('a server function call shows its error path, not a silent failure', async (browser, staticCounter) => {
  const { page, context, log } = await openPage(browser);
  await page.goto(staticCounter.url + '/');
  await page.locator('#flaky').click();
  await page.waitForFunction(() => document.querySelector('#flaky-error').textContent.trim() !== '', null, { timeout: 5000 });
  const error = await page.locator('#flaky-error').innerText();
  assert(/^flaky: HTTP \d{3}, response is not JSON$/.test(error), `the error shown: ${JSON.stringify(error)}`);
  assertEqual(await page.locator('#flaky').isDisabled(), false, 'the button is usable again');
  // The only console error is the browser's own report of the refused POST.
  const unexpected = log.errors.filter(e => !/Failed to load resource.*\/_resuma\/action\/flaky/.test(e));
  assertEqual(unexpected, [], 'console errors other than the refused call');
  await context.close();
});
