// Loader and core behaviour the counter does not exercise: bubbling, stop,
// prevent, replay order across chunks, bound attributes, in-place updates,
// escaping, failing handlers. Runs on the fixture server's /lab page
// (fixture/server.mjs), whose handlers are in fixture/chunks.

import { test, assert, assertEqual } from './lib/harness.mjs';
import { openPage, holdBack } from './lib/browser.mjs';

const logText = page => page.locator('#log').innerText();
const waitForLog = (page, text) =>
  page.waitForFunction(text => document.querySelector('#log').innerText === 'log:' + text, text, { timeout: 5000 });

async function openLab({ browser, fixture }, options) {
  const opened = await openPage(browser, options);
  await opened.page.goto(fixture.url + '/lab');
  return opened;
}

test('lab: a click runs the target handler, then its ancestors (bubbling order)', async ctx => {
  const { page, context, log } = await openLab(ctx);
  await page.click('#inner');
  await waitForLog(page, 'inner;outer;');
  await page.click('#plain');
  await waitForLog(page, 'inner;outer;outer;');
  assertEqual(log.errors.concat(log.csp), [], 'errors');
  await context.close();
});

test('lab: data-r-stop stops at its element', async ctx => {
  const { page, context } = await openLab(ctx);
  await page.click('#stopper');
  await page.click('#inner');
  await waitForLog(page, 'stopped;inner;outer;');
  await context.close();
});

test('lab: data-r-prevent prevents the default synchronously, before code loads', async ctx => {
  const { page, context } = await openLab(ctx, { idlePrefetch: false });
  await page.click('#link');
  await waitForLog(page, 'link prevented=true;');
  assert(page.url().endsWith('/lab'), `navigated to ${page.url()}`);
  await context.close();
});

test('lab: events replay in arrival order even when a later chunk arrives first', async ctx => {
  const { page, context } = await openLab(ctx, { idlePrefetch: false });
  const { release } = await holdBack(page, /h00000000510e\.js$/);
  // Listen before clicking: hovering #fast already prefetches its chunk.
  const fastArrived = page.waitForResponse(/h00000000fa57\.js$/);
  await page.click('#slow');
  await page.click('#fast');
  await fastArrived;
  await page.waitForTimeout(100);
  assertEqual(await logText(page), 'log:', 'log while the slow chunk is held');
  release();
  await waitForLog(page, 'slow;fast;');
  await context.close();
});

test('lab: input updates bound text, a bound attribute and keeps the input value', async ctx => {
  const { page, context } = await openLab(ctx);
  await page.fill('#name', 'abc');
  await page.waitForFunction(() => document.querySelector('#echo').textContent === 'abc', null, { timeout: 5000 });
  assertEqual(await page.getAttribute('#echo', 'title'), 'abc', 'bound title');
  assertEqual(await page.getAttribute('#name', 'value'), 'abc', 'bound value attribute');
  assertEqual(await page.inputValue('#name'), 'abc', 'value property');
  await context.close();
});

test('lab: boolean attributes follow protocol §3 (true present, false absent, property too)', async ctx => {
  const { page, context } = await openLab(ctx);
  const state = () =>
    page.evaluate(() => ({
      checkedAttr: document.querySelector('#box').hasAttribute('checked'),
      checked: document.querySelector('#box').checked,
      disabled: document.querySelector('#target').getAttribute('disabled'),
    }));
  assertEqual(await state(), { checkedAttr: true, checked: true, disabled: '' }, 'initial');
  await page.click('#toggle');
  await page.waitForFunction(() => !document.querySelector('#box').checked, null, { timeout: 5000 });
  assertEqual(await state(), { checkedAttr: false, checked: false, disabled: null }, 'after one toggle');
  await page.click('#toggle');
  await page.waitForFunction(() => document.querySelector('#box').checked, null, { timeout: 5000 });
  assertEqual(await state(), { checkedAttr: true, checked: true, disabled: '' }, 'after two toggles');
  await context.close();
});

test('lab: update() notifies when it returns the same array mutated in place', async ctx => {
  const { page, context } = await openLab(ctx);
  await page.click('#push');
  await page.click('#push');
  await page.waitForFunction(() => document.querySelector('#list').textContent === '0,1,2', null, { timeout: 5000 });
  await context.close();
});

test('lab: state escapes round-trip and text updates never become markup', async ctx => {
  const { page, context } = await openLab(ctx);
  await page.click('#esc');
  await page.waitForFunction(() => document.querySelector('#escaped').textContent === 'a < b & <c>', null, { timeout: 5000 });
  assertEqual(await page.locator('#escaped *').count(), 0, 'elements created from text');
  await context.close();
});

test('lab: a throwing handler is reported and the events after it still run', async ctx => {
  const { page, context, log } = await openLab(ctx, { idlePrefetch: false });
  await page.click('#throws');
  await page.click('#inner');
  await waitForLog(page, 'inner;outer;');
  assert(log.errors.some(e => e.includes('handler failure on purpose')), `reported: ${log.errors}`);
  await context.close();
});

test('lab: hovering a handler prefetches its chunk before any click', async ctx => {
  const { page, context, log } = await openLab(ctx, { idlePrefetch: false });
  await page.hover('#slow');
  await page.waitForTimeout(200);
  assertEqual(log.scripts.map(s => s.url), ['/_resuma/h00000000510e.js'], 'requests after hover');
  await context.close();
});

test('lab: focusing a handler (keyboard) prefetches its chunk before any key press', async ctx => {
  const { page, context, log } = await openLab(ctx, { idlePrefetch: false });
  await page.focus('#fast');
  await page.waitForTimeout(200);
  assertEqual(log.scripts.map(s => s.url), ['/_resuma/h00000000fa57.js'], 'requests after focus');
  await context.close();
});

test('lab: idle prefetch takes core and chunks in the viewport, a chunk below the fold only once scrolled to', async ctx => {
  const { page, context, log } = await openLab(ctx);
  await page.waitForTimeout(500);
  const urls = () => log.scripts.map(s => s.url).sort();
  const visible = ['/_resuma/h0000000001ab.js', '/_resuma/h00000000510e.js', '/_resuma/h00000000fa57.js'];
  assert(urls().some(u => u.startsWith('/_resuma/core-')), `core prefetched: ${urls()}`);
  assertEqual(urls().filter(u => !u.startsWith('/_resuma/core-')), visible, 'chunks prefetched without scrolling');
  await page.evaluate(() => document.querySelector('#far').scrollIntoView());
  await page.waitForTimeout(300);
  assert(urls().includes('/_resuma/h00000000fa12.js'), `chunk of #far after scrolling: ${urls()}`);
  await context.close();
});

test('lab: runtime.call posts JSON and resolves to {Ok: result} or {Err: the JSON error}', async ctx => {
  const { page, context, log } = await openLab(ctx);
  await page.click('#add');
  await waitForLog(page, 'sum=5;');
  await page.click('#refused');
  await waitForLog(page, 'sum=5;invalid_input/422/refused on purpose;');
  // The 422 itself is logged by the browser as a failed resource load.
  assertEqual(log.errors.filter(e => !e.includes('422')), [], 'errors');
  await context.close();
});

test('fixture: the CSP violation recorder sees a blocked inline script (so "zero violations" means something)', async ctx => {
  const { page, context, log } = await openPage(ctx.browser);
  await page.goto(ctx.fixture.url + '/csp-probe');
  await page.waitForTimeout(200);
  assertEqual(await page.evaluate(() => window.ran), undefined, 'the inline script ran');
  assert(log.csp.some(v => v.startsWith('script-src')), `violations recorded: ${log.csp}`);
  await context.close();
});
