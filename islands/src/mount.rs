//! `mount!`: the island module's one export, without wasm-bindgen
//! boilerplate in the island crate.

/// Define the `mount(root, props)` export the boot script calls
/// (protocol.md §10). The island crate needs no wasm-bindgen dependency of
/// its own: the attribute finds it through this crate. With the feature
/// `server-fn` it first installs the transport of `#[server]` stubs.
///
/// ```ignore
/// resuma_islands::mount!(|root, props| {
///     let count = use_signal(prop_number(&props, "start") as i32);
///     bind_text(&find(&root, "output"), count);
/// });
/// ```
#[macro_export]
macro_rules! mount {
    (|$root:ident, $props:ident| $body:block) => {
        /// Called by the boot script with the `<resuma-island>` element and
        /// the props the server rendered.
        #[$crate::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = $crate::wasm_bindgen)]
        pub fn mount($root: $crate::web_sys::Element, $props: $crate::wasm_bindgen::JsValue) {
            $crate::__private::before_mount();
            $body
        }
    };
}
