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
mod expr;
mod fmt;
mod method;
mod ops;
mod pat;
mod stmt;

use std::collections::{BTreeSet, HashMap, HashSet};

use proc_macro2::Span;
use syn::spanned::Spanned;

use crate::ir::{Expr, Stmt};
use crate::ty::{Ty, Types, VarKind};

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

/// Types learned in one pass, fed to the next so that early uses see types
/// fixed by later ones (rustc infers over the whole body; one forward walk
/// cannot).
#[derive(Clone, Debug, Default)]
pub(crate) struct Hints {
    pub captures: HashMap<String, Ty>,
    pub locals: HashMap<usize, Ty>,
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
    tmp_count: usize,
    /// Counts `let` bindings in walk order (key for `Hints::locals`).
    binding_count: usize,
    pub hints: Hints,
    pub learned: Hints,
    /// User struct definitions known to the translator (field types).
    pub structs: HashMap<String, Vec<(String, syn::Type)>>,
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

/// JS names that user variables must never take.
const RESERVED: &[&str] = &[
    "e",
    "r",
    "arguments",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "undefined",
    "NaN",
    "Infinity",
    "Object",
    "Array",
    "Math",
    "String",
    "Number",
    "Boolean",
    "JSON",
    "Error",
    "BigInt",
    "Symbol",
    "console",
    "globalThis",
    "window",
    "document",
    "structuredClone",
    "Promise",
    "Map",
    "Set",
    "Date",
    "RegExp",
    "parseInt",
    "parseFloat",
    "isNaN",
    "isFinite",
    "TextEncoder",
    "Reflect",
    "Proxy",
    "of",
    "async",
    "get",
    "set",
];

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
            tmp_count: 0,
            binding_count: 0,
            hints,
            learned: Hints::default(),
            structs: HashMap::new(),
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

    pub fn scopes_len(&self) -> usize {
        self.scopes.len()
    }

    pub fn push_scope(&mut self) {
        self.scopes.push(HashMap::new());
    }
    pub fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    /// A fresh JS name based on `base`, unique within the output.
    pub fn fresh_name(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "v" } else { base };
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let mut i = 1;
        loop {
            let n = format!("{base}{i}");
            if self.used.insert(n.clone()) {
                return n;
            }
            i += 1;
        }
    }

    /// A fresh temporary name.
    pub fn tmp(&mut self) -> String {
        loop {
            let n = format!("t{}", self.tmp_count);
            self.tmp_count += 1;
            if self.used.insert(n.clone()) {
                return n;
            }
        }
    }

    /// Declares a local binding and returns its JS name. The type may be
    /// refined by the hints of an earlier pass.
    pub fn bind(&mut self, name: &str, ty: Ty) -> String {
        let key = self.binding_count;
        self.binding_count += 1;
        if let Some(h) = self.hints.locals.get(&key).cloned() {
            let h = self.instantiate(&h);
            let _ = self.types.unify(&ty, &h);
        }
        self.learned.locals.insert(key, ty.clone());
        let js = self.fresh_name(name);
        self.scopes.last_mut().unwrap().insert(
            name.to_string(),
            Local {
                js: js.clone(),
                ty,
                kind: LocalKind::Plain,
            },
        );
        js
    }

    /// Declares a name with an explicit kind and JS name.
    pub fn bind_special(&mut self, name: &str, js: &str, ty: Ty, kind: LocalKind) {
        if !js.is_empty() {
            self.used.insert(js.to_string());
        }
        self.scopes.last_mut().unwrap().insert(
            name.to_string(),
            Local {
                js: js.to_string(),
                ty,
                kind,
            },
        );
    }

    pub fn lookup(&self, name: &str) -> Option<&Local> {
        self.scopes.iter().rev().find_map(|s| s.get(name))
    }

    /// Notes that a plain local was read, for the closures it is outer to.
    pub fn note_use(&mut self, name: &str) {
        let depth = match self.scopes.iter().rposition(|s| s.contains_key(name)) {
            Some(d) => d,
            None => return,
        };
        let js = match self.scopes[depth].get(name) {
            Some(Local {
                js,
                kind: LocalKind::Plain,
                ..
            }) => js.clone(),
            _ => return,
        };
        for (start, set) in self.closure_frames.iter_mut() {
            if depth < *start {
                set.insert(js.clone());
            }
        }
    }

    /// Looks a free name up as a capture, creating it on first use.
    pub fn capture(&mut self, ident: &syn::Ident) -> syn::Result<Local> {
        let name = ident.to_string();
        if let Some(l) = self.lookup(&name) {
            return Ok(l.clone());
        }
        if !self.allow_captures {
            return err(
                ident.span(),
                format!("`{name}` is not defined here; a translated function can only use its parameters and its own variables"),
            );
        }
        let signal = self.signal_names.contains(&name);
        let inner = self.types.fresh(VarKind::Any);
        let ty = if signal {
            Ty::Signal(Box::new(inner))
        } else {
            inner
        };
        if let Some(h) = self.hints.captures.get(&name).cloned() {
            let h = self.instantiate(&h);
            let _ = self.types.unify(&ty, &h);
        }
        let js = self.fresh_name(&name);
        let idx = self.captures.len();
        self.captures.push(CaptureInfo {
            ident: ident.clone(),
            js: js.clone(),
            signal,
            ty: ty.clone(),
        });
        let local = Local {
            js,
            ty,
            kind: LocalKind::Capture(idx),
        };
        // Captures live in the outermost scope so later uses find them.
        self.scopes[0].insert(name, local.clone());
        Ok(local)
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

    /// Unifies or reports a type mismatch at `span`.
    pub fn unify_at(&mut self, span: Span, a: &Ty, b: &Ty, what: &str) -> syn::Result<()> {
        if self.types.unify(a, b) {
            Ok(())
        } else {
            let (a, b) = (self.types.resolve(a), self.types.resolve(b));
            err(span, format!("rs2js: {what}: expected `{a}`, found `{b}`"))
        }
    }

    /// Settles a type to something concrete enough to pick an operation,
    /// defaulting numeric literals like rustc.
    pub fn settle(&mut self, t: &Ty) -> Ty {
        self.types.default_numeric(t)
    }

    /// The type to decide an operation by, without fixing a numeric
    /// literal's type: an unsettled integer literal reads as `i32` here but
    /// may still become `u64` later (operations on it are deferred).
    pub fn peek(&self, t: &Ty) -> Ty {
        let s = self.types.shallow(t);
        match self.types.var_kind(&s) {
            Some(VarKind::Int) => Ty::Int(crate::ty::IntTy::I32),
            Some(VarKind::Float) => Ty::F64,
            _ => s,
        }
    }

    /// The inference variable of an unsettled integer literal type.
    pub fn int_var(&self, t: &Ty) -> Option<usize> {
        match self.types.shallow(t) {
            Ty::Var(v) if self.types.var_kind(&Ty::Var(v)) == Some(VarKind::Int) => Some(v),
            _ => None,
        }
    }

    /// Converts a Rust type written by the user.
    pub fn rust_type(&mut self, t: &syn::Type) -> syn::Result<Ty> {
        self.rust_type_inner(t)
    }

    fn rust_type_inner(&mut self, t: &syn::Type) -> syn::Result<Ty> {
        match t {
            syn::Type::Reference(r) => self.rust_type_inner(&r.elem),
            syn::Type::Paren(p) => self.rust_type_inner(&p.elem),
            syn::Type::Group(g) => self.rust_type_inner(&g.elem),
            syn::Type::Infer(_) => Ok(self.types.fresh(VarKind::Any)),
            syn::Type::Never(_) => Ok(Ty::Never),
            syn::Type::Tuple(tt) => {
                if tt.elems.is_empty() {
                    return Ok(Ty::Unit);
                }
                let mut ts = Vec::new();
                for e in &tt.elems {
                    ts.push(self.rust_type_inner(e)?);
                }
                Ok(Ty::Tuple(ts))
            }
            syn::Type::Slice(s) => Ok(Ty::Vec(Box::new(self.rust_type_inner(&s.elem)?))),
            syn::Type::Array(a) => Ok(Ty::Vec(Box::new(self.rust_type_inner(&a.elem)?))),
            syn::Type::Path(p) if p.qself.is_none() => {
                let seg = p.path.segments.last().unwrap();
                let name = seg.ident.to_string();
                let args: Vec<&syn::Type> = match &seg.arguments {
                    syn::PathArguments::AngleBracketed(a) => a
                        .args
                        .iter()
                        .filter_map(|a| {
                            if let syn::GenericArgument::Type(t) = a {
                                Some(t)
                            } else {
                                None
                            }
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                if let Some(i) = crate::ty::IntTy::from_name(&name) {
                    return Ok(Ty::Int(i));
                }
                let arg = |me: &mut Self, i: usize| -> syn::Result<Ty> {
                    match args.get(i) {
                        Some(t) => me.rust_type_inner(t),
                        None => Ok(me.types.fresh(VarKind::Any)),
                    }
                };
                Ok(match name.as_str() {
                    "f64" => Ty::F64,
                    "f32" => Ty::F32,
                    "bool" => Ty::Bool,
                    "char" => Ty::Char,
                    "str" | "String" => Ty::Str,
                    "i128" | "u128" => return unsupported(t.span(), "128-bit integers"),
                    "Vec" | "VecDeque" => Ty::Vec(Box::new(arg(self, 0)?)),
                    "Box" | "Rc" | "Arc" | "Cow" => arg(self, 0)?,
                    "Option" => {
                        let inner = arg(self, 0)?;
                        self.option_of(t.span(), inner)?
                    }
                    "Result" => Ty::Result(Box::new(arg(self, 0)?), Box::new(arg(self, 1)?)),
                    "Signal" | "RwSignal" => Ty::Signal(Box::new(arg(self, 0)?)),
                    "Event" => Ty::Event,
                    "Self" => return unsupported(t.span(), "the `Self` type"),
                    _ if self.structs.contains_key(&name) || self.enums.contains_key(&name) => {
                        Ty::Named(name)
                    }
                    _ if name.chars().next().is_some_and(|c| c.is_uppercase())
                        && args.is_empty() =>
                    {
                        Ty::Named(name)
                    }
                    _ => return unsupported(t.span(), &format!("the type `{name}`")),
                })
            }
            _ => unsupported(t.span(), "this kind of type"),
        }
    }

    /// `Option<inner>`, refusing `Option<Option<_>>`: both `None` and
    /// `Some(None)` would be `null` in JSON and in the browser. (`Option<()>`
    /// is fine in the browser, where `()` is `undefined`, not `null`.)
    pub fn option_of(&mut self, span: Span, inner: Ty) -> syn::Result<Ty> {
        if matches!(self.types.shallow(&inner), Ty::Option(_)) {
            return unsupported(span, "`Option<Option<_>>` (both `None` and `Some(None)` are `null` in JSON)");
        }
        Ok(Ty::Option(Box::new(inner)))
    }
}

/// The text of a `js!` invocation, exactly as written. The text is opaque
/// to rs2js: names it uses are JS names, and a captured variable it uses
/// must also be used by the Rust part of the closure to be captured.
pub(crate) fn js_macro_text(mac: &syn::Macro) -> syn::Result<String> {
    // The raw-string form `js!(r#"..."#)` keeps every byte; the token form
    // `js! { ... }` keeps the original source text when spans carry it.
    if let Ok(lit) = syn::parse2::<syn::LitStr>(mac.tokens.clone()) {
        return Ok(lit.value());
    }
    let span = mac.delimiter.span().join();
    if let Some(text) = span.source_text() {
        // Strip the delimiters.
        let inner = text.trim();
        let inner = inner
            .strip_prefix(['{', '(', '['])
            .and_then(|s| s.strip_suffix(['}', ')', ']']))
            .unwrap_or(inner);
        return Ok(inner.to_string());
    }
    // Without source text (rare: tokens built by another macro) the tokens
    // are printed back; newlines and comments are then lost.
    Ok(mac.tokens.to_string())
}

/// Marks an unknown part in a hint (variables do not carry across passes).
const HOLE: usize = usize::MAX;

fn erase(t: &Ty) -> Ty {
    match t {
        Ty::Var(_) => Ty::Var(HOLE),
        Ty::Vec(a) => Ty::Vec(Box::new(erase(a))),
        Ty::Option(a) => Ty::Option(Box::new(erase(a))),
        Ty::Result(a, b) => Ty::Result(Box::new(erase(a)), Box::new(erase(b))),
        Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(erase).collect()),
        Ty::Signal(a) => Ty::Signal(Box::new(erase(a))),
        Ty::Range(a) => Ty::Range(Box::new(erase(a))),
        Ty::Iter(a) => Ty::Iter(Box::new(erase(a))),
        Ty::Fn(ps, r) => Ty::Fn(ps.iter().map(erase).collect(), Box::new(erase(r))),
        t => t.clone(),
    }
}

/// Whether two passes learned the same types.
pub(crate) fn same_hints(a: &Hints, b: &Hints) -> bool {
    a.captures == b.captures && a.locals == b.locals
}

/// The text of a type assumption the macro can assert with
/// `let _: &TYPE = &name;`, or `None` when nothing useful is known or the
/// type cannot be written (strings may be `&str` or `String`).
pub(crate) fn assumable(t: &Ty, signal: bool) -> Option<String> {
    fn ok(t: &Ty, allow_str: bool) -> bool {
        match t {
            Ty::Fn(..) | Ty::Iter(_) | Ty::Range(_) | Ty::Never | Ty::Event => false,
            Ty::Str => allow_str,
            Ty::Vec(a) | Ty::Option(a) | Ty::Signal(a) => ok(a, allow_str),
            Ty::Result(a, b) => ok(a, allow_str) && ok(b, allow_str),
            Ty::Tuple(ts) => ts.iter().all(|t| ok(t, allow_str)),
            _ => true,
        }
    }
    let inner = match t {
        Ty::Signal(i) => &**i,
        t => t,
    };
    if matches!(inner, Ty::Var(_)) || !ok(t, signal) {
        return None;
    }
    Some(t.to_string())
}

impl Lowerer {
    /// The types this pass settled, for the next pass.
    pub fn learned_hints(&mut self) -> Hints {
        let mut h = Hints::default();
        for c in &self.captures {
            h.captures
                .insert(c.ident.to_string(), erase(&self.types.resolve(&c.ty)));
        }
        let locals: Vec<(usize, Ty)> = self
            .learned
            .locals
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        for (k, v) in locals {
            h.locals.insert(k, erase(&self.types.resolve(&v)));
        }
        h
    }

    /// Turns the holes of a hint into fresh variables.
    pub(crate) fn instantiate(&mut self, t: &Ty) -> Ty {
        match t {
            Ty::Var(_) => self.types.fresh(VarKind::Any),
            Ty::Vec(a) => Ty::Vec(Box::new(self.instantiate(a))),
            Ty::Option(a) => Ty::Option(Box::new(self.instantiate(a))),
            Ty::Result(a, b) => {
                Ty::Result(Box::new(self.instantiate(a)), Box::new(self.instantiate(b)))
            }
            Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(|t| self.instantiate(t)).collect()),
            Ty::Signal(a) => Ty::Signal(Box::new(self.instantiate(a))),
            Ty::Range(a) => Ty::Range(Box::new(self.instantiate(a))),
            Ty::Iter(a) => Ty::Iter(Box::new(self.instantiate(a))),
            Ty::Fn(ps, r) => Ty::Fn(
                ps.iter().map(|t| self.instantiate(t)).collect(),
                Box::new(self.instantiate(r)),
            ),
            t => t.clone(),
        }
    }
}

impl Lowerer {
    /// Refuses an ordering whose operands' type is still unknown once the
    /// whole body is seen: at runtime a JSON string may be a `String`
    /// (ordered by code point) or a unit enum variant (ordered by
    /// declaration), and an object an enum (ordered by variant), so JS
    /// cannot reproduce Rust. Equality needs no type (`$eq` is exact).
    pub fn check_unknown_order(&mut self) -> syn::Result<()> {
        for (v, span) in std::mem::take(&mut self.unknown_order) {
            let t = self.types.default_numeric(&Ty::Var(v));
            if let Ty::Var(_) = t {
                return err(
                    span,
                    "rs2js cannot tell the type of the values this compares (Rust orders strings by code point but enums by variant); annotate one of them, for example `let a: &str = &x.title;`",
                );
            }
        }
        Ok(())
    }

    /// Settles a `$fmt`/`!` call lowered while its operand's type was
    /// unknown (`fmt@7`, `not@7`): with the type known now, `!` becomes the
    /// bool or integer operation and `$fmt` is told the numeric type; still
    /// unknown, the runtime helpers decide by the value.
    fn fin_unknown(&mut self, e: &mut Expr) -> Option<Expr> {
        let Expr::Call(f, args) = e else { return None };
        let Expr::Helper(n) = &**f else { return None };
        let (op, v) = n.split_once('@')?;
        let v: usize = v.parse().expect("rs2js internal: deferred unknown-type call");
        let op = op.to_string();
        let mut args = std::mem::take(args);
        for a in args.iter_mut() {
            self.fin_expr(a);
        }
        let t = self.types.default_numeric(&Ty::Var(v));
        let t = self.types.resolve(&t);
        Some(match op.as_str() {
            "not" => {
                let x = args.pop().expect("rs2js internal: `!` operand");
                match t {
                    Ty::Bool => Expr::unary("!", x),
                    Ty::Int(it) => self.int_not(x, it),
                    _ => self.call_helper("not", vec![x]),
                }
            }
            _ => {
                let kind = match t {
                    Ty::F32 => Some("f32"),
                    Ty::F64 => Some("f64"),
                    Ty::Int(_) => Some("int"),
                    _ => None,
                };
                match kind {
                    Some(k) => args[1] = Expr::Str(k.into()),
                    None if args.len() == 2 => {
                        args.pop();
                    }
                    None => {}
                }
                self.call_helper("fmt", args)
            }
        })
    }

    /// Picks the helpers of integer operations whose type was still open
    /// when they were lowered (`add_#7` → `add_u32`), defaulting literals
    /// that nothing constrained to `i32` like rustc.
    pub fn finalize(&mut self, stmts: &mut [Stmt]) {
        for s in stmts {
            self.fin_stmt(s);
        }
    }

    fn fin_stmt(&mut self, s: &mut Stmt) {
        match s {
            Stmt::Let(_, Some(e)) | Stmt::Expr(e) | Stmt::Return(Some(e)) => self.fin_expr(e),
            Stmt::If(c, a, b) => {
                self.fin_expr(c);
                self.finalize(a);
                self.finalize(b);
            }
            Stmt::While(_, c, b) => {
                self.fin_expr(c);
                self.finalize(b);
            }
            Stmt::ForOf(_, _, it, b) => {
                self.fin_expr(it);
                self.finalize(b);
            }
            Stmt::ForRange {
                start, end, body, ..
            } => {
                self.fin_expr(start);
                self.fin_expr(end);
                self.finalize(body);
            }
            Stmt::Block(_, b) => self.finalize(b),
            _ => {}
        }
    }

    fn fin_expr(&mut self, e: &mut Expr) {
        if let Some(new) = self.fin_unknown(e) {
            *e = new;
            return;
        }
        match e {
            Expr::Helper(n) if n.contains("_#") => {
                let (op, v) = n.split_once("_#").unwrap();
                let v: usize = v.parse().expect("rs2js internal: deferred helper");
                let it = match self.types.default_numeric(&Ty::Var(v)) {
                    Ty::Int(it) => it,
                    _ => crate::ty::IntTy::I32,
                };
                let name = format!("{op}_{}", it.name());
                crate::helpers::require(&mut self.helpers, &name);
                *n = format!("${name}");
            }
            Expr::Bin(_, a, b) | Expr::Index(a, b) | Expr::Assign(a, b) => {
                self.fin_expr(a);
                self.fin_expr(b);
            }
            Expr::Unary(_, a) | Expr::Member(a, _) => self.fin_expr(a),
            Expr::Call(f, args) => {
                self.fin_expr(f);
                for a in args {
                    self.fin_expr(a);
                }
            }
            Expr::Arrow(a) => self.finalize(&mut a.body),
            Expr::Array(xs) => {
                for x in xs {
                    self.fin_expr(x);
                }
            }
            Expr::Object(fs) => {
                for (_, x) in fs {
                    self.fin_expr(x);
                }
            }
            Expr::Cond(a, b, c) => {
                self.fin_expr(a);
                self.fin_expr(b);
                self.fin_expr(c);
            }
            _ => {}
        }
    }
}
