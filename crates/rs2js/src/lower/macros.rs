//! Macros in a body: `format!`, `println!`/`print!`/`eprintln!`, `panic!`
//! and its relatives, `assert!`/`assert_eq!`/`assert_ne!`, `vec!`,
//! `matches!` and `js!`. Format strings themselves are handled in `fmt.rs`.

use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;

use super::fmt::concat;
use super::{err, unsupported, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{IntTy, Ty, VarKind};

type R<T> = syn::Result<T>;

/// The macro's name (the last segment of its path: `std::println` → `println`).
fn macro_name(mac: &syn::Macro) -> String {
    mac.path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

impl Lowerer {
    /// A macro in expression position.
    pub(crate) fn macro_expr(
        &mut self,
        mac: &syn::Macro,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let name = macro_name(mac);
        let span = mac.span();
        match name.as_str() {
            "format" => Ok((self.format_args(mac.tokens.clone(), span, out)?, Ty::Str)),
            "println" | "print" | "eprintln" | "eprint" => {
                let s = if mac.tokens.is_empty() {
                    Expr::Str(String::new())
                } else {
                    self.format_args(mac.tokens.clone(), span, out)?
                };
                let f = if name.starts_with('e') {
                    "error"
                } else {
                    "log"
                };
                out.push(Stmt::Expr(Expr::method(Expr::var("console"), f, vec![s])));
                Ok((Expr::undefined(), Ty::Unit))
            }
            "panic" | "unreachable" | "todo" | "unimplemented" => {
                let base = match name.as_str() {
                    "panic" => "",
                    "unreachable" => "internal error: entered unreachable code",
                    "todo" => "not yet implemented",
                    _ => "not implemented",
                };
                let msg = if mac.tokens.is_empty() {
                    Expr::Str(if base.is_empty() {
                        "explicit panic".into()
                    } else {
                        base.into()
                    })
                } else {
                    let m = self.format_args(mac.tokens.clone(), span, out)?;
                    if base.is_empty() {
                        m
                    } else {
                        concat(vec![Expr::Str(format!("{base}: ")), m])
                    }
                };
                out.push(Stmt::Expr(self.call_helper("panic", vec![msg])));
                Ok((Expr::undefined(), Ty::Never))
            }
            "assert" | "debug_assert" => {
                let args = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated
                    .parse2(mac.tokens.clone())?;
                let mut it = args.into_iter();
                let c = it
                    .next()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: `assert!` needs a condition"))?;
                let (cx, _) = self.expr(&c, out, Some(&Ty::Bool))?;
                let rest: Vec<syn::Expr> = it.collect();
                let mut body = Vec::new();
                let msg = if rest.is_empty() {
                    let src = quote::ToTokens::to_token_stream(&c).to_string();
                    Expr::Str(format!("assertion failed: {src}"))
                } else {
                    let toks = quote::quote!(#(#rest),*);
                    self.format_args(toks, span, &mut body)?
                };
                body.push(Stmt::Expr(self.call_helper("panic", vec![msg])));
                out.push(Stmt::If(Expr::unary("!", cx), body, vec![]));
                Ok((Expr::undefined(), Ty::Unit))
            }
            "assert_eq" | "assert_ne" | "debug_assert_eq" | "debug_assert_ne" => {
                let args = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated
                    .parse2(mac.tokens.clone())?;
                let v: Vec<syn::Expr> = args.into_iter().collect();
                if v.len() < 2 {
                    return err(span, format!("rs2js: `{name}!` needs two values"));
                }
                let (a, at) = self.operand(&v[0], out, None)?;
                let a = self.spill_always(a, out);
                let (b, _) = self.operand(&v[1], out, Some(&at))?;
                let b = self.spill_always(b, out);
                let is_eq = name.ends_with("eq");
                let op = if is_eq {
                    super::ops::Op::Ne
                } else {
                    super::ops::Op::Eq
                };
                let fail = self.compare(op, a.clone(), b.clone(), &at);
                let d = self.debug_fn(&at, span)?;
                let mut body = Vec::new();
                let head = format!(
                    "assertion `left {} right` failed",
                    if is_eq { "==" } else { "!=" }
                );
                let mut parts = vec![Expr::Str(head)];
                if v.len() > 2 {
                    let toks = {
                        let rest = &v[2..];
                        quote::quote!(#(#rest),*)
                    };
                    parts.push(Expr::Str(": ".into()));
                    parts.push(self.format_args(toks, span, &mut body)?);
                }
                parts.push(Expr::Str("\n  left: ".into()));
                parts.push(Expr::call(d.clone(), vec![a]));
                parts.push(Expr::Str("\n right: ".into()));
                parts.push(Expr::call(d, vec![b]));
                body.push(Stmt::Expr(self.call_helper("panic", vec![concat(parts)])));
                out.push(Stmt::If(fail, body, vec![]));
                Ok((Expr::undefined(), Ty::Unit))
            }
            "vec" => {
                // `vec![x; n]` or `vec![a, b, c]`.
                if let Ok(r) = syn::parse2::<VecRepeat>(mac.tokens.clone()) {
                    let elem_expect = match expect.map(|t| self.types.shallow(t)) {
                        Some(Ty::Vec(t)) => Some(*t),
                        _ => None,
                    };
                    let (xv, xt) = self.expr(&r.x, out, elem_expect.as_ref())?;
                    let mut pre = Vec::new();
                    let (nv, _) = self.expr(&r.n, &mut pre, Some(&Ty::Int(IntTy::Usize)))?;
                    let mut done = vec![xv];
                    self.join(out, &mut done, pre);
                    let xv = done.pop().unwrap();
                    let prim = self.types.resolve(&xt).is_js_primitive();
                    let e = self.call_helper(if prim { "repeat" } else { "repeatc" }, vec![xv, nv]);
                    return Ok((e, Ty::Vec(Box::new(xt))));
                }
                let toks = &mac.tokens;
                let arr: syn::ExprArray = syn::parse2(quote::quote!([#toks]))?;
                self.expr(&syn::Expr::Array(arr), out, expect)
            }
            "matches" => {
                let m: MatchesArgs = syn::parse2(mac.tokens.clone())?;
                let (v, vt) = self.operand(&m.e, out, None)?;
                let v = self.spill(v, out);
                self.push_scope();
                let r = (|| -> R<Expr> {
                    let (cond, binds) = self.pattern(&m.pat, &v, &vt)?;
                    let cond = cond.unwrap_or_else(|| Expr::lit("true"));
                    match &m.guard {
                        None => Ok(cond),
                        Some(g) => {
                            // The guard needs the bindings: evaluate it in an
                            // arrow that declares them.
                            let mut body = binds;
                            let (gx, _) = self.expr(g, &mut body, Some(&Ty::Bool))?;
                            body.push(Stmt::Return(Some(gx)));
                            let f = Expr::Arrow(Box::new(crate::ir::Arrow {
                                params: vec![],
                                body,
                                is_async: false,
                            }));
                            Ok(Expr::bin("&&", cond, Expr::call(f, vec![])))
                        }
                    }
                })();
                self.pop_scope();
                Ok((r?, Ty::Bool))
            }
            "js" => {
                let text = self.js_text(mac)?;
                let ty = expect
                    .cloned()
                    .unwrap_or_else(|| self.types.fresh(VarKind::Any));
                Ok((Expr::Raw(text), ty))
            }
            "dbg" => unsupported(span, "`dbg!`"),
            "write" | "writeln" => unsupported(
                span,
                "`write!` (there is no `fmt::Write` in the browser translation; use `format!`)",
            ),
            _ => unsupported(span, &format!("the macro `{name}!`")),
        }
    }

    /// A macro in statement position (`js!` text is kept as statements).
    pub(crate) fn macro_stmt(&mut self, mac: &syn::Macro, out: &mut Vec<Stmt>) -> R<Ty> {
        let name = macro_name(mac);
        if name == "js" {
            let text = self.js_text(mac)?;
            out.push(Stmt::Raw(text));
            return Ok(Ty::Unit);
        }
        let (x, t) = self.macro_expr(mac, out, None)?;
        if !x.is_simple() {
            out.push(Stmt::Expr(x));
        }
        Ok(t)
    }

    /// The text of a `js!` invocation. rs2js does not read it, so a `js!`
    /// text that mentions `call` at all counts as calling a server function
    /// (`r.call`): a page then gets the full core, which has `call`.
    fn js_text(&mut self, mac: &syn::Macro) -> syn::Result<String> {
        let text = js_macro_text(mac)?;
        self.calls_server |= text.contains("call");
        Ok(text)
    }
}

/// The text of a `js!` invocation, exactly as written. The text is opaque
/// to rs2js: names it uses are JS names, and a captured variable it uses
/// must also be used by the Rust part of the closure to be captured.
fn js_macro_text(mac: &syn::Macro) -> syn::Result<String> {
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

/// `x; n` inside `vec![..]`.
struct VecRepeat {
    x: syn::Expr,
    n: syn::Expr,
}

impl syn::parse::Parse for VecRepeat {
    fn parse(input: syn::parse::ParseStream) -> R<Self> {
        let x: syn::Expr = input.parse()?;
        input.parse::<syn::Token![;]>()?;
        let n: syn::Expr = input.parse()?;
        Ok(VecRepeat { x, n })
    }
}

/// `e, PAT` or `e, PAT if guard` inside `matches!(..)`.
struct MatchesArgs {
    e: syn::Expr,
    pat: syn::Pat,
    guard: Option<syn::Expr>,
}

impl syn::parse::Parse for MatchesArgs {
    fn parse(input: syn::parse::ParseStream) -> R<Self> {
        let e: syn::Expr = input.parse()?;
        input.parse::<syn::Token![,]>()?;
        let pat = syn::Pat::parse_multi_with_leading_vert(input)?;
        let guard = if input.peek(syn::Token![if]) {
            input.parse::<syn::Token![if]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        let _ = input.parse::<Option<syn::Token![,]>>()?;
        Ok(MatchesArgs { e, pat, guard })
    }
}
