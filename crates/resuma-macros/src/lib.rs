//! Procedural macros of Resuma. Each macro is a thin entry point over a
//! pipeline in its own module (`view/`: parse → ast → generate).

use proc_macro::TokenStream;

mod chunk;
mod component;
mod flow;
mod island;
mod reactive;
mod server;
mod signal_data;
mod types;
mod view;

/// Write HTML-like markup that renders on the server and resumes in the
/// browser. See the `resuma` crate docs and `docs/protocol.md`.
#[proc_macro]
pub fn view(input: TokenStream) -> TokenStream {
    view::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Turn a function with typed parameters into a component usable as
/// `<Name prop={value} />` in `view!`.
#[proc_macro_attribute]
pub fn component(attr: TokenStream, item: TokenStream) -> TokenStream {
    if !attr.is_empty() {
        let err = syn::Error::new(
            proc_macro2::Span::call_site(),
            "`#[component]` takes no arguments",
        );
        return err.into_compile_error().into();
    }
    let func = syn::parse_macro_input!(item as syn::ItemFn);
    component::expand(func, Vec::new(), 0)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Let translated closures read the fields of a type a signal holds with
/// their real types: `#[derive(SignalData)] struct User { name: String, age: u32 }`
/// makes `user.update(|u| u.age += 1)` `u32` arithmetic in the browser.
/// The type must be in scope where the component uses it (it brings a
/// macro of the same name along).
#[proc_macro_derive(SignalData)]
pub fn signal_data(input: TokenStream) -> TokenStream {
    signal_data::derive(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// A `#[component]` again, with the definitions its types' `SignalData`
/// macros appended. Not a public API.
#[doc(hidden)]
#[proc_macro]
pub fn __component_with_types(input: TokenStream) -> TokenStream {
    signal_data::component_with_types(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Turn the files of a pages directory into modules and a route table, at
/// compile time: `resuma::pages!("pages")` in `src/lib.rs` reads
/// `src/pages/` and expands to `pub mod pages { ...; pub fn routes() ->
/// resuma::flow::Routes }`. The naming scheme:
///
/// - `index.rs` is its directory's page (`pages/index.rs` is `/`,
///   `pages/notes/index.rs` is `/notes`), `name.rs` is `/name`;
/// - `[id].rs` (or a directory `[id]/`) is the parameter `id`
///   (`/notes/{id}`), `[...rest].rs` takes the rest of the path;
/// - `_layout.rs` wraps every page of its directory and below,
///   `_middleware.rs` runs before them; `_404.rs` and `_500.rs` at the top
///   are the not-found and error pages.
///
/// A page file has `pub fn view`, and optionally `pub async fn load` (axum
/// extractors in, `Result<Data, E>` out; `view` then takes the data),
/// `pub fn head` (`&Data` to `resuma::flow::Head`) and
/// `pub const CACHE_CONTROL: &str` and `pub const PRERENDER: bool` (`true`:
/// `resuma build --static` writes the page as a file, see
/// `resuma::flow::Page::prerender`). A layout has `pub fn view(children)`
/// (or `view(data, children)` with a `load`); a middleware
/// `pub async fn check(...) -> Result<(), PageError>`; `_404.rs`/`_500.rs`
/// `pub fn view(error: &PageError)`. Every route parameter must reach the
/// page's `load` as `Path(name)`.
///
/// A build script with `println!("cargo:rerun-if-changed=src/pages")` makes
/// cargo rebuild the crate when a page file is added or removed.
#[proc_macro]
pub fn pages(input: TokenStream) -> TokenStream {
    // The path is relative to the file the macro is written in, as for
    // `include_str!`.
    let base = proc_macro::Span::call_site()
        .local_file()
        .and_then(|file| file.parent().map(std::path::Path::to_path_buf));
    flow::expand(input.into(), base)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Make an `async fn` a server function: it runs only on the server and the
/// browser calls it at `POST /_resuma/action/NAME` (protocol.md §8).
///
/// Up to four Leptos-style positional arguments come first:
/// `#[server(AddTodo, "/api", "Url", "add")]` is the function's type name
/// (a unit struct for `App::register::<AddTodo>()` and
/// `<Form action={AddTodo}>`), its URL prefix (the path is then
/// `/api/add_todo`), its encoding (`"Json"`, the default; `"Url"`, form
/// posts; `"GetJson"`, GET with the query; `"Cbor"`; `"GetCbor"`, GET with
/// a CBOR result) and its endpoint, which replaces the function's name in
/// the path (`/api/add`). Each may be left out from the right.
///
/// Named options follow: `prefix = "/api"`, `endpoint = "path"`,
/// `encoding = "form, get, cbor"` (for what no positional argument said),
/// `cache_control = "..."`, `rate_limit = "N/s"` or `"off"`,
/// `max_body = BYTES`, `read_only`. Without a type name the function's type
/// is a braced struct with its own name (`add_todo {}`).
///
/// **GET functions** (`encoding = "get"`, `"GetJson"`, `"GetCbor"`) answer `GET PATH?QUERY` without the
/// Origin and CSRF checks, since links, prefetches and caches send them; the
/// function still sees the caller's session. Such a function must change
/// nothing, and must say so with `read_only`, or it does not compile.
#[proc_macro_attribute]
pub fn server(attr: TokenStream, item: TokenStream) -> TokenStream {
    let func = syn::parse_macro_input!(item as syn::ItemFn);
    server::expand(attr.into(), func)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Make a component an island: its HTML renders on the server and a Wasm
/// module built by `resuma build` takes it over in the browser when the
/// directive fires: `#[island(load = "visible" | "idle" | "load" | "media(<query>)" | "interaction")]`,
/// options `margin = "200px"` (visible) and `module = "crate_name"` (protocol.md §10).
#[proc_macro_attribute]
pub fn island(attr: TokenStream, item: TokenStream) -> TokenStream {
    let func = syn::parse_macro_input!(item as syn::ItemFn);
    island::expand(attr.into(), func)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// A value derived from signals, recomputed in the browser when one of
/// them changes: `let len = computed!([q], move || q.get().len());` gives a
/// `Signal<usize>` usable wherever a signal is (protocol.md §14). The list
/// must name every signal the closure reads.
#[proc_macro]
pub fn computed(input: TokenStream) -> TokenStream {
    reactive::expand_standalone(reactive::Kind::Computed, input.into()).into()
}

/// Run a closure in the browser after one of the listed signals changed
/// (never at page load): `effect!([q], move || { … })`. It may set signals
/// and await server functions (protocol.md §14).
#[proc_macro]
pub fn effect(input: TokenStream) -> TokenStream {
    reactive::expand_standalone(reactive::Kind::Effect, input.into()).into()
}

/// An effect that runs once the listed signals have been still for the
/// given milliseconds: `debounce!(300, [q], move || { … })`.
#[proc_macro]
pub fn debounce(input: TokenStream) -> TokenStream {
    reactive::expand_standalone(reactive::Kind::Debounce, input.into()).into()
}

/// Raw JavaScript inside a handler: `js! { console.log("hi") }` or
/// `js!(r#"..."#)`. The translator copies the text into the handler's chunk
/// as written, and checks that the chunk parses. Handlers never run on the
/// server, where the closure is
/// only type-checked: there `js!` is the unit value `()`, so use it as a
/// statement.
#[proc_macro]
pub fn js(_input: TokenStream) -> TokenStream {
    quote::quote!(()).into()
}
