// The islands boot script (protocol.md §10). The server inlines it, nonced,
// on pages that render at least one island, and only there: a page without
// islands never loads it, nor any Wasm.
//
// Each <resuma-island> names its module (the wasm-bindgen glue, an ES module
// under a content-hashed URL), a directive saying when to load it, and its
// props as JSON in a <script type="resuma/props"> child. When the directive
// fires we import the module — a dynamic import from this nonced script is
// trusted under 'strict-dynamic' — initialise it (which fetches and compiles
// the .wasm; the page's CSP allows that with 'wasm-unsafe-eval') and call its
// exported mount(element, props), which takes over the island's subtree.
(() => {
  // One import and one initialisation per module, however many islands use it.
  const modules = {};
  const load = url => (modules[url] ||= import(url).then(m => m.default().then(() => m)));

  // `replay` runs after mount: it re-dispatches the events that woke an
  // `interaction` island.
  //
  // Only a module URL of the shape the server writes (§10:
  // `/_resuma/islands/NAME-HASH.js`, NAME a Rust library name) is imported;
  // an island with anything else, like an empty URL, stays inert. Markup
  // injected into the page must not name a module of its choosing, which
  // import() from this nonced script would run ('strict-dynamic', §9).
  const boot = (island, replay) => {
    const url = island.dataset.rIsland;
    if (island.r || !/^\/_resuma\/islands\/\w+-[\da-f]{12}\.js$/.test(url)) return;
    island.r = 1;
    const props = JSON.parse(island.querySelector('script[type="resuma/props"]')?.textContent || '{}');
    load(url).then(
      m => {
        m.mount(island, props);
        island.setAttribute('data-r-mounted', '');
        replay?.();
      },
      error => console.error('resuma: island ' + url + ' failed to load', error),
    );
  };

  // Events that wake an `interaction` island; each one that arrives before
  // the module is mounted is replayed into it afterwards, in order.
  const wakers = ['click', 'input', 'keydown', 'change', 'submit', 'focusin'];

  const directives = {
    load: boot,
    // requestIdleCallback, with a deadline so a busy page still boots it;
    // a plain timeout where the browser has no idle callbacks.
    idle: island =>
      self.requestIdleCallback
        ? requestIdleCallback(() => boot(island), { timeout: 2000 })
        : setTimeout(() => boot(island), 200),
    // The wrapper is `display: contents` and has no box of its own, so we
    // observe its children: the island's rendered content.
    visible: island => {
      const observer = new IntersectionObserver(
        entries => {
          if (entries.some(entry => entry.isIntersecting)) {
            observer.disconnect();
            boot(island);
          }
        },
        { rootMargin: island.dataset.rMargin || '0px' },
      );
      for (const child of island.children) if (child.localName != 'script') observer.observe(child);
    },
    media: island => {
      const query = matchMedia(island.dataset.rMedia);
      const check = () => query.matches && (query.removeEventListener('change', check), boot(island));
      query.addEventListener('change', check);
      check();
    },
    interaction: island => {
      const queued = [];
      const listen = on => wakers.forEach(type => island[on + 'EventListener'](type, queue, true));
      // Copies of the original events go to the original targets, now that
      // the island's own listeners are there; ours are removed first.
      const replay = () => {
        listen('remove');
        for (const event of queued) event.target.dispatchEvent(new event.constructor(event.type, event));
      };
      function queue(event) {
        queued.push(event);
        boot(island, replay);
      }
      listen('add');
    },
  };

  for (const island of document.querySelectorAll('resuma-island')) (directives[island.dataset.rLoad] || boot)(island);
})();
