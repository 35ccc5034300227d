// Launching Debian's Chromium through playwright-core, and a page wrapper that
// records what the tests assert on: console errors, uncaught errors, CSP
// violations and every script request.

import { chromium } from 'playwright-core';

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

/** Launches headless Chromium with a fresh temporary profile. */
export function launchBrowser() {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// Runs in the page before any of its scripts (Playwright injects it outside
// the page's CSP) and forwards CSP violations to the test.
function reportCspViolations() {
  document.addEventListener('securitypolicyviolation', e =>
    window.__resumaCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`),
  );
}

// Replaces requestIdleCallback and setTimeout-with-no-delay fallback so the
// loader's idle prefetch never fires: lets a test see the network exactly as
// a user who clicks before the browser is idle would.
function disableIdlePrefetch() {
  window.requestIdleCallback = () => 0;
}

/**
 * Opens a page in a fresh context and starts recording. Options:
 * `idlePrefetch: false` stops the loader's idle prefetch.
 * Returns { page, context, log } where log has `errors` (console errors and
 * uncaught exceptions), `csp` (violations) and `scripts` (requests for
 * JavaScript: { url, at } with `at` in ms since the page was opened).
 */
export async function openPage(browser, { idlePrefetch = true } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = performance.now();
  const log = { errors: [], csp: [], scripts: [] };
  await page.exposeFunction('__resumaCspViolation', text => log.csp.push(text));
  await page.addInitScript(reportCspViolations);
  if (!idlePrefetch) await page.addInitScript(disableIdlePrefetch);
  page.on('console', msg => {
    // The browser's own favicon probe is not the page's doing.
    if (msg.type() === 'error' && !msg.location().url?.endsWith('/favicon.ico'))
      log.errors.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', error => log.errors.push(`uncaught: ${error.message}`));
  page.on('request', request => {
    if (request.resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(request.url()).pathname))
      log.scripts.push({ url: new URL(request.url()).pathname, at: performance.now() - started });
  });
  return { page, context, log };
}

/**
 * Holds back every response to `page` whose URL matches `pattern` until
 * `release()`. Returns { held, release }: `held` lists the paths of the
 * requests seen so far.
 */
export async function holdBack(page, pattern) {
  let release;
  const gate = new Promise(resolve => (release = resolve));
  const held = [];
  await page.route(pattern, async route => {
    held.push(new URL(route.request().url()).pathname);
    await gate;
    await route.continue();
  });
  return { held, release };
}

/**
 * Holds back each request of `page` whose URL matches `pattern` on its own,
 * so a test can answer overlapping requests in any order. Returns
 * { held, count, release }: `held` lists the held routes in arrival order,
 * `count(n)` waits until `n` have arrived, and `release(i)` sends the i-th
 * to the server and resolves to its response.
 */
export async function holdEach(page, pattern) {
  const held = [];
  let arrived = () => {};
  await page.route(pattern, route => {
    held.push(route);
    arrived();
  });
  const count = async n => {
    while (held.length < n) await new Promise(resolve => (arrived = resolve));
  };
  const release = async i => {
    await held[i].continue();
    return held[i].request().response();
  };
  return { held, count, release };
}

/**
 * The page's Content-Security-Policy (protocol.md §9), checked: scripts only
 * by nonce with 'strict-dynamic' and nothing unsafe, everything else from
 * this origin, forms to this origin. "No CSP violations" only means
 * something under this policy.
 */
export function strictPolicy(response) {
  const policy = response.headers()['content-security-policy'] || '';
  const scripts = policy.split(';')[0];
  const ok = /^script-src 'nonce-[^']+' 'strict-dynamic'$/.test(scripts)
    && /default-src 'self'/.test(policy) && /form-action 'self'/.test(policy);
  if (!ok) throw new Error(`not the strict page policy: ${policy}`);
  return policy;
}
