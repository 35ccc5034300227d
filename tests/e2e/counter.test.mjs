// The counter page, as a user and as the network sees it (issue 3).
// Runs against the real `counter` example, or with --fixture against the
// fixture server's copy of its page. `ctx.app` is { url, restart() }.

import { test, assert, assertEqual } from './lib/harness.mjs';
import { openPage, holdBack, strictPolicy } from './lib/browser.mjs';

const button = page => page.locator('[data-r-on\\:click]').first();
const countText = page => page.evaluate(() => document.body.innerText.match(/Count: -?\d+/)?.[0]);
const waitForCount = (page, n) =>
  page.waitForFunction(n => document.body.innerText.includes(`Count: ${n}`), n, { timeout: 5000 });
const isCore = url => /^\/_resuma\/core-[0-9a-f]{12}\.js$/.test(url);
const isChunk = url => /^\/_resuma\/h[0-9a-f]{12}\.js$/.test(url);

function assertClean(log) {
  assertEqual(log.errors, [], 'console errors');
  assertEqual(log.csp, [], 'CSP violations');
}

// Resolves once `held` has `n` entries; throws `what` after 3 s.
async function untilHeld(held, n, what) {
  for (const deadline = Date.now() + 3000; held.length < n; await new Promise(resolve => setTimeout(resolve, 10)))
    if (Date.now() > deadline) throw new Error(`${what}: only ${held.length} of ${n} requests seen (${held})`);
}

test('counter: three clicks show "Count: 3", with no console errors or CSP violations', async ({ browser, app }) => {
  const { page, context, log } = await openPage(browser);
  const response = await page.goto(app.url + '/');
  strictPolicy(response);
  assertEqual(await countText(page), 'Count: 0', 'initial text');
  for (let i = 0; i < 3; i++) await button(page).click();
  await waitForCount(page, 3);
  assertEqual(await countText(page), 'Count: 3', 'text after three clicks');
  assertClean(log);
  await context.close();
});

test('counter: no script request before the first click, then core and chunk in parallel', async ({ browser, app }) => {
  const { page, context, log } = await openPage(browser, { idlePrefetch: false });
  await page.goto(app.url + '/');
  await page.waitForTimeout(300);
  assertEqual(log.scripts, [], 'script requests before the first click (the loader is inline)');
  // Hold core and chunk back: a loader that fetched the chunk only after
  // core had arrived would never request the second one while the first is held.
  const { held, release } = await holdBack(page, /\/_resuma\/.*\.js$/);
  await button(page).dispatchEvent('click');
  await untilHeld(held, 2, 'core and chunk both requested while neither has arrived');
  release();
  await waitForCount(page, 1);
  const urls = log.scripts.map(s => s.url);
  assertEqual(urls.length, 2, `script requests after one click (${urls})`);
  assert(urls.some(isCore) && urls.some(isChunk), `expected core and a chunk, got ${urls}`);
  const gap = Math.abs(log.scripts[0].at - log.scripts[1].at);
  assert(gap < 100, `core and chunk requested ${gap.toFixed(0)} ms apart`);
  console.log(`      core and chunk requested ${gap.toFixed(1)} ms apart`);
  assertClean(log);
  await context.close();
});

test('counter: five rapid clicks before core arrives end at "Count: 5"', async ({ browser, app }) => {
  const { page, context, log } = await openPage(browser, { idlePrefetch: false });
  await page.goto(app.url + '/');
  const { held, release } = await holdBack(page, /\/_resuma\/.*\.js$/);
  for (let i = 0; i < 5; i++) await button(page).click();
  await untilHeld(held, 2, 'core and chunk requested');
  await page.waitForTimeout(100);
  assertEqual(await countText(page), 'Count: 0', 'text while code is held back');
  assertEqual(held.length, 2, `requests while held (${held}): each module once`);
  release();
  await waitForCount(page, 5);
  await page.waitForTimeout(200); // a sixth replay would show up by now
  assertEqual(await countText(page), 'Count: 5', 'text after replay');
  assertClean(log);
  await context.close();
});

test('counter: idle prefetch loads core and the visible chunk, then a click needs no request', async ({ browser, app }) => {
  const { page, context, log } = await openPage(browser);
  await page.goto(app.url + '/');
  await page.waitForFunction(() => performance.getEntriesByType('resource').filter(r => r.name.includes('/_resuma/')).length >= 2, null, { timeout: 5000 });
  await page.waitForTimeout(100);
  const before = log.scripts.length;
  assert(log.scripts.some(s => isCore(s.url)) && log.scripts.some(s => isChunk(s.url)), `prefetched: ${log.scripts.map(s => s.url)}`);
  await button(page).click();
  await waitForCount(page, 1);
  assertEqual(log.scripts.length, before, 'script requests caused by the click');
  assertClean(log);
  await context.close();
});

test('counter: /one-button gets the lite core, and three clicks show "Count: 3"', async ({ browser, app }) => {
  const { page, context, log } = await openPage(browser, { idlePrefetch: false });
  const home = await (await page.request.get(app.url + '/')).text();
  const fullCore = /data-r-core="([^"]+)"/.exec(home)?.[1];
  const response = await page.goto(app.url + '/one-button');
  strictPolicy(response);
  const liteCore = await page.locator('script[data-r-core]').getAttribute('data-r-core');
  assert(isCore(liteCore) && liteCore !== fullCore, `the lite core ${liteCore}, not / 's ${fullCore}`);
  for (let i = 0; i < 3; i++) await button(page).click();
  await waitForCount(page, 3);
  const urls = log.scripts.map(s => s.url);
  assertEqual(urls.length, 2, `script requests after three clicks (${urls})`);
  assert(urls.includes(liteCore) && urls.some(isChunk), `expected the lite core and a chunk, got ${urls}`);
  const source = await (await page.request.get(app.url + liteCore)).text();
  assert(!source.includes('/_resuma/action/') && !source.includes('blocks-'), 'the lite core has no server calls and no blocks');
  assertClean(log);
  await context.close();
});

test('counter: /about makes zero script requests and has no script element', async ({ browser, app }) => {
  const { page, context, log } = await openPage(browser);
  await page.goto(app.url + '/about');
  await page.waitForTimeout(300);
  assertEqual(log.scripts, [], 'script requests on /about');
  assertEqual(await page.locator('script').count(), 0, 'script elements on /about');
  assertClean(log);
  await context.close();
});

test('counter: after a server restart, the chunk URL in an open page still works', async ({ browser, app }) => {
  const { page, context, log } = await openPage(browser, { idlePrefetch: false });
  await page.goto(app.url + '/');
  const chunk = await button(page).getAttribute('data-r-on:click');
  await app.restart();
  // The page was rendered by the old process; its first click fetches core
  // and chunk from the new one.
  await button(page).click();
  await waitForCount(page, 1);
  const url = `/_resuma/${chunk.split('#')[0]}.js`;
  assert(log.scripts.some(s => s.url === url), `chunk ${url} requested after restart`);
  const response = await page.request.get(app.url + url);
  assertEqual(response.status(), 200, `status of ${url} from the restarted server`);
  assertClean(log);
  await context.close();
});
