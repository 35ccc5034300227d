// The todo example (issue 7) in Chromium: the flows with JavaScript, the
// same flows without it, failing saves, keyed row moves, console/CSP
// cleanliness and axe-core. `ctx.todo` is { url, fresh(), restart() } from
// lib/todo-app.mjs (absent with --fixture: these tests then skip). The tests
// that touch the database run twice, named `[sqlite]` and `[postgres]`: on
// `ctx.todo` and on `ctx.todoPostgres`, the same app on PostgreSQL (the
// keyed-list lab reads no data and runs once).

import { test, assert, assertEqual } from './lib/harness.mjs';
import { openPage, strictPolicy } from './lib/browser.mjs';
import { auditAccessibility } from './lib/axe.mjs';
import { FAIL_MARK } from './lib/todo-app.mjs';

const titles = page => page.$$eval('.todo-list li', rows => rows.map(li => li.querySelector('.title').value));
const visibleTitles = page =>
  page.$$eval('.todo-list li', rows => rows.filter(li => li.offsetParent !== null).map(li => li.querySelector('.title').value));
const doneTitles = page => page.$$eval('.todo-list li.done', rows => rows.map(li => li.querySelector('.title').value));
const leftCount = page => page.$eval('.count strong', el => el.textContent);
const row = (page, title) => page.locator('.todo-list li', { has: page.locator(`input.title[value="${title}"]`) });
const waitFor = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 5000 });
const waitForRows = (page, n) => waitFor(page, n => document.querySelectorAll('.todo-list li').length == n, n);

function assertClean(log, { allowFailedAction = false } = {}) {
  // A deliberately refused save makes Chromium log the HTTP status of that
  // one request; anything else is a real error.
  const errors = allowFailedAction
    ? log.errors.filter(e => !/Failed to load resource: the server responded with a status of (4|5)\d\d .*\/_resuma\/action\//.test(e))
    : log.errors;
  assertEqual(errors, [], 'console errors');
  assertEqual(log.csp, [], 'CSP violations');
}

async function addWithJs(page, title, rows) {
  await page.fill('#new-title', title);
  await page.press('#new-title', 'Enter');
  await waitForRows(page, rows);
}

// Registers `fn` once per database: SQLite, then PostgreSQL.
function todoTest(name, fn) {
  test(`${name} [sqlite]`, ctx => fn(ctx));
  test(`${name} [postgres]`, ctx => fn({ ...ctx, todo: ctx.todoPostgres }));
}

// Each test starts on an empty database; null when there is no todo server.
async function freshTodo(ctx) {
  if (!ctx.todo) return null;
  await ctx.todo.fresh();
  return ctx.todo;
}

todoTest('todo: add, toggle, edit, filter, delete, clear completed, count, and reload persistence (JavaScript on)', async ctx => {
  const todo = await freshTodo(ctx);
  if (!todo) return;
  const { page, context, log } = await openPage(ctx.browser);
  const response = await page.goto(todo.url + '/');
  strictPolicy(response);
  // The list starts empty: <Show> says so and <For> has no rows.
  assert(await page.isVisible('text=Nothing to do yet.'), 'empty message');
  assertEqual(await leftCount(page), '0', 'count on an empty list');
  // Nothing below may reload the page: this mark would be lost.
  await page.evaluate(() => (window.__noReload = true));

  await addWithJs(page, 'Buy milk', 1);
  assertEqual(await page.inputValue('#new-title'), '', 'the input is cleared after a save');
  await waitFor(page, () => !document.body.innerText.includes('Nothing to do yet.'));
  await addWithJs(page, 'Write tests', 2);
  await addWithJs(page, 'Walk the dog', 3);
  assertEqual(await titles(page), ['Buy milk', 'Write tests', 'Walk the dog'], 'titles in order');
  assertEqual(await leftCount(page), '3', 'count after three adds');

  // Toggle: the row is patched in place (same node), the count follows.
  const before = await row(page, 'Write tests').elementHandle();
  await row(page, 'Write tests').locator('button.toggle').click();
  await waitFor(page, () => document.querySelectorAll('.todo-list li.done').length == 1);
  assertEqual(await doneTitles(page), ['Write tests'], 'done rows');
  assertEqual(await leftCount(page), '2', 'count after a toggle');
  assert(await before.evaluate(el => el.isConnected && el.classList.contains('done')), 'the toggled row kept its DOM node');
  assertEqual(await row(page, 'Write tests').locator('button.toggle').getAttribute('aria-pressed'), 'true', 'aria-pressed');

  // Edit a title: on:change awaits rename_todo.
  const renamed = page.waitForResponse(r => r.url().endsWith('/_resuma/action/rename_todo') && r.status() == 200);
  await row(page, 'Walk the dog').locator('input.title').fill('Walk the cat');
  await page.press('.todo-list li:nth-child(3) input.title', 'Enter');
  await renamed;

  // Filters hide rows without a round trip; the URL and aria-current follow.
  const current = () => page.$$eval('nav a[aria-current="page"]', links => links.map(a => a.textContent));
  assertEqual(await current(), ['All'], 'current filter link');
  await page.click('nav >> text=Active');
  await waitFor(page, () => location.pathname == '/active');
  assertEqual(await visibleTitles(page), ['Buy milk', 'Walk the cat'], 'active filter');
  assertEqual(await current(), ['Active'], 'current filter link after a click');
  await page.click('nav >> text=Done');
  assertEqual(await visibleTitles(page), ['Write tests'], 'done filter');
  assertEqual(page.url(), todo.url + '/done', 'URL of the done filter');
  await page.reload();
  assertEqual(await visibleTitles(page), ['Write tests'], 'done filter after a reload');
  assertEqual(await current(), ['Done'], 'current filter link after a reload');
  await page.evaluate(() => (window.__noReload = true));
  await page.click('nav >> text=All');
  assertEqual((await visibleTitles(page)).length, 3, 'all filter');
  assertEqual(page.url(), todo.url + '/', 'URL of the all filter');

  // Delete.
  await row(page, 'Buy milk').locator('button.delete').click();
  await waitForRows(page, 2);
  assertEqual(await titles(page), ['Write tests', 'Walk the cat'], 'after delete');
  assertEqual(await leftCount(page), '1', 'count after delete');
  assert(await page.evaluate(() => window.__noReload === true), 'no full page load happened');
  assertClean(log);

  // Reload: the server has the same list.
  await page.reload();
  assertEqual(await titles(page), ['Write tests', 'Walk the cat'], 'titles after reload');
  assertEqual(await doneTitles(page), ['Write tests'], 'done after reload');
  assertEqual(await leftCount(page), '1', 'count after reload');

  // Clear completed, then a server restart keeps the result too.
  await page.click('text=Clear completed');
  await waitForRows(page, 1);
  await todo.restart();
  await page.goto(todo.url + '/');
  assertEqual(await titles(page), ['Walk the cat'], 'after clear completed and a server restart');
  assertClean(log);
  await context.close();
});

todoTest('todo: add, toggle, delete and filter with JavaScript disabled', async ctx => {
  const todo = await freshTodo(ctx);
  if (!todo) return;
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(todo.url + '/');
  for (const title of ['Plain one', 'Plain two', 'Plain three']) {
    await page.fill('#new-title', title);
    // A real form post: 303 back to the page, which the browser loads.
    await Promise.all([page.waitForNavigation(), page.click('.new-todo button')]);
  }
  assertEqual(page.url(), todo.url + '/', 'redirected back to the list');
  assertEqual(await titles(page), ['Plain one', 'Plain two', 'Plain three'], 'titles after three posts');
  assertEqual(await leftCount(page), '3', 'count');

  await Promise.all([page.waitForNavigation(), row(page, 'Plain two').locator('button.toggle').click()]);
  assertEqual(await doneTitles(page), ['Plain two'], 'done after toggle');
  assertEqual(await leftCount(page), '2', 'count after toggle');

  await Promise.all([page.waitForNavigation(), row(page, 'Plain one').locator('button.delete').click()]);
  assertEqual(await titles(page), ['Plain two', 'Plain three'], 'after delete');

  // The filter links are real pages.
  await Promise.all([page.waitForNavigation(), page.click('nav >> text=Done')]);
  assertEqual(page.url(), todo.url + '/done', 'filter URL');
  assertEqual(await visibleTitles(page), ['Plain two'], 'done page');
  // A post from /done comes back to /done.
  await Promise.all([page.waitForNavigation(), page.click('text=Clear completed')]);
  assertEqual(page.url(), todo.url + '/done', 'back to the page the form was on');
  assertEqual(await titles(page), ['Plain three'], 'after clear completed');
  await context.close();
});

todoTest('todo: a refused save keeps the typed text and shows the error (JavaScript on)', async ctx => {
  const todo = await freshTodo(ctx);
  if (!todo) return;
  const { page, context, log } = await openPage(ctx.browser);
  await page.goto(todo.url + '/');
  await page.evaluate(() => (window.__noReload = true));

  // A validation error belongs to the field.
  const long = 'x'.repeat(201);
  await page.fill('#new-title', long);
  await page.press('#new-title', 'Enter');
  await waitFor(page, () => document.getElementById('title-error').textContent != '');
  assertEqual(await page.textContent('#title-error'), 'A todo is at most 200 characters long.', 'field error');
  assertEqual(await page.inputValue('#new-title'), long, 'typed text kept');
  assertEqual(await page.getAttribute('#new-title', 'aria-invalid'), 'true', 'aria-invalid');

  // A failing function (the database "refuses" the write) shows in the form's alert.
  const failing = `Buy ${FAIL_MARK} bread`;
  await page.fill('#new-title', failing);
  await page.press('#new-title', 'Enter');
  await waitFor(page, () => document.querySelector('.new-todo [data-r-form-error]').textContent != '');
  assert((await page.textContent('.new-todo [data-r-form-error]')).includes('could not be saved'), 'general error shown');
  assertEqual(await page.textContent('#title-error'), '', 'the field error is cleared');
  assertEqual(await page.inputValue('#new-title'), failing, 'typed text kept');
  assertEqual(await titles(page), [], 'nothing was added');

  // Fixing the text clears the errors and saves.
  await addWithJs(page, 'Buy bread', 1);
  assertEqual(await page.textContent('.new-todo [data-r-form-error]'), '', 'error cleared after success');
  assertEqual(await page.getAttribute('#new-title', 'aria-invalid'), null, 'aria-invalid removed');

  // A refused rename (a translated handler awaiting the function) keeps the
  // edited text and shows the message; the list keeps the saved title.
  const tooLong = 'b'.repeat(201);
  await page.fill('.todo-list input.title', tooLong);
  await page.press('.todo-list input.title', 'Enter');
  await waitFor(page, () => document.querySelector('.edit-error').textContent != '');
  assertEqual(await page.textContent('.edit-error'), 'A todo is at most 200 characters long.', 'rename error');
  assertEqual(await page.inputValue('.todo-list input.title'), tooLong, 'edited text kept');
  assert(await page.evaluate(() => window.__noReload === true), 'no full page load happened');
  assertClean(log, { allowFailedAction: true });
  assertEqual(log.errors.length, 3, 'exactly the three refused requests were logged by the browser');
  await context.close();
});

todoTest('todo: a refused save without JavaScript renders the page again with the text and the error', async ctx => {
  const todo = await freshTodo(ctx);
  if (!todo) return;
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(todo.url + '/');
  const long = 'y'.repeat(201);
  await page.fill('#new-title', long);
  const [response] = await Promise.all([page.waitForNavigation(), page.click('.new-todo button')]);
  assertEqual(response.status(), 422, 'status of the re-rendered page');
  assertEqual(await page.textContent('#title-error'), 'A todo is at most 200 characters long.', 'field error');
  assertEqual(await page.inputValue('#new-title'), long, 'typed text kept');
  assertEqual(await page.getAttribute('#new-title', 'aria-invalid'), 'true', 'aria-invalid');

  const failing = `Sell ${FAIL_MARK} car`;
  await page.fill('#new-title', failing);
  const [second] = await Promise.all([page.waitForNavigation(), page.click('.new-todo button')]);
  assertEqual(second.status(), 500, 'status when the function fails');
  assert((await page.textContent('.new-todo [data-r-form-error]')).includes('could not be saved'), 'general error shown');
  assertEqual(await page.inputValue('#new-title'), failing, 'typed text kept');
  assertEqual(await titles(page), [], 'nothing was added');

  // The address bar now shows the action's URL; a good post from here
  // still lands back on the list.
  await page.fill('#new-title', 'Sell the car');
  await Promise.all([page.waitForNavigation(), page.click('.new-todo button')]);
  assertEqual(page.url(), todo.url + '/', 'back on the list page');
  assertEqual(await titles(page), ['Sell the car'], 'saved after fixing the text');
  assertEqual(await page.textContent('.new-todo [data-r-form-error]'), '', 'no error shown any more');
  await context.close();
});

test('todo: keyed <For> moves existing row nodes on swap, reverse and rotate (/lab/keyed)', async ctx => {
  if (!ctx.todo) return;
  const { page, context, log } = await openPage(ctx.browser);
  await page.goto(ctx.todo.url + '/lab/keyed');
  const letters = () => page.$$eval('#letters li', rows => rows.map(li => li.textContent));
  // Tag every server-rendered row node, and record every element the list gains.
  await page.evaluate(() => {
    for (const li of document.querySelectorAll('#letters li')) li.__tag = li.getAttribute('data-r-k');
    window.__added = [];
    new MutationObserver(records => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType == 1) window.__added.push(n);
    }).observe(document.getElementById('letters'), { childList: true });
  });
  const sameNodes = () =>
    page.evaluate(() => {
      const rows = [...document.querySelectorAll('#letters li')];
      return {
        tagged: rows.every(li => li.__tag === li.getAttribute('data-r-k')),
        addedAreOld: window.__added.every(n => n.__tag !== undefined),
        moved: window.__added.length,
      };
    });
  const step = async (button, expected) => {
    await page.evaluate(() => (window.__added = []));
    await page.click(button);
    await waitFor(page, e => [...document.querySelectorAll('#letters li')].map(li => li.textContent).join('') == e, expected.join(''));
    assertEqual(await letters(page), expected, `order after ${button}`);
    const s = await sameNodes();
    assert(s.tagged && s.addedAreOld, `${button}: rows were recreated instead of moved (${JSON.stringify(s)})`);
    return s.moved;
  };
  // A swap of two rows moves exactly those two nodes (the rest stay put).
  assertEqual(await step('#swap', ['a', 'd', 'c', 'b', 'e']), 2, 'nodes moved by a swap');
  await step('#reverse', ['e', 'b', 'c', 'd', 'a']);
  assertEqual(await step('#rotate', ['b', 'c', 'd', 'a', 'e']), 1, 'nodes moved by a rotation');
  await step('#drop-first', ['c', 'd', 'a', 'e']);
  await page.click('#clear');
  await waitFor(page, () => document.querySelectorAll('#letters li').length == 0);
  assertClean(log);
  await context.close();
});

todoTest('todo: axe-core finds no serious or critical violations (empty list, with rows, with an error)', async ctx => {
  const todo = await freshTodo(ctx);
  if (!todo) return;
  const { page, context, log } = await openPage(ctx.browser);
  const audit = what => auditAccessibility(page, what);
  await page.goto(todo.url + '/');
  await audit('empty list');
  await addWithJs(page, 'Check accessibility', 1);
  await addWithJs(page, 'Ship it', 2);
  await row(page, 'Ship it').locator('button.toggle').click();
  await waitFor(page, () => document.querySelectorAll('.todo-list li.done').length == 1);
  await audit('rows added in the browser');
  await page.reload();
  await audit('rows rendered by the server');
  await page.fill('#new-title', 'z'.repeat(201));
  await page.press('#new-title', 'Enter');
  await waitFor(page, () => document.getElementById('title-error').textContent != '');
  await audit('a field error shown');
  assertClean(log, { allowFailedAction: true });
  await context.close();
});

todoTest('todo: quick clicks on two rows are saved in order, and a slow first answer cannot undo the second', async ctx => {
  const todo = await freshTodo(ctx);
  if (!todo) return;
  const { page, context, log } = await openPage(ctx.browser);
  await page.goto(todo.url + '/');
  for (const [i, title] of ['one', 'two', 'three'].entries()) await addWithJs(page, title, i + 1);
  // Hold back the answer to the first toggle: had the second post been sent
  // meanwhile, its (newer) list would arrive first and then be overwritten.
  let held = 0;
  await page.route('**/_resuma/action/toggle_todo', async route => {
    // The server has saved the first toggle; only its answer is late.
    const response = await route.fetch();
    if (held++ == 0) await new Promise(resolve => setTimeout(resolve, 400));
    await route.fulfill({ response });
  });
  await row(page, 'one').locator('button.toggle').click();
  await row(page, 'three').locator('button.toggle').click();
  await waitFor(page, () => document.querySelectorAll('.todo-list li.done').length == 2);
  await page.waitForTimeout(500);
  assertEqual(await doneTitles(page), ['one', 'three'], 'both toggles shown');
  assertEqual(await leftCount(page), '1', 'count');
  await page.unroute('**/_resuma/action/toggle_todo');
  await page.reload();
  assertEqual(await doneTitles(page), ['one', 'three'], 'both toggles saved');
  assertClean(log);
  await context.close();
});
