// Resuma loader: the only script a resumable page runs before its first
// interaction. The server inlines it at the end of <body> (docs/protocol.md §5):
//
//   <script nonce=N data-r-core="/_resuma/core-HASH.js" data-r-ev="click input">…</script>
//
// It does three things and nothing else:
//  1. listens, once per event type in `data-r-ev`, on `document`;
//  2. on an event, finds the elements with `data-r-on:TYPE`, applies
//     `data-r-prevent:TYPE` / `data-r-stop:TYPE` synchronously, starts loading
//     core and the handler's chunk in parallel and replays the event in
//     arrival order once both are there;
//  3. when the browser is idle, prefetches core and the chunks of handlers in
//     the viewport (and those scrolled into it later), and a handler's chunk
//     as soon as its element is hovered or focused.
//
// Size matters more than anywhere else (budget: 600 B brotli, see
// size-budget.json); the source stays readable and `npm run build` minifies.
// Tricks worth knowing are marked "Trick:".

// Trick: a bare block instead of an IIFE. Its `const`s are block-scoped, so
// nothing leaks into the page's global scope, and it costs 2 bytes, not 10.
// (No function declarations inside: in sloppy mode those would leak.)
{
  const doc = document;

  // Valid only while this classic script first runs: read the config now.
  const script = doc.currentScript;
  const config = script.dataset;

  // Absolute URL of core. Chunks live next to it (protocol §6), so a chunk
  // URL is resolved against it, which also keeps working if the server
  // mounts the assets under a prefix.
  // Trick: URLs stay URL objects. Everything they meet stringifies them to
  // their href: object keys, `in`, import() and `new URL`'s base.
  const core = new URL(config.rCore, location);
  // Only a chunk name of the shape the server writes (§4: `h` + 12
  // lowercase hex digits) becomes a URL, and that URL is always next to
  // core. Anything else (`//other.host/x`, `../x`) is ignored: false. Markup
  // injected into the page must not name a module of its choosing, which
  // import() from this nonced script would run ('strict-dynamic', §9).
  const chunkUrl = chunk => /^h[\da-f]{12}$/.test(chunk) && new URL(chunk + '.js', core);

  // Event types this page has handlers for, e.g. ["click", "input"].
  const types = config.rEv.split(' ');

  // URL -> 0 while importing, the module namespace once evaluated, null if
  // the import failed. Knowing synchronously that a module is there lets an
  // event run its handler inside its own dispatch once code is loaded, so a
  // handler may still call preventDefault() on later events.
  const modules = {};

  // Events waiting for code, oldest first: [chunk URL, export name, ids, event].
  const queue = [];

  // Runs queued events from the front for as long as their code is there.
  // Taking jobs strictly from the front keeps arrival order even when a later
  // event's chunk arrives first; shifting before running means a job can never
  // run twice. A job whose import failed is dropped (the import's rejection is
  // reported by the browser) so it cannot block the events behind it.
  const drain = () => {
    for (let job, runtime, chunk; (job = queue[0]) && (runtime = modules[core]) !== 0 && (chunk = modules[job[0]]) !== 0; ) {
      queue.shift();
      // core.run catches and reports handler errors, so one bad handler
      // cannot stop the replay of the rest.
      runtime && chunk && runtime.run(chunk[job[1]], job[2], job[3]);
    }
  };

  // Starts importing a module once. import() from this nonced inline script
  // carries its nonce, so it is allowed under 'strict-dynamic' (protocol §9).
  // A refused chunk name (false) loads nothing; its queued event finds no
  // chunk and is dropped by drain().
  const load = url => {
    if (url && !(url in modules)) {
      modules[url] = 0;
      import(url).then(
        module => {
          modules[url] = module;
          drain();
        },
        error => {
          modules[url] = null;
          drain();
          throw error;
        },
      );
    }
  };

  // The one listener per event type. It runs in the capture phase on
  // `document`, so it sees every event first: even non-bubbling ones
  // (focus, pointerenter) and ones a page script stops further down.
  const onEvent = event => {
    const type = event.type;
    // Walk up from the target like bubbling would, so handlers on ancestors
    // run too. Non-bubbling events only concern their target. `parentElement`
    // ends the walk at <html>; the getAttribute test skips a document or
    // window target.
    for (let el = event.target; el?.getAttribute; el = event.bubbles && el.parentElement) {
      const handler = el.getAttribute('data-r-on:' + type);
      if (el.hasAttribute('data-r-prevent:' + type)) event.preventDefault();
      if (handler) {
        // "CHUNK#SYMBOL|ID,ID" -> [CHUNK, SYMBOL, "ID,ID"]; core splits the ids.
        const [chunk, symbol, ids] = handler.split(/[#|]/);
        const url = chunkUrl(chunk);
        // Both imports start in this same task: core and chunk download in
        // parallel, never one after the other.
        load(core);
        load(url);
        queue.push([url, symbol, ids, event]);
      }
      if (el.hasAttribute('data-r-stop:' + type)) {
        event.stopPropagation();
        break;
      }
    }
    drain();
  };

  // --- Prefetching --------------------------------------------------------

  // Trick: prefetching *is* importing. An early import() fetches the module
  // into the module map just like <link rel=modulepreload> would, but:
  //  - it is 66 B smaller brotli'd here (no link element, no second
  //    "already requested" map: `modules` already dedupes);
  //  - the module is also evaluated, so a click after the prefetch runs its
  //    handler synchronously, inside the click's own dispatch;
  //  - import() inherits this script's nonce, whereas a modulepreload link
  //    must be given the nonce explicitly ('strict-dynamic' trusts scripts,
  //    not links).
  // Evaluating early is harmless: core and chunks only define functions.
  // So below, "prefetch" is a call to load().

  // Prefetches the chunk of every handler on `el` (core is prefetched on idle).
  const preloadHandlersOf = el => {
    for (const type of types) {
      const handler = el.getAttribute('data-r-on:' + type);
      if (handler) load(chunkUrl(handler.split(/[#|]/)[0]));
    }
  };

  // Hover or focus is a strong hint that a click or key press follows.
  const onHint = event => {
    for (let el = event.target; el?.getAttribute; el = el.parentElement) preloadHandlersOf(el);
  };

  for (const type of types) doc.addEventListener(type, onEvent, true);
  doc.addEventListener('pointerenter', onHint, true);
  doc.addEventListener('focusin', onHint, true);

  // Trick: calling requestIdleCallback/setTimeout detached from `window` is
  // fine (a global's methods accept an undefined `this`). Browsers without
  // requestIdleCallback get a plain next task.
  (window.requestIdleCallback || setTimeout)(() => {
    load(core);
    // Handlers in the viewport now, and those scrolled into it later.
    const visible = new IntersectionObserver(entries => {
      for (const entry of entries)
        if (entry.isIntersecting) {
          preloadHandlersOf(entry.target);
          visible.unobserve(entry.target);
        }
    });
    // Trick: querySelectorAll stringifies an array by joining it with
    // commas, which is exactly a CSS selector list. The ':' in the attribute
    // name must be escaped in a selector.
    for (const el of doc.querySelectorAll(types.map(type => `[data-r-on\\:${type}]`))) visible.observe(el);
  });
}
