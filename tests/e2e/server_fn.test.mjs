// Server functions in the browser (issue 5), on the real counter example:
// the flaky demo shows a failing call's error in the page without a reload,
// its action (`use_action` + `dispatch`) shows the call in flight and lets
// the newest of overlapping calls win, and the guestbook's plain HTML form posts to a form-encoded server function
// with JavaScript disabled. Skipped with --fixture (they need the Rust server).

import { test, assert, assertEqual } from './lib/harness.mjs';
import { openPage, holdEach } from './lib/browser.mjs';

const text = (page, selector) => page.locator(selector).innerText();
const waitForText = (page, selector, expected) =>
  page.waitForFunction(
    ([selector, expected]) => document.querySelector(selector)?.textContent.includes(expected),
    [selector, expected],
    { timeout: 5000 },
  );

if (!process.argv.includes('--fixture')) {
  test('server fn: the 3rd call shows its error in the page, without a reload', async ({ browser, app }) => {
    const { page, context, log } = await openPage(browser);
    const navigations = [];
    page.on('framenavigated', frame => frame === page.mainFrame() && navigations.push(frame.url()));
    await page.goto(app.url + '/');
    // A reload would lose this.
    await page.evaluate(() => (window.__sameDocument = true));
    assertEqual(await text(page, '#flaky-value'), '0', 'value before any call');
    assertEqual(await text(page, '#flaky-error'), '', 'no error before any call');

    await page.click('#flaky');
    await waitForText(page, '#flaky-value', '1');
    await page.click('#flaky');
    await waitForText(page, '#flaky-value', '2');
    await page.click('#flaky');
    await waitForText(page, '#flaky-error', 'call 3 failed on purpose');
    assertEqual(await text(page, '#flaky-value'), '2', 'value kept after the failed call');
    assert(await page.evaluate(() => window.__sameDocument === true), 'the page was reloaded');
    assertEqual(navigations.length, 1, `navigations (${navigations})`);
    // The button is enabled again (pending went back to false) and the next
    // call succeeds and clears the error.
    await page.click('#flaky');
    await waitForText(page, '#flaky-value', '4');
    assertEqual(await text(page, '#flaky-error'), '', 'error cleared by the next success');

    // The failed call's 500 is reported by the browser as a failed load;
    // nothing else may fail, and the CSP holds.
    assertEqual(log.errors.filter(e => !e.includes('status of 500')), [], 'console errors');
    assertEqual(log.csp, [], 'CSP violations');
    await context.close();
  });

  test('server fn: an action shows the call in flight, then its value or error, and the newest call wins', async ({ browser, app }) => {
    const { page, context, log } = await openPage(browser);
    await page.goto(app.url + '/');
    const calls = await holdEach(page, /\/_resuma\/action\/flaky$/);
    const button = page.locator('#flaky');
    const disabled = () => button.evaluate(b => b.disabled);

    // In flight: `pending` disables the button, the value waits for the answer.
    await button.click();
    await calls.count(1);
    await page.waitForFunction(() => document.querySelector('#flaky').disabled, null, { timeout: 5000 });
    assertEqual(await text(page, '#flaky-value'), '0', 'value while the call is in flight');
    await calls.release(0);
    await waitForText(page, '#flaky-value', '1');
    assertEqual(await disabled(), false, 'enabled again once answered');

    // Call 2 succeeds, call 3 fails: the error shows and the old value stays.
    await button.click();
    await calls.count(2);
    await calls.release(1);
    await waitForText(page, '#flaky-value', '2');
    await button.click();
    await calls.count(3);
    await calls.release(2);
    await waitForText(page, '#flaky-error', 'call 3 failed on purpose');
    assertEqual(await text(page, '#flaky-value'), '2', 'an error keeps the value');

    // Overlapping calls: a page may take a second click while a call is in
    // flight (the demo disables its button, so the test enables it). The
    // server answers the newer request first (it becomes call 4) and the
    // older one last (call 5): the older answer must not overwrite the newer.
    await button.click();
    await calls.count(4);
    await button.evaluate(b => (b.disabled = false));
    await button.click();
    await calls.count(5);
    await calls.release(4);
    await waitForText(page, '#flaky-value', '4');
    assertEqual(await text(page, '#flaky-error'), '', 'the newer success clears the error');
    assertEqual(await disabled(), false, 'not pending once the newest call is answered');
    await (await calls.release(3)).finished();
    await page.evaluate(() => new Promise(done => setTimeout(done, 100)));
    assertEqual(await text(page, '#flaky-value'), '4', 'value after the older call (5) was answered');

    assertEqual(log.errors.filter(e => !e.includes('status of 500')), [], 'console errors');
    assertEqual(log.csp, [], 'CSP violations');
    await context.close();
  });

  test('server fn: a plain HTML form posts to a form-encoded function with JavaScript disabled', async ({ browser, app }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const scripts = [];
    page.on('request', r => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(app.url + '/');
    const name = `Ada ${Date.now() % 100000}`;
    await page.fill('input[name="name"]', name);
    const [response] = await Promise.all([page.waitForNavigation(), page.click('form[action="/_resuma/action/sign_guestbook"] button')]);
    assertEqual(new URL(page.url()).pathname, '/', 'back on the page after the post');
    assertEqual(response.status(), 200, 'status of the page after the redirect');
    const entries = await page.locator('#guestbook li').allInnerTexts();
    assert(entries.includes(name), `guestbook shows the new name: ${JSON.stringify(entries)}`);
    assertEqual(scripts, [], 'script requests with JavaScript disabled');
    await context.close();
  });

  test('server fn: a cross-site form posting to a server function is refused with a JSON error', async ({ browser, app }) => {
    // The attacker's page: another origin (served by the test itself, with
    // no CSP of ours), with a form that posts to the guestbook on 127.0.0.1.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url + '/'); // the victim has a session on the real site
    const evil = 'http://attacker.test';
    await page.route(evil + '/**', route =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>evil</title><link rel="icon" href="data:,"><p>hi</p>' }),
    );
    await page.goto(evil + '/');
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.evaluate(target => {
        const form = Object.assign(document.createElement('form'), { method: 'post', action: target });
        form.append(Object.assign(document.createElement('input'), { name: 'name', value: 'mallory' }));
        document.body.append(form);
        form.submit();
      }, app.url + '/_resuma/action/sign_guestbook'),
    ]);
    assertEqual(response.status(), 403, 'status of the forged post');
    assertEqual(response.headers()['content-type'], 'application/json', 'content type');
    const body = JSON.parse(await response.text());
    assertEqual(body.error.kind, 'origin', `error kind (${body.error.message})`);
    await page.goto(app.url + '/');
    const entries = await page.locator('#guestbook li').allInnerTexts();
    assert(!entries.includes('mallory'), `the forged entry must not be stored: ${JSON.stringify(entries)}`);
    await context.close();
  });
}
