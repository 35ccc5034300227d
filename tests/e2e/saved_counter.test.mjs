// The saved-counter example as a wasi:http component under `wasmtime serve`
// (issue 16): every click is saved by a server function to the key-value
// store (a directory the runtime preopens), so a reload, which runs in a new
// component instance, shows the last count; and a store that fails shows
// the function's error in the page, which keeps working. Skipped with
// --fixture (they need the Rust server).

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { test, assert, assertEqual } from './lib/harness.mjs';
import { openPage, strictPolicy } from './lib/browser.mjs';

const label = page => page.locator('#save-click').innerText();
const waitForLabel = (page, expected) =>
  page.waitForFunction(
    expected => document.querySelector('#save-click')?.textContent == expected && !document.querySelector('#save-click').disabled,
    expected,
    { timeout: 5000 },
  );

// A refused save makes Chromium log that request's status; nothing else may.
function assertClean(log, { allowFailedSave = false } = {}) {
  const errors = allowFailedSave
    ? log.errors.filter(e => !/Failed to load resource: the server responded with a status of 503 .*\/_resuma\/action\/save_click/.test(e))
    : log.errors;
  assertEqual(errors, [], 'console errors');
  assertEqual(log.csp, [], 'CSP violations');
}

if (!process.argv.includes('--fixture')) {
  test('saved-counter [wasi]: three clicks are saved, and a reload (a new instance) shows them', async ({ browser, savedCounter }) => {
    rmSync(savedCounter.data, { recursive: true, force: true });
    mkdirSync(savedCounter.data, { recursive: true });
    const { page, context, log } = await openPage(browser);
    strictPolicy(await page.goto(savedCounter.url + '/'));
    assertEqual(await page.locator('h1').innerText(), 'Saved counter', 'heading');
    assertEqual(await label(page), 'Click Me: 0', 'a fresh store starts at 0');
    for (let n = 1; n <= 3; n++) {
      await page.click('#save-click');
      await waitForLabel(page, `Click Me: ${n}`);
    }
    const response = await page.reload();
    assertEqual(response.status(), 200, 'reload status');
    assertEqual(await label(page), 'Click Me: 3', 'the count after a reload');
    await page.click('#save-click');
    await waitForLabel(page, 'Click Me: 4');
    assertEqual(await page.locator('#save-error').innerText(), '', 'no error');
    assertClean(log);
    await context.close();
  });

  test('saved-counter [wasi]: a failing store shows the error in the page, which keeps working', async ({ browser, savedCounter }) => {
    rmSync(savedCounter.data, { recursive: true, force: true });
    mkdirSync(savedCounter.data, { recursive: true });
    const { page, context, log } = await openPage(browser);
    await page.goto(savedCounter.url + '/');
    await page.click('#save-click');
    await waitForLabel(page, 'Click Me: 1');
    // Break the store: the count's key becomes a directory (a file cannot
    // be read from it or renamed onto it, whoever runs the server).
    rmSync(join(savedCounter.data, 'clicks'));
    mkdirSync(join(savedCounter.data, 'clicks', 'blocker'), { recursive: true });
    writeFileSync(join(savedCounter.data, 'clicks', 'blocker', 'x'), '');
    await page.click('#save-click');
    await page.waitForFunction(
      () => document.querySelector('#save-error')?.textContent.includes('the click could not be saved'),
      null,
      { timeout: 5000 },
    );
    assertEqual(await label(page), 'Click Me: 1', 'the last saved count stays shown');
    assert(!(await page.locator('#save-click').isDisabled()), 'the button works again after the failure');
    // A reload still renders the page, and says the count cannot be read.
    const response = await page.reload();
    assertEqual(response.status(), 200, 'the page renders with a broken store');
    assert((await page.locator('#load-error').innerText()).includes('cannot be read'), 'the page says the count is unavailable');
    // Repaired, the store works again.
    rmSync(join(savedCounter.data, 'clicks'), { recursive: true });
    await page.click('#save-click');
    await waitForLabel(page, 'Click Me: 1');
    assertClean(log, { allowFailedSave: true });
    await context.close();
  });

  // Spin cannot run here, so its build is checked by what it imports: the
  // store must be Spin's wasi:keyvalue (draft 2), and the build for
  // `wasmtime serve` must not ask for it (it would not start there).
  test('saved-counter [spin]: the Spin build imports wasi:keyvalue/store@0.2.0-draft2, the wasmtime build does not', async () => {
    const dir = join(process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/resuma-target'), 'wasm32-wasip2/debug');
    const spin = join(dir, 'saved-counter-spin.wasm');
    assert(
      existsSync(spin),
      `${spin} is missing: ./scripts/test-all builds it (cargo build --target wasm32-wasip2 -p saved-counter --features spin, copied to that name)`,
    );
    const imports = file => readFileSync(file).toString('latin1');
    const spinBytes = imports(spin);
    assert(spinBytes.includes('wasi:keyvalue/store@0.2.0-draft2'), 'the Spin component imports the draft-2 store');
    assert(spinBytes.includes('wasi:http/incoming-handler@0.2'), 'the Spin component is a wasi:http handler');
    assert(!imports(join(dir, 'saved-counter.wasm')).includes('wasi:keyvalue/store@'), 'the wasmtime serve component imports no keyvalue store');
  });

  test('wasi: the counter component names the same core and chunk URLs as the native server', async ({ app, wasiCounter }) => {
    const urls = async url => {
      const html = await (await fetch(url + '/')).text();
      const core = /data-r-core="([^"]+)"/.exec(html)?.[1];
      const chunks = [...new Set([...html.matchAll(/data-r-on:[a-z]+="(h[0-9a-f]{12})#/g)].map(m => m[1]))].sort();
      return { core, chunks };
    };
    const native = await urls(app.url);
    const wasi = await urls(wasiCounter.url);
    assert(native.core && native.chunks.length >= 2, `the native page has core and chunks: ${JSON.stringify(native)}`);
    assertEqual(wasi, native, 'core and chunk names');
    for (const chunk of wasi.chunks) {
      const [a, b] = await Promise.all([fetch(`${app.url}/_resuma/${chunk}.js`), fetch(`${wasiCounter.url}/_resuma/${chunk}.js`)]);
      assertEqual([a.status, b.status], [200, 200], `${chunk} served by both`);
      assertEqual(await b.text(), await a.text(), `${chunk}: the same bytes`);
    }
  });
}
