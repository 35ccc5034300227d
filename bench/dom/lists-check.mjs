// Randomised check of the keyed list runtime (runtime/blocks/lists.js,
// patch.js, morph.js), the code bench/dom measures: thousands of random list
// updates, each checked against a fresh render, with node identity.
//
//   node bench/dom/lists-check.mjs [--rounds N] [--seed S] [--built]
//
// The blocks module is bundled from runtime/blocks/ (or, with --built, the
// copy in crates/resuma/assets/blocks.js is used) and driven directly in
// Chromium through its `list(comment, items, api)` entry, with a template
// module written here. Starting from server-rendered rows, each round makes
// a random new list (keeps, drops, inserts, moves, edits of text, class,
// attribute presence and checkbox state, swaps, duplicate keys now and then, empty
// lists) and then checks that:
//  - the rows between the markers are exactly a fresh render of the items
//    (same elements, attributes, text: `isEqualNode`), and nothing else;
//  - every row whose key was present (once) before and after is the same
//    element as before (moved or patched, never recreated);
//  - the rows kept on the longest in-order run were not moved (a
//    MutationObserver sees no removal of them).
// Exits non-zero on the first mismatch, printing the seed and round.

import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../tests/e2e/lib/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const ROUNDS = Number(option('--rounds', 3000));
const SEED = Number(option('--seed', 1));

const blocks = args.includes('--built')
  ? await readFile(join(root, 'crates/resuma/assets/blocks.js'), 'utf8')
  : (await esbuild.build({ entryPoints: [join(root, 'runtime/blocks/index.js')], bundle: true, format: 'esm', write: false })).outputFiles[0].text;

// A row template in the shape the macros compile (protocol §11): text,
// an attribute that comes and goes, a class, a handler attribute naming the
// chunk, a void element with a boolean attribute, and escaping.
// The chunk name has the shape the server writes (refs.js imports no other).
const chunk = `
export const h0 = {
  k: item => item.id,
  r: (item, c, h, n) => "<li data-r-k=\\"" + h.e(item.id) + "\\"" + h.a("class", item.cls) + "><span" + h.a("title", item.title) + ">" + h.t(item.text) + "</span><a data-r-on:click=\\"" + n + "#h1|" + [c[0], "~"].join(",") + "\\">x</a><input type=\\"checkbox\\"" + h.a("checked", item.done) + "><b>" + h.t(item.n) + "</b></li>",
};`;

const page_ = `<!DOCTYPE html><html><body><ul id="list"></ul></body></html>`;

const browser = await launchBrowser();
let failed = false;
try {
  const page = await (await browser.newContext()).newPage();
  await page.route('http://lists.test/**', route => {
    const path = new URL(route.request().url()).pathname;
    const body = path == '/' ? page_ : path == '/_resuma/blocks.js' ? blocks : path == '/_resuma/h00000000c0de.js' ? chunk : null;
    if (body == null) return route.fulfill({ status: 404, body: '' });
    route.fulfill({ body, contentType: path == '/' ? 'text/html' : 'text/javascript' });
  });
  page.on('pageerror', error => {
    console.error(`uncaught in page: ${error.message}`);
    failed = true;
  });
  await page.goto('http://lists.test/');
  const result = await page.evaluate(
    async ([rounds, seed]) => {
      const { list } = await import('/_resuma/blocks.js');
      const { h0: template } = await import('/_resuma/h00000000c0de.js');
      // A small deterministic PRNG (mulberry32), so a failure can be replayed.
      let s = seed >>> 0;
      const random = () => {
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const pick = n => Math.floor(random() * n);
      const texts = ['a', 'b & c', '<tag>', 'quote "q"', '', 'long text here'];
      let nextId = 1;
      const makeItem = () => ({ id: nextId++, cls: random() < 0.3 ? null : random() < 0.5 ? 'x' : 'y z', title: random() < 0.5 ? null : texts[pick(texts.length)], text: texts[pick(texts.length)], done: random() < 0.5, n: pick(3) });

      const ul = document.getElementById('list');
      const h = { t: v => String(v ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]) };
      h.e = h.t;
      h.a = (name, v) => (v === true ? ' ' + name : v === false || v == null ? '' : ` ${name}="${h.t(v)}"`);
      const render = item => template.r(item, ['7'], h, 'h00000000c0de');
      // Server-rendered start: markers and rows as the Rust renderer writes them.
      let items = Array.from({ length: 8 }, makeItem);
      ul.innerHTML = '<!--r-for:3|h00000000c0de#h0|7-->' + items.map(render).join('') + '<!---->';
      const start = ul.firstChild;
      const api = { signal: () => ({ get: () => null }), scanInto: () => {} };
      const rowsOf = () => {
        const rows = [];
        for (let node = start.nextSibling; !(node.nodeType == 8 && node.data == ''); node = node.nextSibling) rows.push(node);
        return rows;
      };

      for (let round = 0; round < rounds; round++) {
        const before = rowsOf();
        const byKey = new Map();
        const duplicated = new Set();
        before.forEach(row => {
          const k = row.getAttribute('data-r-k');
          byKey.has(k) ? duplicated.add(k) : byKey.set(k, row);
        });
        // The next list: some old items (maybe edited, maybe mutated in
        // place as `update` does), some new ones, in a shuffled or
        // partly shuffled order; sometimes empty, sometimes a duplicate key.
        let next = [];
        const mode = random();
        if (mode < 0.05) next = [];
        else {
          for (const item of items) if (random() < 0.85) next.push(item);
          const adds = pick(mode < 0.2 ? 30 : 4);
          for (let i = 0; i < adds; i++) next.splice(pick(next.length + 1), 0, makeItem());
          if (random() < 0.5) {
            // A few moves, or a full shuffle.
            const moves = random() < 0.2 ? next.length : pick(3);
            for (let i = 0; i < moves; i++) {
              const [moved] = next.splice(pick(next.length), 1);
              if (moved) next.splice(pick(next.length + 1), 0, moved);
            }
          }
          // Two rows exchanged (the benchmark's swap), sometimes twice.
          for (let swaps = random() < 0.15 ? 1 + pick(2) : 0; swaps > 0 && next.length > 1; swaps--) {
            const a = pick(next.length), b = pick(next.length);
            [next[a], next[b]] = [next[b], next[a]];
          }
          for (const item of next) {
            if (random() < 0.1) item.text = texts[pick(texts.length)];
            if (random() < 0.1) item.cls = random() < 0.5 ? null : 'sel';
            if (random() < 0.05) item.title = random() < 0.5 ? null : 'T"';
            if (random() < 0.1) item.done = !item.done;
            if (random() < 0.05) item.n = pick(3);
          }
          if (next.length && random() < 0.03) next.push({ ...next[pick(next.length)] }); // a duplicate key
        }
        // Half the time the same array mutated in place, as `update` does.
        if (random() < 0.5) {
          items.length = 0;
          items.push(...next);
        } else items = next;
        // Rows that must not be removed from the DOM: those the change keeps
        // on a longest in-order run are checked through the observer below.
        const removed = new Set();
        const observer = new MutationObserver(records => records.forEach(r => r.removedNodes.forEach(n => removed.add(n))));
        observer.observe(ul, { childList: true });
        await list(start, items, api);
        observer.takeRecords().forEach(r => r.removedNodes.forEach(n => removed.add(n)));
        observer.disconnect();

        const after = rowsOf();
        const fail = message => ({ round, message, expected: items.map(render).join('\n'), got: after.map(r => r.outerHTML).join('\n') });
        if (after.length != items.length) return fail(`${after.length} rows for ${items.length} items`);
        const template_ = document.createElement('template');
        for (let i = 0; i < items.length; i++) {
          template_.innerHTML = render(items[i]);
          const fresh = template_.content.firstChild;
          if (!after[i].isEqualNode(fresh)) return fail(`row ${i} differs from a fresh render: ${after[i].outerHTML} vs ${fresh.outerHTML}`);
          const input = after[i].querySelector('input');
          if (input.checked !== !!items[i].done) return fail(`row ${i}: checkbox property ${input.checked}, item done ${items[i].done}`);
        }
        // Keyed identity: unique keys present before and after keep their element.
        const counts = new Map();
        items.forEach(item => counts.set(String(item.id), (counts.get(String(item.id)) || 0) + 1));
        for (let i = 0; i < items.length; i++) {
          const k = String(items[i].id);
          if (counts.get(k) == 1 && byKey.has(k) && !duplicated.has(k) && after[i] !== byKey.get(k)) return fail(`row ${i} (key ${k}) was recreated`);
        }
        // Minimal moves: the number of kept rows that were taken out and put
        // back is at most (kept rows - longest run of them already in order).
        const keptOld = after.filter(row => before.includes(row)).map(row => before.indexOf(row));
        const tails = [];
        for (const v of keptOld) {
          let lo = 0, hi = tails.length;
          while (lo < hi) { const mid = (lo + hi) >> 1; tails[mid] < v ? (lo = mid + 1) : (hi = mid); }
          tails[lo] = v;
        }
        const moved = after.filter(row => before.includes(row) && removed.has(row)).length;
        if (moved > keptOld.length - tails.length) return fail(`${moved} kept rows moved, ${keptOld.length - tails.length} would do`);
      }
      return null;
    },
    [ROUNDS, SEED],
  );
  if (result) {
    failed = true;
    console.error(`seed ${SEED}, round ${result.round}: ${result.message}\nexpected:\n${result.expected}\ngot:\n${result.got}`);
  } else if (!failed) console.log(`lists: ${ROUNDS} random updates matched a fresh render, keyed rows kept their nodes, moves minimal (seed ${SEED})`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
