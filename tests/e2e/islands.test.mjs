// Wasm islands in the browser (issue 6), against the real islands example
// (examples/islands, islands built by `resuma build`). Each directive is
// checked for *when* its module is fetched, and every test asserts zero
// console errors and zero CSP violations.

import { test, assert, assertEqual, until } from './lib/harness.mjs';
import { openPage, holdBack } from './lib/browser.mjs';
import { islandsApp } from './lib/islands-app.mjs';

// The page policy of protocol.md §9; pages with islands add only 'wasm-unsafe-eval'.
const REST = "; default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'$";
const STRICT = new RegExp("^script-src 'nonce-[0-9a-f]+' 'strict-dynamic'" + REST);
const WITH_WASM = new RegExp("^script-src 'nonce-[0-9a-f]+' 'strict-dynamic' 'wasm-unsafe-eval'" + REST);

/** Opens a page that also records island requests: { path, at } for every .wasm and island glue. */
async function openIslandPage(browser, options) {
  const opened = await openPage(browser, options);
  const started = performance.now();
  opened.log.islands = [];
  opened.page.on('request', request => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/_resuma/islands/')) opened.log.islands.push({ path, at: performance.now() - started });
  });
  return opened;
}

const wasmRequests = log => log.islands.filter(r => r.path.endsWith('.wasm')).map(r => r.path);
const mounted = (page, selector = 'resuma-island') =>
  page.waitForSelector(`${selector}[data-r-mounted]`, { state: 'attached', timeout: 10000 });
const counterText = page => page.locator('resuma-island output').first().textContent();

function assertClean(log) {
  assertEqual(log.errors, [], 'console errors');
  assertEqual(log.csp, [], 'CSP violations');
}

// The fixture mode runs without cargo; islands need the real server.
if (!process.argv.includes('--fixture')) {
  test('islands: a page without islands has no boot script, loads no Wasm and keeps the strict CSP', async ({ browser }) => {
    const app = await islandsApp();
    const { page, context, log } = await openIslandPage(browser);
    const response = await page.goto(app.url + '/plain');
    assert(STRICT.test(response.headers()['content-security-policy']), `CSP: ${response.headers()['content-security-policy']}`);
    const html = await response.text();
    assert(!html.includes('<script') && !html.includes('resuma-island'), 'no script and no island markup');
    await page.waitForTimeout(300);
    assertEqual(log.islands, [], 'island requests');
    assertClean(log);
    await context.close();
  });

  test("islands: pages with islands add only 'wasm-unsafe-eval'; island files are immutable and typed", async ({ browser }) => {
    const app = await islandsApp();
    const { page, context, log } = await openIslandPage(browser);
    const response = await page.goto(app.url + '/lab/load');
    const policy = response.headers()['content-security-policy'];
    assert(WITH_WASM.test(policy), `CSP: ${policy}`);
    await mounted(page);
    const [glue, wasm] = [log.islands.find(r => r.path.endsWith('.js')).path, wasmRequests(log)[0]];
    assert(/^\/_resuma\/islands\/counter_island-[0-9a-f]{12}\.js$/.test(glue), `glue URL ${glue}`);
    assert(/^\/_resuma\/islands\/counter_island-[0-9a-f]{12}\.wasm$/.test(wasm), `wasm URL ${wasm}`);
    for (const [path, type] of [[glue, 'text/javascript; charset=utf-8'], [wasm, 'application/wasm']]) {
      const r = await fetch(app.url + path, { headers: { 'accept-encoding': 'br' } });
      assertEqual(r.headers.get('content-type'), type, `${path} content type`);
      assertEqual(r.headers.get('cache-control'), 'public, max-age=31536000, immutable', `${path} caching`);
    }
    assertEqual((await fetch(app.url + '/_resuma/islands/nope-000000000000.wasm')).status, 404, 'unknown island file');
    assertClean(log);
    await context.close();
  });

  test('islands visible: no .wasm request before the Markdown island scrolls into view; then it boots and responds to input', async ({ browser }) => {
    const app = await islandsApp();
    const { page, context, log } = await openIslandPage(browser);
    await page.goto(app.url + '/');
    await page.waitForLoadState('load');
    await page.waitForTimeout(800);
    assertEqual(wasmRequests(log), [], '.wasm requests before scrolling');
    assert(!(await page.locator('resuma-island[data-r-load=visible][data-r-mounted]').count()), 'not mounted before scrolling');
    // The server rendered the first preview with the same renderer.
    assertEqual(await page.locator('[data-preview] h1').textContent(), 'A draft', 'server-rendered preview');

    await page.locator('textarea').scrollIntoViewIfNeeded();
    await mounted(page, 'resuma-island[data-r-load=visible]');
    assert(wasmRequests(log).some(p => p.includes('/markdown_preview-')), `markdown module fetched after scrolling: ${wasmRequests(log)}`);
    assert(!wasmRequests(log).some(p => p.includes('/counter_island-')), 'the counter (interaction) stays unloaded');

    await page.locator('textarea').fill('## Live *preview*\n\none two three <b>raw</b>');
    await until(async () => (await page.locator('[data-preview] h2').count()) === 1, 'preview re-rendered from input');
    assertEqual(await page.locator('[data-preview] h2').innerHTML(), 'Live <em>preview</em>', 'rendered heading');
    assert((await page.locator('[data-preview]').innerHTML()).includes('&lt;b&gt;raw&lt;/b&gt;'), 'raw HTML shown as text');
    assertEqual(await page.locator('[data-words]').textContent(), '7', 'word count from the signal (split on whitespace)');
    assertClean(log);
    await context.close();
  });

  /** Opens `/` with the Markdown island mounted; records every server-function request and its response. */
  async function openMarkdownIsland(browser) {
    const app = await islandsApp();
    const opened = await openIslandPage(browser);
    const calls = [];
    opened.page.on('request', async request => {
      if (!new URL(request.url()).pathname.startsWith('/_resuma/action/')) return;
      const call = { method: request.method(), path: new URL(request.url()).pathname, body: request.postData() };
      calls.push(call);
      call.headers = await request.allHeaders();
      call.status = (await request.response())?.status();
    });
    await opened.page.goto(app.url + '/');
    await opened.page.locator('textarea').scrollIntoViewIfNeeded();
    await mounted(opened.page, 'resuma-island[data-r-load=visible]');
    const token = await opened.page.getAttribute('meta[name=resuma-csrf]', 'content');
    assert(/^[0-9a-f]{64}$/.test(token), `the page's CSRF token: ${token}`);
    return { ...opened, calls, token };
  }

  /** Clicks "Save draft" and waits for the island's status line to leave "Saving…"; returns it. */
  async function save(page, calls) {
    await page.locator('[data-save]').click();
    await page.waitForFunction(() => /^(Saved|Not saved)/.test(document.querySelector('[data-status]').textContent), null, { timeout: 5000 });
    await until(() => calls.every(c => c.status !== undefined), 'the response is recorded');
    return page.locator('[data-status]').textContent();
  }

  /** The one request the typed stub `save_draft(markdown)` sends (protocol.md §8). */
  function assertSaveRequest(calls, markdown, token) {
    assertEqual(calls.length, 1, 'one server-function request');
    const [call] = calls;
    assertEqual([call.method, call.path], ['POST', '/_resuma/action/save_draft'], 'method and path');
    assertEqual(call.body, JSON.stringify({ markdown }), 'JSON body: the argument by name');
    assertEqual(call.headers['content-type'], 'application/json', 'content type');
    assertEqual(call.headers['x-resuma-csrf'], token, "x-resuma-csrf is the page's meta token");
    return call;
  }

  test('islands visible: "Save draft" calls save_draft(markdown).await through its typed Wasm stub and shows the result', async ({ browser }) => {
    const { page, context, log, calls, token } = await openMarkdownIsland(browser);
    const markdown = 'hello island world';
    await page.locator('textarea').fill(markdown);
    const status = await save(page, calls);
    // sha256("hello island world"), first 6 bytes, computed by the server.
    const digest = await page.evaluate(async text => {
      const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
      return [...bytes.slice(0, 6)].map(b => b.toString(16).padStart(2, '0')).join('');
    }, markdown);
    assertEqual(status, `Saved: 3 words, 18 bytes, sha256 ${digest}`, 'status');
    assertEqual(assertSaveRequest(calls, markdown, token).status, 200, 'response status');
    assertClean(log);
    await context.close();
  });

  test("islands visible: a draft save_draft refuses comes back as a ServerFnError and the island shows the server's message", async ({ browser }) => {
    const { page, context, log, calls, token } = await openMarkdownIsland(browser);
    const markdown = 'word '.repeat(4000); // 20 000 bytes; the function takes at most 16 KiB
    await page.locator('textarea').fill(markdown);
    const status = await save(page, calls);
    assertEqual(status, 'Not saved: a draft holds at most 16384 bytes, this one has 20000 (too_large)', 'status');
    assertEqual(assertSaveRequest(calls, markdown, token).status, 413, 'response status');
    // Chromium logs the refused request itself; nothing else may be logged.
    const refused = /^console: Failed to load resource: the server responded with a status of 413 .*\/_resuma\/action\/save_draft\)$/;
    assertEqual(log.errors.filter(e => !refused.test(e)), [], 'console errors besides the refused request');
    assertEqual(log.csp, [], 'CSP violations');
    await context.close();
  });

  test('islands interaction: nothing is fetched until the first click, and that click is not lost', async ({ browser }) => {
    const app = await islandsApp();
    const { page, context, log } = await openIslandPage(browser);
    await page.goto(app.url + '/');
    await page.waitForTimeout(500);
    assertEqual(log.islands, [], 'island requests before any interaction');
    // Hold the module back so both clicks certainly land before it is mounted.
    const { held, release } = await holdBack(page, /\/_resuma\/islands\/counter_island-.*\.js$/);
    const button = page.locator('resuma-island[data-r-load=interaction] button');
    await button.click();
    await button.click();
    await until(() => held.length === 1, 'the first click requested the module');
    assertEqual(await counterText(page), '0', 'nothing counted before mount');
    release();
    await mounted(page, 'resuma-island[data-r-load=interaction]');
    await until(async () => (await counterText(page)) === '2', 'both early clicks replayed after mount');
    await button.click();
    await until(async () => (await counterText(page)) === '3', 'a later click counts once');
    assertClean(log);
    await context.close();
  });

  test('islands load: the module is fetched as soon as the page has loaded, without interaction', async ({ browser }) => {
    const app = await islandsApp();
    const { page, context, log } = await openIslandPage(browser, { idlePrefetch: false });
    // No waiting for idle time (switched off here) or input: the boot script
    // at the end of the body imports the module at once.
    await page.goto(app.url + '/lab/load', { waitUntil: 'commit' });
    await mounted(page);
    assertEqual(wasmRequests(log).length, 1, 'one .wasm request');
    assertEqual(await counterText(page), '10', 'server-rendered start');
    await page.locator('resuma-island button').click();
    await until(async () => (await counterText(page)) === '11', 'click counts');
    assertClean(log);
    await context.close();
  });

  test('islands idle: the module is fetched only when the browser reports idle time', async ({ browser }) => {
    const app = await islandsApp();
    const { page, context, log } = await openIslandPage(browser);
    // Capture idle callbacks instead of running them, to decide when "idle" is.
    await page.addInitScript(() => {
      window.__idle = [];
      window.requestIdleCallback = (fn, options) => (window.__idle.push({ fn, options }), 1);
    });
    await page.goto(app.url + '/lab/idle');
    await page.waitForTimeout(700);
    assertEqual(log.islands, [], 'island requests before idle');
    const timeout = await page.evaluate(() => window.__idle[0]?.options?.timeout);
    assertEqual(timeout, 2000, 'idle callback has a timeout so a busy page still boots');
    await page.evaluate(() => window.__idle.forEach(({ fn }) => fn({ didTimeout: false, timeRemaining: () => 50 })));
    await mounted(page);
    assertEqual(wasmRequests(log).length, 1, 'one .wasm request after idle');
    await page.locator('resuma-island button').click();
    await until(async () => (await counterText(page)) === '21', 'click counts');
    assertClean(log);
    await context.close();
  });

  test('islands idle: with the real requestIdleCallback the island boots by itself', async ({ browser }) => {
    const app = await islandsApp();
    const { page, context, log } = await openIslandPage(browser);
    await page.goto(app.url + '/lab/idle');
    await mounted(page);
    assertEqual(wasmRequests(log).length, 1, 'one .wasm request');
    assertClean(log);
    await context.close();
  });

  test('islands media: not fetched while the media query is false; fetched when it becomes true', async ({ browser }) => {
    const app = await islandsApp();
    const { page, context, log } = await openIslandPage(browser);
    await page.setViewportSize({ width: 700, height: 800 });
    await page.goto(app.url + '/lab/media');
    await page.waitForTimeout(700);
    assertEqual(log.islands, [], 'island requests at 700 px (query: min-width 900px)');
    await page.setViewportSize({ width: 1000, height: 800 });
    await mounted(page);
    assertEqual(wasmRequests(log).length, 1, 'one .wasm request at 1000 px');
    await page.locator('resuma-island button').click();
    await until(async () => (await counterText(page)) === '31', 'click counts');
    assertClean(log);
    await context.close();
  });
}
