// Client reactivity (issue 12): derived views, computed!, effect! and
// debounce!, on the `reactivity` example (examples/reactivity). Each test
// runs under the page's strict CSP and fails on any console error.
// `ctx.reactivity` is { url } of that server (skipped with --fixture).

import { test, assert, assertEqual } from './lib/harness.mjs';
import { openPage, strictPolicy } from './lib/browser.mjs';

function assertClean(log) {
  assertEqual(log.errors, [], 'console errors');
  assertEqual(log.csp, [], 'CSP violations');
}

const text = (page, selector) => page.locator(selector).innerText();

// Waits until `selector`'s text is `expected`; fails naming what it was.
async function waitForText(page, selector, expected) {
  try {
    await page.waitForFunction(([s, e]) => document.querySelector(s)?.textContent == e, [selector, expected], { timeout: 5000 });
  } catch {
    throw new Error(`${selector}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(await text(page, selector))}`);
  }
}

// Opens `path` of the reactivity app, checking its CSP.
async function open(browser, ctx, path, options) {
  const opened = await openPage(browser, options);
  strictPolicy(await opened.page.goto(ctx.reactivity.url + path));
  return opened;
}

// Counts the calls of server function `name` the page makes.
function countCalls(page, name) {
  const calls = [];
  page.on('request', request => {
    if (new URL(request.url()).pathname == `/_resuma/action/${name}`) calls.push(request.postData());
  });
  return calls;
}

test('reactivity: typing updates a derived length, a computed, a computed of a computed and derived attributes', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await open(browser, ctx, '/length');
  // The server rendered the real values.
  assertEqual(await text(page, '#closure'), '0 chars', 'closure text before typing');
  assertEqual(await text(page, '#computed'), '0 chars', 'computed text before typing');
  assertEqual(await page.locator('#size').getAttribute('class'), 'short', 'derived class before typing');
  assert(await page.locator('#size').evaluate(el => el.hidden), 'derived boolean attribute: hidden before typing');
  await page.locator('#q').pressSequentially('hello!');
  await waitForText(page, '#closure', '6 chars');
  await waitForText(page, '#computed', '6 chars');
  await waitForText(page, '#double', 'Twice: 12');
  assertEqual(await page.locator('#size').getAttribute('class'), 'long', 'derived class after typing');
  assert(!(await page.locator('#size').evaluate(el => el.hidden)), 'hidden removed once there is text');
  await page.locator('#q').fill('');
  await waitForText(page, '#double', 'Twice: 0');
  assertEqual(await page.locator('#size').getAttribute('class'), 'short', 'derived class after clearing');
  assertEqual(await text(page, '#static'), 'NEVER CHANGES', 'a static expression stays as rendered');
  assertClean(log);
  await context.close();
});

test('reactivity: a derived view updates only its own node', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await open(browser, ctx, '/length');
  // Keep references to the nodes: an update must write into them, not replace them.
  await page.evaluate(() => {
    window.__nodes = ['#closure', '#computed', '#static', '#q'].map(s => document.querySelector(s).firstChild ?? document.querySelector(s));
  });
  await page.locator('#q').pressSequentially('ab');
  await waitForText(page, '#closure', '2 chars');
  await waitForText(page, '#computed', '2 chars');
  const kept = await page.evaluate(() => ['#closure', '#computed', '#static', '#q'].map((s, i) => window.__nodes[i].isConnected));
  assertEqual(kept, [true, true, true, true], 'the same nodes are still in the page');
  assertClean(log);
  await context.close();
});

test('reactivity: integer division in a derived value keeps Rust semantics (7 / 2 shows 3); a division by zero panics, is reported, and the other values still update', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await open(browser, ctx, '/division');
  assertEqual(await text(page, '#half'), '3', 'server-rendered 7 / 2');
  assertEqual(await text(page, '#inverse'), '-25', 'server-rendered 100 / (7 - 11)');
  await page.locator('#add').click();
  await waitForText(page, '#n', '9');
  await waitForText(page, '#half', '4');
  await waitForText(page, '#inverse', '-50');
  // 100 / 0 panics: reported, and the value after it is still written
  // (the views a change touches are evaluated in one loop).
  await page.locator('#add').click();
  await waitForText(page, '#half', '5');
  assertEqual(await text(page, '#inverse'), '-50', 'the value that panicked keeps its text');
  assertEqual(log.errors.length, 1, `one error: ${log.errors}`);
  assert(log.errors[0].includes('attempt to divide by zero'), `the panic is reported: ${log.errors}`);
  log.errors.length = 0;
  await page.locator('#add').click();
  await waitForText(page, '#inverse', '50');
  await waitForText(page, '#half', '6');
  assertClean(log);
  await context.close();
});

test('reactivity: an effect calls a server function after each change, never at load', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await openPage(browser);
  const calls = countCalls(page, 'search');
  strictPolicy(await page.goto(ctx.reactivity.url + '/effects'));
  await page.waitForTimeout(300);
  assertEqual(calls.length, 0, 'effect calls at page load');
  await page.locator('#q').fill('rust');
  await waitForText(page, '#answer', 'results for "rust"');
  assertEqual(calls.length, 1, 'one change, one call');
  assertClean(log);
  await context.close();
});

test('reactivity: a debounce fires once after typing stops', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await openPage(browser);
  const calls = countCalls(page, 'settle');
  strictPolicy(await page.goto(ctx.reactivity.url + '/effects'));
  // Eight keys 50 ms apart: well inside the 300 ms wait each time.
  await page.locator('#draft').pressSequentially('debounce', { delay: 50 });
  await waitForText(page, '#settled-len', '8');
  await page.waitForTimeout(600);
  assertEqual(await text(page, '#settled'), '1', 'the debounced effect ran once');
  assertEqual(calls.length, 1, `calls of settle (${calls})`);
  assertClean(log);
  await context.close();
});

test('reactivity: a page with derived views downloads nothing but the loader\'s prefetch until the first interaction', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await open(browser, ctx, '/length', { idlePrefetch: false });
  await page.waitForTimeout(500);
  assertEqual(log.scripts, [], 'script requests before any interaction');
  await page.locator('#q').pressSequentially('a');
  await waitForText(page, '#closure', '1 chars');
  const urls = log.scripts.map(s => s.url);
  assert(urls.some(u => /\/blocks-[0-9a-f]{12}\.js$/.test(u)), `the derived values' module loads on the first change (${urls})`);
  assertClean(log);
  await context.close();
});

test('reactivity: a struct signal updated in place shows in a derived text ("Ada is 37")', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await open(browser, ctx, '/profile');
  assertEqual(await text(page, '#user'), 'Ada is 36', 'server-rendered sentence');
  await page.locator('#birthday').click();
  await waitForText(page, '#user', 'Ada is 37');
  await page.locator('#birthday').click();
  await waitForText(page, '#user', 'Ada is 38');
  assertClean(log);
  await context.close();
});

test('reactivity: a Signal<u32> id written into a struct shows in a new list row', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await open(browser, ctx, '/items');
  await page.locator('#name').fill('third');
  await page.locator('#add').click();
  await waitForText(page, '#next', '4');
  await page.locator('#name').fill('fourth');
  await page.locator('#add').click();
  await waitForText(page, '#next', '5');
  const rows = await page.locator('#items li').evaluateAll(lis => lis.map(li => [li.dataset.id, li.textContent]));
  assertEqual(rows, [['1', '#1 first'], ['2', '#2 second'], ['3', '#3 third'], ['4', '#4 fourth']], 'rows');
  assertClean(log);
  await context.close();
});

// Texts of the elements matching `selector`, in order.
const texts = (page, selector) => page.locator(selector).allInnerTexts();

// Waits until the elements matching `selector` show `expected`.
async function waitForTexts(page, selector, expected) {
  try {
    await page.waitForFunction(
      ([s, e]) => JSON.stringify([...document.querySelectorAll(s)].map(el => el.textContent)) == e,
      [selector, JSON.stringify(expected)],
      { timeout: 5000 },
    );
  } catch {
    throw new Error(`${selector}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(await texts(page, selector))}`);
  }
}

test('reactivity: a component inside a <For> row renders in a row the browser adds, and its handler works', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await open(browser, ctx, '/tasks');
  assertEqual(await texts(page, '#tasks > li .label'), ['first', 'second'], 'server-rendered chips');
  await page.locator('#add').click();
  await waitForTexts(page, '#tasks > li .label', ['first', 'second', 'task 3']);
  // The chip the browser rendered is the chip the server renders.
  const third = page.locator('#tasks > li').nth(2);
  const serverChip = await page.locator('#tasks > li').nth(0).locator('.chip').evaluate(el => el.outerHTML);
  const clientChip = await third.locator('.chip').evaluate(el => el.outerHTML);
  assertEqual(clientChip.replace('task 3', 'first'), serverChip, 'client-rendered chip markup');
  // Its handler, in the new row, changes the page's signal; everything
  // that shows it follows, in every row: the chip's derived text, the
  // row's derived text and its bound attribute.
  await third.locator('.bump').click();
  await waitForText(page, '#clicks', '1');
  await page.locator('#tasks > li').nth(0).locator('.bump').click();
  await waitForText(page, '#clicks', '2');
  await waitForTexts(page, '#tasks > li .seen', ['20', '20', '20']);
  await waitForTexts(page, '#tasks > li .twice', ['4', '4', '4']);
  const bound = await page.locator('#tasks > li').evaluateAll(rows => rows.map(r => r.getAttribute('data-clicks')));
  assertEqual(bound, ['2', '2', '2'], 'bound attribute of each row');
  assertClean(log);
  await context.close();
});

test('reactivity: a <Show> inside a row toggles, on the row item and on a page signal', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await open(browser, ctx, '/tasks');
  assertEqual(await texts(page, '#tasks > li .state'), ['open', 'done'], 'server-rendered branches');
  assertEqual(await page.locator('#tasks .detail').count(), 0, 'details hidden at first');
  await page.locator('#tasks > li').nth(0).locator('.toggle').click();
  await waitForTexts(page, '#tasks > li .state', ['done', 'done']);
  await page.locator('#tasks > li').nth(1).locator('.toggle').click();
  await waitForTexts(page, '#tasks > li .state', ['done', 'open']);
  // A row the browser adds, toggled there too.
  await page.locator('#add').click();
  await waitForTexts(page, '#tasks > li .state', ['done', 'open', 'open']);
  await page.locator('#tasks > li').nth(2).locator('.toggle').click();
  await waitForTexts(page, '#tasks > li .state', ['done', 'open', 'done']);
  await page.locator('#tasks > li').nth(0).locator('.toggle').click();
  await waitForTexts(page, '#tasks > li .state', ['open', 'open', 'done']);
  // A branch on a page signal that shows the row's item, in every row.
  await page.locator('#details').click();
  await waitForTexts(page, '#tasks .detail', ['task #1', 'task #2', 'task #3']);
  await page.locator('#details').click();
  await waitForTexts(page, '#tasks .detail', []);
  assertClean(log);
  await context.close();
});

test('reactivity: a <For> and a component inside a <Show> branch, and a <For> inside a <For> row, render and update', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await open(browser, ctx, '/notes');
  assertEqual(await text(page, '#closed'), 'Closed', 'the fallback, server-rendered');
  await page.locator('#open').click();
  await waitForTexts(page, '#notes > li', ['one', 'two']);
  // The component in the branch, rendered by the browser, with its handler.
  await waitForText(page, '#notes-chip .label', 'in a branch');
  await page.locator('#notes-chip .bump').click();
  await waitForText(page, '#taps', '1');
  await waitForText(page, '#notes-chip .seen', '10');
  await page.locator('#add-note').click();
  await waitForTexts(page, '#notes > li', ['one', 'two', 'note 3']);
  await page.locator('#open').click();
  await waitForText(page, '#closed', 'Closed');
  await page.locator('#add-note').click();
  await page.locator('#open').click();
  await waitForTexts(page, '#notes > li', ['one', 'two', 'note 3', 'note 4']);

  // Each task row lists the page's marks.
  strictPolicy(await page.goto(ctx.reactivity.url + '/tasks'));
  await waitForTexts(page, '#tasks > li .marks > li', ['mark 1', 'mark 1']);
  await page.locator('#add').click();
  await waitForTexts(page, '#tasks > li .marks > li', ['mark 1', 'mark 1', 'mark 1']);
  await page.locator('#mark').click();
  await waitForTexts(page, '#tasks > li .marks > li', ['mark 1', 'mark 2', 'mark 1', 'mark 2', 'mark 1', 'mark 2']);
  assertClean(log);
  await context.close();
});

// Waits until the class of each element matching `selector` is `expected`.
async function waitForClasses(page, selector, expected) {
  try {
    await page.waitForFunction(
      ([s, e]) => JSON.stringify([...document.querySelectorAll(s)].map(el => el.className)) == e,
      [selector, JSON.stringify(expected)],
      { timeout: 5000 },
    );
  } catch {
    const got = await page.locator(selector).evaluateAll(els => els.map(el => el.className));
    throw new Error(`${selector} classes: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
  }
}

test('reactivity: a row value that reads its item and a page signal follows the signal in every row (the selected row)', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await open(browser, ctx, '/selection');
  // The server renders each row's real value: row 1 is selected.
  assertEqual(await texts(page, '#rows .marker'), ['*', '-', '-'], 'server-rendered markers');
  assertEqual(await page.locator('#rows > li').evaluateAll(rows => rows.map(r => r.className)), ['selected', '', ''], 'server-rendered classes');
  // Selecting re-evaluates each row's value with its own item, in place:
  // no row is rendered again.
  await page.evaluate(() => {
    window.rowsAtLoad = [...document.querySelectorAll('#rows > li')];
    window.markersAtLoad = [...document.querySelectorAll('#rows .marker')].map(m => m.lastChild);
    window.rowsInsertedOrRemoved = 0;
    new MutationObserver(records => (window.rowsInsertedOrRemoved += records.length)).observe(document.querySelector('#rows'), { childList: true });
    // Values written into the rows: only those that changed are.
    window.rowWrites = [];
    new MutationObserver(records => window.rowWrites.push(...records.map(r => r.type + ' ' + (r.target.closest?.('li') || r.target.parentNode.closest('li')).dataset.id)))
      .observe(document.querySelector('#rows'), { subtree: true, attributes: true, attributeFilter: ['class'], characterData: true });
  });
  await page.locator('#rows > li').nth(1).locator('.select').click();
  await waitForText(page, '#selected', '2');
  await waitForTexts(page, '#rows .marker', ['-', '*', '-']);
  await waitForClasses(page, '#rows > li', ['', 'selected', '']);
  // Row 3 showed no marker and no class before and after: it is not written.
  await page.evaluate(() => new Promise(resolve => setTimeout(resolve, 50)));
  assertEqual(
    (await page.evaluate(() => window.rowWrites)).sort(),
    ['attributes 1', 'attributes 2', 'characterData 1', 'characterData 2'],
    'writes into the rows when row 2 is selected',
  );
  await page.locator('#rows > li').nth(2).locator('.select').click();
  await waitForTexts(page, '#rows .marker', ['-', '-', '*']);
  await waitForClasses(page, '#rows > li', ['', '', 'selected']);
  const kept = await page.evaluate(() => ({
    rows: [...document.querySelectorAll('#rows > li')].every((row, i) => row == window.rowsAtLoad[i]),
    markers: [...document.querySelectorAll('#rows .marker')].every((m, i) => m.lastChild == window.markersAtLoad[i]),
    changes: window.rowsInsertedOrRemoved,
  }));
  assertEqual(kept, { rows: true, markers: true, changes: 0 }, 'rows and their marker text nodes kept');
  // A row the browser adds renders its value with its item, and follows
  // the signal like the others.
  await page.locator('#add-row').click();
  await waitForTexts(page, '#rows .label', ['row 1', 'row 2', 'row 3', 'row 4']);
  assertEqual(await texts(page, '#rows .marker'), ['-', '-', '*', '-'], 'markers with the added row');
  await waitForClasses(page, '#rows > li', ['', '', 'selected', '']);
  await page.locator('#rows > li').nth(3).locator('.select').click();
  await waitForTexts(page, '#rows .marker', ['-', '-', '-', '*']);
  await waitForClasses(page, '#rows > li', ['', '', '', 'selected']);
  await page.locator('#rows > li').nth(0).locator('.select').click();
  await waitForTexts(page, '#rows .marker', ['*', '-', '-', '-']);
  await waitForClasses(page, '#rows > li', ['selected', '', '', '']);
  // One handler removes row 1 and selects id 2: every remaining row's value
  // is evaluated with its own item (the rows after the removed one moved
  // up), and the removed row's values are not evaluated at all.
  await page.locator('#remove-selected').click();
  await waitForTexts(page, '#rows .label', ['row 2', 'row 3', 'row 4']);
  await waitForTexts(page, '#rows .marker', ['*', '-', '-']);
  await waitForClasses(page, '#rows > li', ['selected', '', '']);
  await page.locator('#rows > li').nth(1).locator('.select').click();
  await page.locator('#remove-selected').click();
  await waitForTexts(page, '#rows .label', ['row 2', 'row 4']);
  await waitForTexts(page, '#rows .marker', ['-', '*']);
  await waitForClasses(page, '#rows > li', ['', 'selected']);
  // The selected row's item changes (done): its row is rendered again, and
  // its class and marker follow the new item, although the markup the row
  // was last rendered with (before it was selected) is the same.
  await page.locator('#rows > li').nth(1).locator('.done').click();
  await waitForClasses(page, '#rows > li', ['', '']);
  await waitForTexts(page, '#rows .marker', ['-', '-']);
  await page.locator('#rows > li').nth(1).locator('.done').click();
  await waitForClasses(page, '#rows > li', ['', 'selected']);
  await waitForTexts(page, '#rows .marker', ['-', '*']);
  await page.locator('#rows > li').nth(0).locator('.select').click();
  await waitForClasses(page, '#rows > li', ['selected', '']);
  await waitForTexts(page, '#rows .marker', ['*', '-']);
  assertClean(log);
  await context.close();
});

test('reactivity: values read back from the markup: an escaped label edited twice, a number incremented as a number, a class attribute', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const response = await (await fetch(ctx.reactivity.url + '/readback')).text();
  // The markup holds these values; the state script does not repeat them
  // (protocol.md §5).
  assert(response.includes('<script type="resuma/state">{"s":{}}</script>'), `state script: ${response}`);
  assert(/<p id="count"><!--r:[^>]*n-->9<\/p>/.test(response), 'the count is marked as a number');
  // Signals no handler captures are plain markup (protocol.md §2), also a
  // float, which would otherwise need a state entry; an empty bound text
  // at the end of its element has no closing marker.
  assert(response.includes('<p id="shown-only" title="3">Visits: 3, ratio 0.25</p>'), `shown-only signals: ${response}`);
  assert(/<p id="note"><!--r:[^>]*--><\/p>/.test(response), `the empty note: ${response}`);
  const { page, context, log } = await open(browser, ctx, '/readback');
  assertEqual(await text(page, '#label'), 'Tom & "Jerry" <3', 'the escaped label as shown');
  await page.locator('#louder').click();
  await waitForText(page, '#label', 'Tom & "Jerry" <3!');
  await waitForText(page, '#copy', 'Again: Tom & "Jerry" <3!');
  await page.locator('#louder').click();
  await waitForText(page, '#label', 'Tom & "Jerry" <3!!');
  // 9 + 1 is 10, not "91".
  await page.locator('#more').click();
  await waitForText(page, '#count', '10');
  await page.locator('#more').click();
  await waitForText(page, '#count', '11');
  await page.locator('#mark').click();
  await page.waitForFunction(() => document.querySelector('#label').className == 'plain marked', null, { timeout: 5000 });
  await page.locator('#note-it').click();
  await waitForText(page, '#note', 'noted');
  assertEqual(await text(page, '#shown-only'), 'Visits: 3, ratio 0.25', 'the shown-only signals as rendered');
  assertClean(log);
  await context.close();
});

test('reactivity: a signal in a textarea is bound to its value: no marker shown, typing and a handler both change it', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const response = await (await fetch(ctx.reactivity.url + '/draft')).text();
  // The browser reads a textarea's content as text: a marker there would
  // be shown (protocol.md §3, "Text elements").
  assert(/<textarea id="draft" rows="4" data-r-on:input="[^"]+" data-r-b="value=\d+">Dear &lt;friend&gt;,\n<\/textarea>/.test(response), `the textarea: ${response}`);
  const { page, context, log } = await open(browser, ctx, '/draft');
  const value = () => page.locator('#draft').inputValue();
  assertEqual(await value(), 'Dear <friend>,\n', 'the server-rendered value');
  await page.locator('#sign').click();
  await page.waitForFunction(() => document.querySelector('#draft').value == 'Dear <friend>,\nAda', null, { timeout: 5000 });
  await waitForText(page, '#echo', 'Dear <friend>,\nAda');
  // Typed text reaches the signal, and a handler's change replaces it.
  await page.locator('#draft').fill('typed');
  await waitForText(page, '#echo', 'typed');
  await page.locator('#sign').click();
  await page.waitForFunction(() => document.querySelector('#draft').value == 'typedAda', null, { timeout: 5000 });
  await page.locator('#clear').click();
  await page.waitForFunction(() => document.querySelector('#draft').value == '', null, { timeout: 5000 });
  await waitForText(page, '#echo', '');
  assertClean(log);
  await context.close();
});

test('reactivity: a <For> item called n renders new rows in the browser, and the page\'s other handlers keep working', async ({ browser, ...ctx }) => {
  if (!ctx.reactivity) return;
  const { page, context, log } = await open(browser, ctx, '/short-names');
  // The row template's own parameters used to include `n`: with `let:n` the
  // chunk was a syntax error and no handler of the page ran.
  await page.locator('#add').click();
  await page.waitForFunction(() => document.querySelectorAll('#items li').length == 1, null, { timeout: 5000 });
  await page.locator('#add').click();
  await page.waitForFunction(() => document.querySelectorAll('#items li').length == 2, null, { timeout: 5000 });
  await page.locator('#bump').click();
  await waitForText(page, '#count', '1');
  await waitForText(page, '#label', 'x!');
  assertEqual(await texts(page, '#items li'), ['1·', '2·'], 'the rows');
  assertClean(log);
  await context.close();
});
