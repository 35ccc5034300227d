// Markup injected into a page (an HTML injection the strict CSP is there to
// contain) must not make Resuma's own nonced scripts load code from
// elsewhere, nor hand the CSRF token to another origin. Import() from the
// loader or the islands boot script is trusted under 'strict-dynamic', so
// the scripts themselves must refuse names that are not of the shape the
// server writes (protocol §4, §10, §11, §12); the form chunk must send the
// token to this site only (§13).
//
// Runs on the fixture server's /injected, /injected-island and /form pages
// (fixture/server.mjs), against a second server on another port that
// records every request and serves a module that leaves a trace in
// `window.__evil` when it runs (fixture/foreign.mjs).

import { test, assert, assertEqual, until } from './lib/harness.mjs';
import { openPage } from './lib/browser.mjs';
import { startForeignServer } from './fixture/foreign.mjs';
import { CSRF_TOKEN } from './fixture/server.mjs';

/** Opens `path?at=ORIGIN` of the fixture with a fresh foreign server; close() ends both. */
async function openInjected({ browser, fixture }, path) {
  const foreign = await startForeignServer();
  const opened = await openPage(browser);
  await opened.page.goto(`${fixture.url}${path}?at=${foreign.origin}`);
  const close = async () => (await opened.context.close(), await foreign.close());
  return { ...opened, foreign, close };
}

/** Nothing reached the other origin, nothing of it ran, and the page stayed clean. */
async function assertNothingRan({ page, log, foreign }) {
  assertEqual(foreign.requests.map(r => `${r.method} ${r.path}`), [], 'requests that reached the other origin');
  assertEqual(await page.evaluate(() => window.__evil), undefined, 'traces of the foreign module');
  assertEqual(log.errors, [], 'console errors');
  assertEqual(log.csp, [], 'CSP violations');
}

test('injection: handlers, a list and a conditional naming modules elsewhere load and run nothing (hover, idle, click, input)', async ctx => {
  const opened = await openInjected(ctx, '/injected');
  const { page, log } = opened;
  try {
    // Idle prefetch (of everything in the viewport) has its chance first.
    await page.waitForTimeout(500);
    for (const evil of await page.locator('button.evil').all()) {
      await evil.hover();
      await evil.click();
    }
    await page.fill('input.evil', 'typed');
    // The real handler still runs, and pushing to the list makes core load
    // blocks for the list and the conditional that follow signal 7.
    await page.click('#legit');
    await page.click('#push');
    await page.waitForFunction(() => document.querySelector('#log').innerText === 'log:inner;', null, { timeout: 5000 });
    await until(() => log.scripts.some(s => s.url.startsWith('/_resuma/blocks-')), 'blocks loaded for the markers');
    await page.waitForTimeout(300);
    await assertNothingRan(opened);
    const ours = /^\/_resuma\/(core-[0-9a-f]{12}|blocks-[0-9a-f]{12}|h0000000001ab)\.js$/;
    assertEqual(log.scripts.map(s => s.url).filter(url => !ours.test(url)), [], 'other script requests');
  } finally {
    await opened.close();
  }
});

test('injection: islands whose module URL is not /_resuma/islands/NAME-HASH.js stay inert (load, idle, visible, interaction)', async ctx => {
  const opened = await openInjected(ctx, '/injected-island');
  const { page, log } = opened;
  try {
    // The real island on the page boots as usual.
    await page.waitForSelector('#good[data-r-mounted]', { state: 'attached', timeout: 5000 });
    assertEqual(await page.textContent('#good output'), 'mounted 1', 'the real island');
    for (const button of await page.locator('resuma-island.evil button').all()) {
      await button.scrollIntoViewIfNeeded();
      await button.click();
    }
    await page.waitForTimeout(500);
    await assertNothingRan(opened);
    assertEqual(log.scripts.map(s => s.url), ['/_resuma/islands/good_island-00000000900d.js'], 'script requests');
  } finally {
    await opened.close();
  }
});

test('injection: a form posts its CSRF token to this site only, never to a formaction on another origin', async ctx => {
  const opened = await openInjected(ctx, '/form');
  const { page, log, foreign } = opened;
  try {
    // This site: header and field go along (the fixture's function refuses
    // a post without them), and the result shows.
    const posted = page.waitForRequest(request => request.url().endsWith('/_resuma/action/echo'));
    await page.click('#here');
    assertEqual((await posted).headers()['x-resuma-csrf'], CSRF_TOKEN, 'token header to this site');
    await page.waitForFunction(() => document.querySelector('#result').textContent === 'hello', null, { timeout: 5000 });

    // Another origin, from a button in the form and one joining it from outside.
    await page.click('#elsewhere');
    await until(() => foreign.requests.some(r => r.method === 'POST' && r.path === '/steal'), 'the post to the other origin');
    await page.click('#outside');
    await until(() => foreign.requests.filter(r => r.method === 'POST').length === 2, 'the second post to the other origin');
    for (const { method, path, headers, body } of foreign.requests) {
      const seen = JSON.stringify({ path, headers, body });
      assert(!('x-resuma-csrf' in headers), `${method} ${path} carried x-resuma-csrf: ${seen}`);
      assert(!seen.includes(CSRF_TOKEN), `${method} ${path} carried the token: ${seen}`);
    }
    for (const { body } of foreign.requests.filter(r => r.method === 'POST'))
      assert(new URLSearchParams(body).get('title') === 'hello', `the form's fields were posted: ${body}`);
    assertEqual(log.csp, [], 'CSP violations');
  } finally {
    await opened.close();
  }
});
