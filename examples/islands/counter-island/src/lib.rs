//! The counter island's Wasm side. The server renders
//! `<button>…</button> <output>N</output>` (examples/islands/src/islands.rs);
//! `mount` takes over that markup: a click adds one.
//!
//! This island is the size reference, so it reads its one prop with
//! [`prop_number`] instead of `decode_props`: serde's error messages alone
//! would triple the module (see islands/src/props.rs).

use resuma_islands::prelude::*;

// The props are those of `#[island] fn CounterIsland(start: i32)`.
resuma_islands::mount!(|root, props| {
    let count = use_signal(prop_number(&props, "start") as i32);
    bind_text(&find(&root, "output"), count);
    on(&find(&root, "button"), "click", move |_| {
        count.update(|n| *n += 1)
    });
});
