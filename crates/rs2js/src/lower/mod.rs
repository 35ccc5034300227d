//! Lowering: Rust syntax (`syn`) → typed walk → JS IR.
//!
//! The walk keeps a scope stack (Rust name → unique JS name and type), the
//! inference table, the captured variables, and the set of runtime helpers
//! the output uses. Rust is expression-oriented and JS is not, so every
//! expression is lowered with a buffer of *pre-statements*: constructs such
//! as `if`, `match`, `loop` or `?` in value position write statements into
//! that buffer and yield a temporary; operands evaluated before them are
//! spilled to temporaries so evaluation order stays Rust's.

mod builtins;
mod closure;
mod expr;
mod finalize;
mod fmt;
mod hints;
mod literal;
mod loops;
mod macros;
mod method;
mod ops;
mod pat;
mod scope;
mod server_call;
mod signals;
mod stmt;
mod structs;
mod types;

pub(crate) use hints::{assumable, same_hints, Hints};
use scope::RESERVED;

use std::collections::{BTreeSet, HashMap, HashSet};

use proc_macro2::Span;

use crate::ir::{Expr, Stmt};
use crate::ty::{Ty, Types};

/// An error at a span, in a plain sentence.
pub(crate) fn err<T>(span: Span, msg: impl Into<String>) -> syn::Result<T> {
    Err(syn::Error::new(span, msg.into()))
}

/// The sentence every "not supported" error ends with.
pub(crate) const USE_JS: &str = "write this part in JavaScript with `js! { ... }` instead";

/// Reports an unsupported construct.
pub(crate) fn unsupported<T>(span: Span, what: &str) -> syn::Result<T> {
    err(
        span,
        format!("rs2js cannot translate {what} to JavaScript; {USE_JS}"),
    )
}

/// The names of a path's segments (`std::cmp::max` → `["std", "cmp", "max"]`).
pub(crate) fn path_names(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// What a Rust name refers to.
#[derive(Clone, Debug)]
pub(crate) struct Local {
    pub js: String,
    pub ty: Ty,
    pub kind: LocalKind,
}

#[derive(Clone, Debug)]
pub(crate) enum LocalKind {
    Plain,
    /// The handler's DOM event parameter.
    Event,
    /// A captured variable (index into `captures`).
    Capture(usize),
    /// A name for a place (`for x in v.iter_mut()` binds `x` to `v[i]`),
    /// so reads and writes through it reach the element.
    Alias(Expr),
}

/// A captured variable found while lowering.
#[derive(Clone, Debug)]
pub(crate) struct CaptureInfo {
    pub ident: syn::Ident,
    pub js: String,
    pub signal: bool,
    /// For signals the signal type, for values the value type.
    pub ty: Ty,
    /// For a value the body reads: the JS name of its value, read from its
    /// read-only client signal once at the start of the handler (see
    /// [`Lowerer::value_reads`]). A value never changes while a handler
    /// runs, and a read in a loop would otherwise be a call per iteration.
    /// None for a signal, and for a value only passed on as it is (an
    /// action to `$dispatch`).
    pub value: Option<String>,
}

/// Per-function state (the handler itself and every nested closure).
#[derive(Clone, Debug)]
pub(crate) struct FnCtx {
    pub ret: Ty,
    pub is_async: bool,
}

/// Per-loop state for `break`/`continue`.
#[derive(Clone, Debug)]
pub(crate) struct LoopCtx {
    pub rust_label: Option<String>,
    pub js_label: String,
    /// Temporary receiving `break value` (for `loop` and labelled blocks).
    pub result: Option<String>,
    pub ty: Ty,
    /// Labelled blocks accept only labelled breaks and no `continue`.
    pub is_block: bool,
    /// Whether a JS label is needed (set when a labelled break targets it).
    pub used_label: bool,
    /// Whether any `break` targets this loop (a `loop` without one never
    /// ends normally).
    pub has_break: bool,
}

/// Where the value of a lowered expression goes.
#[derive(Clone, Debug)]
pub(crate) enum Dest {
    /// Evaluate for effects only.
    Discard,
    /// Assign to this (already declared) JS variable.
    Assign(String),
    /// `return` it from the current function.
    Return,
}

pub(crate) struct Lowerer {
    pub types: Types,
    scopes: Vec<HashMap<String, Local>>,
    used: HashSet<String>,
    pub captures: Vec<CaptureInfo>,
    /// Free names used as receivers of signal methods (pre-pass).
    signal_names: HashSet<String>,
    pub helpers: BTreeSet<String>,
    pub fns: Vec<FnCtx>,
    pub loops: Vec<LoopCtx>,
    /// Whether free variables become captures (handlers) or are errors
    /// (plain functions).
    allow_captures: bool,
    /// Whether the handler runtime object `r` is available.
    pub has_runtime: bool,
    /// Whether the body may call a server function through `r.call` (see
    /// [`crate::Handler::calls_server`]).
    pub calls_server: bool,
    tmp_count: usize,
    /// Counts `let` bindings in walk order (key for `Hints::locals`).
    binding_count: usize,
    pub hints: Hints,
    pub learned: Hints,
    /// User struct definitions known to the translator (field types).
    pub structs: HashMap<String, Vec<(String, syn::Type)>>,
    /// Declared types of the variables a closure may capture (see
    /// [`crate::Env`]): a capture starts with its declared type instead of
    /// an unknown one.
    pub declared: HashMap<String, syn::Type>,
    /// User types whose fields the body uses but whose definitions rs2js
    /// was not given (see [`crate::Handler::wanted_types`]).
    pub wanted: BTreeSet<String>,
    /// Names of user enums and their variants' field counts (`None` for
    /// struct-like variants).
    pub enums: HashMap<String, Vec<(String, VariantShape)>>,
    /// Local `fn` items declared in the body (name → JS name, type).
    pub local_fns: HashMap<String, (String, Ty)>,
    /// Closures being lowered: the scope depth where each starts and the
    /// outer locals its body reads (a `move` closure copies them).
    pub closure_frames: Vec<(usize, std::collections::BTreeSet<String>)>,
    /// `<`/`<=`/`>`/`>=` whose operand type was unknown when lowered
    /// (inference variable, operator span): checked after `finalize`.
    pub unknown_order: Vec<(usize, Span)>,
}

/// The shape of an enum variant, which decides its serde JSON form.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum VariantShape {
    Unit,
    Tuple(Vec<syn::Type>),
    Struct(Vec<(String, syn::Type)>),
}

impl Lowerer {
    pub fn new(allow_captures: bool, hints: Hints) -> Self {
        let mut used = HashSet::new();
        for r in RESERVED {
            used.insert((*r).to_string());
        }
        Lowerer {
            types: Types::default(),
            scopes: vec![HashMap::new()],
            used,
            captures: Vec::new(),
            signal_names: HashSet::new(),
            helpers: BTreeSet::new(),
            fns: Vec::new(),
            loops: Vec::new(),
            allow_captures,
            has_runtime: false,
            calls_server: false,
            tmp_count: 0,
            binding_count: 0,
            hints,
            learned: Hints::default(),
            structs: HashMap::new(),
            declared: HashMap::new(),
            wanted: BTreeSet::new(),
            enums: HashMap::new(),
            local_fns: HashMap::new(),
            closure_frames: Vec::new(),
            unknown_order: Vec::new(),
        }
    }

    /// Registers the user's struct and enum definitions (their serde form
    /// and field types drive translation of literals, patterns and fields).
    pub fn add_items(&mut self, items: &[syn::Item]) {
        for item in items {
            match item {
                syn::Item::Struct(s) => {
                    let fields = s
                        .fields
                        .iter()
                        .enumerate()
                        .map(|(i, f)| {
                            (
                                f.ident
                                    .as_ref()
                                    .map(|i| i.to_string())
                                    .unwrap_or_else(|| i.to_string()),
                                f.ty.clone(),
                            )
                        })
                        .collect();
                    self.structs.insert(s.ident.to_string(), fields);
                }
                syn::Item::Enum(en) => {
                    let vars = en
                        .variants
                        .iter()
                        .map(|v| {
                            let shape = match &v.fields {
                                syn::Fields::Unit => VariantShape::Unit,
                                syn::Fields::Unnamed(u) => VariantShape::Tuple(
                                    u.unnamed.iter().map(|f| f.ty.clone()).collect(),
                                ),
                                syn::Fields::Named(n) => VariantShape::Struct(
                                    n.named
                                        .iter()
                                        .map(|f| {
                                            (f.ident.as_ref().unwrap().to_string(), f.ty.clone())
                                        })
                                        .collect(),
                                ),
                            };
                            (v.ident.to_string(), shape)
                        })
                        .collect();
                    self.enums.insert(en.ident.to_string(), vars);
                }
                _ => {}
            }
        }
    }

    /// Records the names the body uses as signals (`x.get()`, `x.set(..)`,
    /// `x.update(..)`, `x.with(..)` on a plain name).
    pub fn scan_signals(&mut self, body: &syn::Expr) {
        use syn::visit::Visit;
        struct V<'a>(&'a mut HashSet<String>);
        impl<'ast> Visit<'ast> for V<'_> {
            fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
                let name = m.method.to_string();
                if matches!(
                    name.as_str(),
                    "get" | "set" | "update" | "with" | "get_untracked" | "set_untracked"
                ) {
                    if let syn::Expr::Path(p) = &*m.receiver {
                        if let Some(id) = p.path.get_ident() {
                            let is_signal_get = name != "get" || m.args.is_empty();
                            if is_signal_get {
                                self.0.insert(id.to_string());
                            }
                        }
                    }
                }
                syn::visit::visit_expr_method_call(self, m);
            }
            // `format!(..)`, `assert!(..)`, `vec![..]`: their arguments are
            // expressions too (syn keeps macro bodies as tokens).
            fn visit_macro(&mut self, mac: &'ast syn::Macro) {
                use syn::parse::Parser;
                let parser =
                    syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
                if let Ok(args) = parser.parse2(mac.tokens.clone()) {
                    for a in &args {
                        self.visit_expr(a);
                    }
                }
            }
        }
        V(&mut self.signal_names).visit_expr(body);
    }

    /// Records a helper as used and returns a reference to it.
    pub fn helper(&mut self, name: &str) -> Expr {
        crate::helpers::require(&mut self.helpers, name);
        Expr::Helper(format!("${name}"))
    }

    /// Calls a helper.
    pub fn call_helper(&mut self, name: &str, args: Vec<Expr>) -> Expr {
        let h = self.helper(name);
        Expr::call(h, args)
    }

    /// Emits `let t = e;` unless `e` is a constant, returning an expression
    /// that can be read several times.
    pub fn spill(&mut self, e: Expr, out: &mut Vec<Stmt>) -> Expr {
        if e.is_simple() {
            return e;
        }
        let t = self.tmp();
        out.push(Stmt::Let(t.clone(), Some(e)));
        Expr::Var(t)
    }

    /// Adds an operand's pre-statements after earlier operands: earlier
    /// operands that could observe those statements are spilled first so
    /// they are still evaluated first.
    pub fn join(&mut self, out: &mut Vec<Stmt>, done: &mut [Expr], pre: Vec<Stmt>) {
        if pre.is_empty() {
            return;
        }
        for d in done.iter_mut() {
            if !d.is_constant() {
                let t = self.tmp();
                let old = std::mem::replace(d, Expr::Var(t.clone()));
                out.push(Stmt::Let(t, Some(old)));
            }
        }
        out.extend(pre);
    }

    /// Writes a value to a destination.
    pub fn write_dest(&mut self, e: Expr, ty: &Ty, dest: &Dest, out: &mut Vec<Stmt>) {
        if matches!(self.types.shallow(ty), Ty::Never) {
            // Control already left; evaluating for effects is enough.
            if !e.is_simple() {
                out.push(Stmt::Expr(e));
            }
            return;
        }
        match dest {
            Dest::Discard => {
                if !e.is_simple() {
                    out.push(Stmt::Expr(e));
                }
            }
            Dest::Assign(t) => out.push(Stmt::Expr(Expr::assign(Expr::var(t.clone()), e))),
            Dest::Return => {
                let unit = matches!(self.types.shallow(ty), Ty::Unit);
                if unit {
                    if !e.is_simple() {
                        out.push(Stmt::Expr(e));
                    }
                    out.push(Stmt::Return(None));
                } else {
                    out.push(Stmt::Return(Some(e)));
                }
            }
        }
    }
}
