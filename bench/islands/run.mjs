// Time from scroll to interactive for the Markdown island of the islands
// example: `node bench/islands/run.mjs [runs]` (default 11).
//
// Each run opens `/` in a fresh browser context (empty cache), waits until
// the page has loaded and settled, then — inside the page, so the clock is
// the page's — scrolls the island into view and waits until its module is
// mounted (`data-r-mounted`) and a keystroke has updated the preview. It
// prints every run and the median, in milliseconds. The server runs on
// 127.0.0.1 (islands built first with `resuma build`).

import { launchBrowser } from '../../tests/e2e/lib/browser.mjs';
import { islandsApp } from '../../tests/e2e/lib/islands-app.mjs';

const runs = Number(process.argv[2] || 11);
const app = await islandsApp();
const browser = await launchBrowser();
const times = { mounted: [], interactive: [] };
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url + '/');
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    const t = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const island = document.querySelector('resuma-island[data-r-load=visible]');
          const preview = island.querySelector('[data-preview]');
          const start = performance.now();
          let mountedAt;
          const timer = setTimeout(() => reject(new Error('island not interactive within 10 s')), 10000);
          new MutationObserver((_, observer) => {
            if (!island.hasAttribute('data-r-mounted')) return;
            observer.disconnect();
            mountedAt = performance.now();
            // Interactive = an input event is handled: type and wait for the preview.
            const editor = island.querySelector('textarea');
            new MutationObserver((_, o) => {
              if (!preview.querySelector('h3')) return;
              o.disconnect();
              clearTimeout(timer);
              resolve({ mounted: mountedAt - start, interactive: performance.now() - start });
            }).observe(preview, { childList: true, subtree: true });
            editor.value = '### bench';
            editor.dispatchEvent(new InputEvent('input', { bubbles: true }));
          }).observe(island, { attributes: true });
          island.querySelector('textarea').scrollIntoView();
        }),
    );
    times.mounted.push(t.mounted);
    times.interactive.push(t.interactive);
    console.log(`run ${String(i + 1).padStart(2)}: mounted ${t.mounted.toFixed(1)} ms, interactive ${t.interactive.toFixed(1)} ms`);
    await context.close();
  }
} finally {
  await browser.close();
}
const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`median of ${runs}: scroll → mounted ${median(times.mounted).toFixed(1)} ms, scroll → interactive ${median(times.interactive).toFixed(1)} ms`);
process.exit(0);
