//! rs2js — translate Rust handler closures into JavaScript with Rust's
//! semantics, or refuse with a compile error.
//!
//! # API used by `resuma-macros`
//! - [`translate_handler`] turns one closure into a [`Handler`]: a JS arrow
//!   function `([cap0, cap1], e, r) => { ... }` (an `async` arrow when the
//!   body uses `.await`) plus the captured variables in destructuring order.
//! - [`Chunk`] gathers the handlers of one `view!` into one ES module
//!   (`export const h0 = ...;`), emitting each runtime helper once.
//! - [`check_js`] parses a JS module, so every emitted chunk (including
//!   author-written `js!` text) is verified at compile time.
//! - [`translate_fn`] translates a plain `fn` (used by the differential
//!   tests, and usable for `computed!`-style bodies).
//!
//! # Pipeline
//! `syn` AST → `lower/` (a typed walk producing a JS IR, `ir.rs`) →
//! `emit.rs` (JS text, readable or compact). Runtime helpers live in
//! `helpers/`.
//!
//! # Captures
//! Free variables of the closure are captures. A capture used as the
//! receiver of `.get()`, `.set(..)`, `.update(..)` or `.with(..)` is a
//! [`CaptureKind::Signal`]; any other is a [`CaptureKind::Value`] (a `Copy`
//! value serialised at render time). In the browser both arrive as client
//! signals (protocol §1), so a value capture `step` is read as `step.get()`.
//! A signal may only be used through those methods; a value capture is
//! read-only (assigning to it is a compile error). [`Capture::checks`]
//! gives the compile-time assertions the macro should place next to the
//! closure: the assumed type, and `Copy` for value captures.
//!
//! # Types: what rs2js infers and what it assumes
//! rustc's types are not visible to a proc macro, but Rust's meaning
//! depends on them (`7 / 2` is `3` for integers and `3.5` for floats). rs2js
//! infers types from literals (`0u64`, `1.5`), annotations (`let x: u32`),
//! `as` casts, closure parameter annotations, struct definitions it was
//! given, and the results of the methods it knows. Unsuffixed integer
//! literals default to `i32` and float literals to `f64`, like rustc. A
//! captured variable's type is unknown at first; when the translation
//! depends on it (for example `count.get() + 1` picks `i32` arithmetic), the
//! assumed type is reported in [`Capture::assumed_type`] and the macro emits
//! `let _: &TYPE = &name;`, so a wrong guess is a Rust compile error rather
//! than wrong JS. Signal types are written `::resuma::Signal<T>`; `_` stands
//! for parts that do not matter. Where a type cannot be inferred and
//! matters (a field of an unknown struct used in arithmetic, say), the
//! translation fails with a message asking for an annotation.
//!
//! Some operations need no type because rustc has checked the closure and
//! the value's JSON form decides Rust's result: `{}`/`to_string()` of a
//! value of unknown type (a string, char, bool or number prints exactly as
//! in Rust; anything else, such as a struct with its own `Display`, throws
//! an `Error`), `!` (a bool is negated; an integer throws, since bitwise
//! not depends on its width) and `==`/`!=` (structural). Ordering (`<`,
//! ...) of unknown types is refused: a JSON string may be a `String` or a
//! unit enum variant, which Rust orders differently.
//!
//! # Value representation in the browser
//! Values have their `serde_json` form, as in the page state: integers and
//! floats are JS numbers, `char` and strings are JS strings, `Vec` and
//! tuples are arrays, structs are objects, `Option` is the value or `null`,
//! `Result` is `{Ok: v}`/`{Err: e}`, enums are externally tagged. `()` is
//! `undefined`. `Option<Option<T>>` is refused (both `None` and
//! `Some(None)` would be `null`).
//!
//! # Integers
//! `i8`–`i32` and `u8`–`u32` behave exactly like Rust in a debug build:
//! overflow throws an `Error("attempt to add with overflow")` (the panic),
//! division truncates and panics on zero, `as` wraps, shifts and bit
//! operations are two's complement. `i64`, `u64`, `isize`, `usize` are JS
//! numbers, exact up to 2^53 - 1 in magnitude (no BigInt, so they mix with
//! the JSON state and DOM APIs): arithmetic is checked against that range,
//! and a result outside it throws an error naming the limit, where Rust
//! would still have an exact value. Literals above 2^53 - 1 and
//! `i64::MAX`-style constants are compile errors. `i128`/`u128` are
//! refused.
//!
//! # Server functions
//! `let r = search(q).await;` becomes `await r.call("search", [q])`: the
//! arguments are passed **positionally** (an array), because the
//! translator only sees the call site, not the function's parameter names.
//! The result type is `Result<_, ServerFnError>`. `action.dispatch(search(q))`
//! on a captured `resuma::Action` makes the same call through the chunk
//! helper `$dispatch`, which also writes the action's signals; the capture
//! is then a [`CaptureKind::Value`] assumed to be `::resuma::Action<_>`.
//!
//! # `js!`
//! `js! { ... }` and `js!(r#"..."#)` inside a body emit the author's text
//! exactly (the raw-string form keeps every byte; the token form keeps the
//! source text as written, comments and newlines included). In statement
//! position the text is a statement list; in expression position it is
//! wrapped in parentheses.
//!
//! # Not supported
//! Anything outside the subset is a `syn::Error` at the exact span with a
//! plain sentence naming the construct and pointing to `js!{}`. See the
//! crate README (`crates/rs2js/README.md`) for the list.

#[cfg(feature = "check")]
mod check;
mod emit;
mod helpers;
mod ir;
mod lower;
mod ty;

use std::collections::BTreeSet;

#[cfg(feature = "check")]
pub use check::check_js;
/// Renders a Rust string as a JS double-quoted string literal (pure ASCII,
/// never containing `</script`).
pub use emit::js_string;
use ir::{Arrow, Param, Stmt};
use lower::{Dest, FnCtx, Hints, LocalKind, Lowerer};
use syn::spanned::Spanned;
use ty::{Ty, VarKind};

/// How a captured variable crosses to the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureKind {
    /// A `Signal<T>`: the browser gets the live client signal.
    Signal,
    /// A `Copy` value: serialised at render time, read-only in the browser.
    Value,
}

/// One variable the closure captures from its environment.
#[derive(Debug, Clone)]
pub struct Capture {
    /// The variable's name in the Rust source (its span points at the first use).
    pub name: syn::Ident,
    /// Signal or plain value.
    pub kind: CaptureKind,
    /// The Rust type the translation assumed, if it assumed one; the macro
    /// emits a compile-time assertion that the variable really has it.
    pub assumed_type: Option<syn::Type>,
}

impl Capture {
    /// Compile-time checks for this capture, as statements to place where
    /// the variable is in scope (next to the closure): the assumed type
    /// (the value's type must be the assumed one; the error names the value
    /// and how to declare its type) and, for a value capture, that it is
    /// `Copy` — a value crosses to the browser as a copy serialised into the
    /// page, so anything else (a `Vec`, a `String`, a struct that is not
    /// `Copy`) is a Rust compile error here, whose message names the check
    /// and whose span is the captured variable.
    pub fn checks(&self) -> proc_macro2::TokenStream {
        let name = &self.name;
        let span = name.span();
        let mut out = proc_macro2::TokenStream::new();
        if let Some(t) = &self.assumed_type {
            // A trait of its own per check, so that the message can name the
            // value and say how to declare it.
            let message = format!(
                "the browser's translation assumed `{name}` is a `{{A}}`, but it is a `{{Self}}`"
            );
            let note = format!(
                "declare `{name}`'s type where it is made, so the translation knows it: `use_signal::<T>(..)`, \
                 `let {name}: Signal<T> = ..`, a typed literal (`use_signal(0u64)`) or a typed prop; \
                 for a struct or enum it holds, `#[derive(SignalData)]` on that type"
            );
            out.extend(quote::quote_spanned!(span=> {
                #[diagnostic::on_unimplemented(message = #message, label = "its type is not declared", note = #note)]
                trait DeclaredType<A: ?Sized> {}
                impl<T: ?Sized> DeclaredType<T> for T {}
                fn declared_type<A: ?Sized, T: DeclaredType<A> + ?Sized>(_: &T) {}
                declared_type::<#t, _>(&#name);
            }));
        }
        if self.kind == CaptureKind::Value {
            out.extend(quote::quote_spanned!(span=> {
                #[allow(non_snake_case)]
                fn a_value_captured_by_a_handler_must_be_Copy_to_be_sent_to_the_browser<T: ::core::marker::Copy>(_: &T) {}
                a_value_captured_by_a_handler_must_be_Copy_to_be_sent_to_the_browser(&#name);
            }));
        }
        out
    }
}

/// A translated handler closure.
#[derive(Debug, Clone)]
pub struct Handler {
    /// A JS arrow function `([cap0, cap1], e, r) => { ... }` (protocol.md §6).
    pub js: String,
    /// Captures in the order the function destructures them.
    pub captures: Vec<Capture>,
    /// Names of the runtime helpers `js` calls (emitted once per chunk).
    pub helpers: Vec<String>,
    /// The same function without optional whitespace (for release chunks).
    pub js_compact: String,
    /// The Rust type of the closure's value, when the translation fixed it
    /// (a `computed!` body's `q.get().len()` is `usize`): what a signal
    /// holding it is declared as. `None` when unknown or unwritable.
    pub value_type: Option<syn::Type>,
    /// Names of the user's structs and enums whose fields or variants the
    /// closure uses without rs2js having their definitions (give them in
    /// [`Env::items`] for their real field types).
    pub wanted_types: Vec<String>,
    /// Whether the function may call a server function through the
    /// runtime's `call` (`search(q).await`, `action.dispatch(..)`, or a
    /// `js!` text that mentions `call`): a page with such a handler needs
    /// the full core runtime, the lite one has no `call`.
    pub calls_server: bool,
}

/// A translated plain function (see [`translate_fn`]).
#[derive(Debug, Clone)]
pub struct Function {
    /// The function's name.
    pub name: String,
    /// A JS arrow function taking the same parameters in the same order.
    pub js: String,
    /// Names of the runtime helpers `js` calls.
    pub helpers: Vec<String>,
    /// The same function without optional whitespace.
    pub js_compact: String,
    /// As [`Handler::wanted_types`].
    pub wanted_types: Vec<String>,
}

impl Function {
    /// A standalone ES module exporting the function under its name.
    pub fn module_source(&self) -> String {
        let mut out = helpers_source(self.helpers.iter(), false);
        out.push_str(&format!("export const {} = {};\n", self.name, self.js));
        out
    }

    /// The module without optional whitespace.
    pub fn module_source_compact(&self) -> String {
        let mut out = helpers_source(self.helpers.iter(), true);
        out.push_str(&format!("export const {}={};", self.name, self.js_compact));
        out
    }
}

fn helpers_source<'a>(names: impl Iterator<Item = &'a String>, compact: bool) -> String {
    let set: BTreeSet<&String> = names.collect();
    let mut out = String::new();
    for h in set {
        out.push_str(&if compact {
            helpers::source_compact(h)
        } else {
            helpers::source(h)
        });
    }
    out
}

/// Translate a handler closure (`move |e| ...`). Errors carry the span of the
/// offending token and a plain sentence.
pub fn translate_handler(closure: &syn::ExprClosure) -> syn::Result<Handler> {
    translate_handler_with(closure, &[])
}

/// What is known about a closure's surroundings: the declared types of the
/// variables it may capture, and the user's struct and enum definitions.
///
/// A capture with a declared type starts from it instead of an unknown type,
/// so `next.get() + 1` on a `Signal<u32>` is `u32` arithmetic rather than an
/// assumed `i32`. The macro still asserts the type (`let _: &TYPE = &name;`),
/// so a declaration read wrongly is a Rust compile error, never wrong JS.
///
/// ```
/// let mut env = rs2js::Env::default();
/// env.types.insert("next".into(), syn::parse_quote!(Signal<u32>));
/// let closure: syn::ExprClosure = syn::parse_quote!(move |_| next.set(next.get() / 2));
/// let handler = rs2js::translate_handler_in(&closure, &env).unwrap();
/// assert_eq!(handler.captures[0].assumed_type, Some(syn::parse_quote!(::resuma::Signal<u32>)));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// Variable name → its declared Rust type (`Signal<u32>`, `i32`, `String`).
    pub types: std::collections::HashMap<String, syn::Type>,
    /// Struct and enum definitions the closure's values may have.
    pub items: Vec<syn::Item>,
}

/// Like [`translate_handler`], with what [`Env`] knows of the surroundings.
pub fn translate_handler_in(closure: &syn::ExprClosure, env: &Env) -> syn::Result<Handler> {
    with_passes(|hints| {
        let mut lw = Lowerer::new(true, hints);
        lw.add_items(&env.items);
        lw.declared = env.types.clone();
        let r = handler_body(&mut lw, closure);
        let learned = lw.learned_hints();
        (r, learned)
    })
}

/// Like [`translate_handler`], with the definitions of the user's structs
/// and enums the body uses (their field types drive the translation).
pub fn translate_handler_with(
    closure: &syn::ExprClosure,
    items: &[syn::Item],
) -> syn::Result<Handler> {
    with_passes(|hints| handler_pass(closure, items, hints))
}

/// Translate a plain function with typed parameters, e.g.
/// `fn f(a: i32, b: &str) -> String { ... }`, into a JS arrow function
/// taking the same parameters. `items` are struct/enum definitions it uses.
pub fn translate_fn(f: &syn::ItemFn, items: &[syn::Item]) -> syn::Result<Function> {
    with_passes(|hints| fn_pass(f, items, hints))
}

/// Runs lowering passes until the types learned stop changing (at most
/// three): each pass starts from what the previous one learned, so a use
/// early in the body sees a type that is only fixed later (as rustc would).
fn with_passes<T>(mut pass: impl FnMut(Hints) -> (syn::Result<T>, Hints)) -> syn::Result<T> {
    let mut hints = Hints::default();
    let mut last = None;
    for _ in 0..3 {
        let (r, learned) = pass(hints.clone());
        let stable = lower::same_hints(&hints, &learned);
        last = Some(r);
        if stable {
            break;
        }
        hints = learned;
    }
    last.unwrap()
}

fn handler_pass(
    closure: &syn::ExprClosure,
    items: &[syn::Item],
    hints: Hints,
) -> (syn::Result<Handler>, Hints) {
    let mut lw = Lowerer::new(true, hints);
    lw.add_items(items);
    let r = handler_body(&mut lw, closure);
    let learned = lw.learned_hints();
    (r, learned)
}

fn handler_body(lw: &mut Lowerer, closure: &syn::ExprClosure) -> syn::Result<Handler> {
    if closure.asyncness.is_some() {
        return Err(syn::Error::new(
            closure.asyncness.span(),
            "rs2js: write the handler as a plain closure; it becomes async by itself when its body uses `.await`",
        ));
    }
    if closure.inputs.len() > 1 {
        return Err(syn::Error::new(
            closure.inputs.span(),
            "rs2js: a handler closure takes at most one parameter, the event",
        ));
    }
    lw.has_runtime = true;
    lw.scan_signals(&closure.body);
    if let Some(p) = closure.inputs.first() {
        let p = match p {
            syn::Pat::Type(pt) => &*pt.pat,
            p => p,
        };
        match p {
            syn::Pat::Ident(pi) if pi.subpat.is_none() => {
                lw.bind_special(&pi.ident.to_string(), "e", Ty::Event, LocalKind::Event);
            }
            syn::Pat::Wild(_) => {}
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    "rs2js: the handler's parameter must be a plain name or `_`",
                ))
            }
        }
    }
    let ret = match &closure.output {
        syn::ReturnType::Type(_, t) => lw.rust_type(t)?,
        syn::ReturnType::Default => lw.types.fresh(VarKind::Any),
    };
    lw.fns.push(FnCtx {
        ret,
        is_async: false,
    });
    let mut body = Vec::new();
    // The closure's value is returned (a `when`/computed closure needs it;
    // event handlers' results are ignored by the runtime).
    let value = lw.expr_to(&closure.body, &Dest::Return, &mut body, None)?;
    if let Some(Stmt::Return(None)) = body.last() {
        body.pop();
    }
    lw.finalize(&mut body);
    lw.check_unknown_order()?;
    body.splice(0..0, lw.value_reads());
    let f = lw.fns.pop().unwrap();
    let value_type = lower::assumable(&lw.types.resolve(&value), true)
        .and_then(|s| syn::parse_str::<syn::Type>(&s).ok());
    if !lw.captures.is_empty() && closure.capture.is_none() {
        let c = &lw.captures[0];
        return Err(syn::Error::new(
            closure.span(),
            format!(
                "rs2js: this handler uses `{}` from its surroundings, so it must be a `move` closure (its captures are serialised into the page)",
                c.ident
            ),
        ));
    }
    let mut captures = Vec::new();
    let mut names = Vec::new();
    for c in &lw.captures {
        names.push(c.js.clone());
        let t = lw.types.resolve(&c.ty);
        let assumed =
            lower::assumable(&t, c.signal).and_then(|s| syn::parse_str::<syn::Type>(&s).ok());
        captures.push(Capture {
            name: c.ident.clone(),
            kind: if c.signal {
                CaptureKind::Signal
            } else {
                CaptureKind::Value
            },
            assumed_type: assumed,
        });
    }
    let arrow = Arrow {
        params: vec![
            Param::Array(names),
            Param::Name("e".into()),
            Param::Name("r".into()),
        ],
        body,
        is_async: f.is_async,
    };
    let f = ir::Expr::Arrow(Box::new(arrow));
    let js = emit::expr(&f);
    let js_compact = emit::expr_compact(&f);
    Ok(Handler {
        js,
        captures,
        helpers: lw.helpers.iter().cloned().collect(),
        js_compact,
        value_type,
        wanted_types: lw.wanted.iter().cloned().collect(),
        calls_server: lw.calls_server,
    })
}

fn fn_pass(f: &syn::ItemFn, items: &[syn::Item], hints: Hints) -> (syn::Result<Function>, Hints) {
    let mut lw = Lowerer::new(false, hints);
    lw.add_items(items);
    let r = fn_body(&mut lw, f);
    let learned = lw.learned_hints();
    (r, learned)
}

fn fn_body(lw: &mut Lowerer, f: &syn::ItemFn) -> syn::Result<Function> {
    if let Some(a) = &f.sig.asyncness {
        return Err(syn::Error::new(
            a.span(),
            "rs2js: `async fn` is not supported; use a handler with `.await`",
        ));
    }
    if !f.sig.generics.params.is_empty() {
        return Err(syn::Error::new(
            f.sig.generics.span(),
            "rs2js cannot translate a generic function",
        ));
    }
    let mut params = Vec::new();
    let mut body = Vec::new();
    for input in &f.sig.inputs {
        match input {
            syn::FnArg::Typed(pt) => {
                let t = lw.rust_type(&pt.ty)?;
                let name = lw.param_pattern(&pt.pat, &t, &mut body)?;
                params.push(Param::Name(name));
            }
            syn::FnArg::Receiver(r) => {
                return Err(syn::Error::new(
                    r.span(),
                    "rs2js cannot translate methods (`self`)",
                ))
            }
        }
    }
    let ret = match &f.sig.output {
        syn::ReturnType::Default => Ty::Unit,
        syn::ReturnType::Type(_, t) => lw.rust_type(t)?,
    };
    lw.fns.push(FnCtx {
        ret: ret.clone(),
        is_async: false,
    });
    lw.block_to(&f.block, &Dest::Return, &mut body, Some(&ret))?;
    lw.finalize(&mut body);
    lw.check_unknown_order()?;
    lw.fns.pop();
    let arrow = Arrow {
        params,
        body,
        is_async: false,
    };
    let e = ir::Expr::Arrow(Box::new(arrow));
    let js = emit::expr(&e);
    let js_compact = emit::expr_compact(&e);
    Ok(Function {
        name: f.sig.ident.to_string(),
        js,
        helpers: lw.helpers.iter().cloned().collect(),
        js_compact,
        wanted_types: lw.wanted.iter().cloned().collect(),
    })
}

/// The handlers of one `view!`, emitted as one ES module.
#[derive(Debug, Default)]
pub struct Chunk {
    handlers: Vec<Handler>,
}

impl Chunk {
    /// An empty chunk.
    pub fn new() -> Self {
        Self::default()
    }
    /// Add a handler; returns its export name (`h0`, `h1`, ...).
    pub fn add(&mut self, handler: Handler) -> String {
        self.handlers.push(handler);
        format!("h{}", self.handlers.len() - 1)
    }
    /// Whether no handler was added.
    pub fn is_empty(&self) -> bool {
        self.handlers.is_empty()
    }
    /// The ES module source: helpers once, then `export const h0 = ...;`
    /// per handler. Indented and readable (for debug builds).
    pub fn module_source(&self) -> String {
        let mut out = helpers_source(self.handlers.iter().flat_map(|h| h.helpers.iter()), false);
        for (i, h) in self.handlers.iter().enumerate() {
            out.push_str(&format!("export const h{i} = {};\n", h.js));
        }
        out
    }

    /// The same module without optional whitespace (for release builds).
    pub fn module_source_compact(&self) -> String {
        let mut out = helpers_source(self.handlers.iter().flat_map(|h| h.helpers.iter()), true);
        for (i, h) in self.handlers.iter().enumerate() {
            out.push_str(&format!("export const h{i}={};", h.js_compact));
        }
        out
    }
}
