//! Calls and method calls: free-function and constructor calls (`Some`,
//! `Ok`, `Vec::new`, `String::from`, local closures, ...), `min`/`max`,
//! `Default`, and the dispatch of a method call to the signal and event
//! methods (`signals.rs`), an action's `dispatch` (`server_call.rs`) or the
//! methods of the standard types (`builtins/`).

use syn::spanned::Spanned;

use super::expr::strip;
use super::path_names;
use super::{err, unsupported, LocalKind, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{IntTy, Ty, VarKind};

type R<T> = syn::Result<T>;

fn usize_t() -> Ty {
    Ty::Int(IntTy::Usize)
}

impl Lowerer {
    /// Free-function and constructor calls.
    pub(crate) fn call(
        &mut self,
        c: &syn::ExprCall,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let path = match strip(&c.func) {
            syn::Expr::Path(p) if p.qself.is_none() => p,
            _ => {
                // Calling a closure held in a local: `(f)(x)`.
                let (f, ft) = self.expr(&c.func, out, None)?;
                return self.call_value(f, ft, c, out);
            }
        };
        let segs = path_names(&path.path);
        let segs: Vec<&str> = segs.iter().map(|s| s.as_str()).collect();
        let segs: &[&str] = match segs.as_slice() {
            ["std" | "core" | "alloc", rest @ ..] => rest,
            s => s,
        };
        let args: Vec<&syn::Expr> = c.args.iter().collect();
        let span = c.span();
        match segs {
            ["Some"] => {
                let want = match expect.map(|t| self.types.shallow(t)) {
                    Some(Ty::Option(t)) => Some(*t),
                    _ => None,
                };
                let (x, t) = self.one_arg(&args, span, out, want.as_ref())?;
                let ty = self.option_of(span, t)?;
                Ok((x, ty))
            }
            ["Ok"] | ["Err"] | ["Result", "Ok"] | ["Result", "Err"] => {
                let is_ok = segs.last() == Some(&"Ok");
                let (want_ok, want_err) = match expect.map(|t| self.types.shallow(t)) {
                    Some(Ty::Result(a, b)) => (*a, *b),
                    _ => (
                        self.types.fresh(VarKind::Any),
                        self.types.fresh(VarKind::Any),
                    ),
                };
                let (x, _) = self.one_arg(
                    &args,
                    span,
                    out,
                    Some(if is_ok { &want_ok } else { &want_err }),
                )?;
                let key = if is_ok { "Ok" } else { "Err" };
                Ok((
                    Expr::Object(vec![(key.to_string(), x)]),
                    Ty::Result(Box::new(want_ok), Box::new(want_err)),
                ))
            }
            ["String", "new"] => Ok((Expr::Str(String::new()), Ty::Str)),
            ["String", "from"] | ["String", "from_str"] => {
                let (x, t) = self.one_arg(&args, span, out, None)?;
                let t = self.settle(&t);
                match t {
                    Ty::Str => Ok((x, Ty::Str)),
                    Ty::Char => Ok((x, Ty::Str)),
                    _ => err(span, format!("rs2js: `String::from` of `{t}`")),
                }
            }
            ["Vec", "new"] | ["Vec", "with_capacity"] | ["VecDeque", "new"] => {
                for a in &args {
                    let (x, _) = self.expr(a, out, Some(&usize_t()))?;
                    if !x.is_simple() {
                        out.push(Stmt::Expr(x));
                    }
                }
                let elem = match expect.map(|t| self.types.shallow(t)) {
                    Some(Ty::Vec(t)) => *t,
                    _ => self.types.fresh(VarKind::Any),
                };
                Ok((Expr::Array(vec![]), Ty::Vec(Box::new(elem))))
            }
            ["Vec", "from"] => {
                let (x, t) = self.one_arg(&args, span, out, None)?;
                Ok(self.copy_out_forced(x, t))
            }
            ["Default", "default"] => match expect {
                Some(t) => {
                    let t = t.clone();
                    let d = self.default_value(&t, span)?;
                    Ok((d, t))
                }
                None => err(
                    span,
                    "rs2js cannot tell which type's default value is meant here; annotate the type",
                ),
            },
            ["Box" | "Rc" | "Arc", "new"] => self.one_arg(&args, span, out, expect),
            ["char", "from_u32"] => {
                let (x, _) = self.one_arg(&args, span, out, Some(&Ty::Int(IntTy::U32)))?;
                Ok((
                    self.call_helper("chr32", vec![x]),
                    Ty::Option(Box::new(Ty::Char)),
                ))
            }
            ["char", "from_digit"] => {
                let (a, b) = self.two_args(
                    &args,
                    span,
                    out,
                    Some(&Ty::Int(IntTy::U32)),
                    Some(&Ty::Int(IntTy::U32)),
                )?;
                Ok((
                    self.call_helper("from_digit", vec![a, b]),
                    Ty::Option(Box::new(Ty::Char)),
                ))
            }
            ["char", "from"] => {
                let (x, _) = self.one_arg(&args, span, out, Some(&Ty::Int(IntTy::U8)))?;
                Ok((
                    Expr::method(Expr::var("String"), "fromCodePoint", vec![x]),
                    Ty::Char,
                ))
            }
            ["cmp", "max"] | ["cmp", "min"] | ["max"] | ["min"] => {
                let (a, at) = self.operand(
                    args.first()
                        .copied()
                        .ok_or_else(|| syn::Error::new(span, "rs2js: expected two arguments"))?,
                    out,
                    expect,
                )?;
                let mut pre = Vec::new();
                let (b, _) = self.operand(
                    args.get(1)
                        .copied()
                        .ok_or_else(|| syn::Error::new(span, "rs2js: expected two arguments"))?,
                    &mut pre,
                    Some(&at),
                )?;
                let mut done = vec![a];
                self.join(out, &mut done, pre);
                let a = done.pop().unwrap();
                let t = self.peek(&at);
                let is_max = segs.last() == Some(&"max");
                Ok((self.minmax(is_max, a, b, &t), at))
            }
            [ty, "from"] if IntTy::from_name(ty).is_some() => {
                let it = IntTy::from_name(ty).unwrap();
                let (x, t) = self.one_arg(&args, span, out, None)?;
                let t = self.settle(&t);
                match t {
                    Ty::Int(_) => Ok((x, Ty::Int(it))),
                    Ty::Bool => Ok((Expr::unary("+", x), Ty::Int(it))),
                    Ty::Char => Ok((
                        Expr::method(x, "codePointAt", vec![Expr::lit("0")]),
                        Ty::Int(it),
                    )),
                    other => err(span, format!("rs2js: `{ty}::from` of `{other}`")),
                }
            }
            ["f64", "from"] => {
                let (x, _) = self.one_arg(&args, span, out, None)?;
                Ok((x, Ty::F64))
            }
            [ty, m] if IntTy::from_name(ty).is_some() || *ty == "f64" || *ty == "f32" => {
                // `i32::pow(a, b)`, `f64::max(a, b)`: method-call form.
                let recv = args
                    .first()
                    .copied()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: expected an argument"))?;
                let rest: Vec<syn::Expr> = args[1..].iter().map(|a| (*a).clone()).collect();
                let ty_name = *ty;
                let ty = if ty_name == "f64" {
                    Ty::F64
                } else if ty_name == "f32" {
                    Ty::F32
                } else {
                    Ty::Int(IntTy::from_name(ty_name).unwrap())
                };
                let (rx, _) = self.expr(recv, out, Some(&ty))?;
                let rx = self.spill(rx, out);
                let m = syn::Ident::new(m, path.span());
                self.method_on(rx, ty, &m, &rest, out, expect)
            }
            [en, var]
                if self.enums.contains_key(*en)
                    || (en.chars().next().is_some_and(|c| c.is_uppercase())
                        && !self.structs.contains_key(*en)
                        && var.chars().next().is_some_and(|c| c.is_uppercase())) =>
            {
                let en = en.to_string();
                let var = var.to_string();
                let field_tys: Option<Vec<syn::Type>> = self.enums.get(&en).and_then(|vs| {
                    vs.iter()
                        .find(|(n, _)| *n == var)
                        .and_then(|(_, s)| match s {
                            super::VariantShape::Tuple(ts) => Some(ts.clone()),
                            _ => None,
                        })
                });
                let mut done = Vec::new();
                for (i, a) in args.iter().enumerate() {
                    let want = match &field_tys {
                        Some(ts) if i < ts.len() => Some(self.rust_type(&ts[i])?),
                        _ => None,
                    };
                    let mut pre = Vec::new();
                    let (x, _) = self.expr(a, &mut pre, want.as_ref())?;
                    self.join(out, &mut done, pre);
                    done.push(x);
                }
                self.enum_value(&en, &var, Some(done), span)
            }
            [name] if self.structs.contains_key(*name) => {
                // Tuple struct constructor.
                let fields = self.structs.get(*name).cloned().unwrap();
                if fields.len() != args.len() {
                    return err(
                        span,
                        format!("rs2js: `{name}` takes {} values", fields.len()),
                    );
                }
                let mut done = Vec::new();
                for (i, a) in args.iter().enumerate() {
                    let want = self.rust_type(&fields[i].1)?;
                    let mut pre = Vec::new();
                    let (x, _) = self.expr(a, &mut pre, Some(&want))?;
                    self.join(out, &mut done, pre);
                    done.push(x);
                }
                let v = if done.len() == 1 {
                    done.pop().unwrap()
                } else {
                    Expr::Array(done)
                };
                Ok((v, Ty::Named(name.to_string())))
            }
            [name] => {
                // A local closure or fn.
                if let Some(local) = self.lookup(name).cloned() {
                    if !matches!(local.kind, LocalKind::Capture(_)) {
                        let f = Expr::Var(local.js.clone());
                        return self.call_value(f, local.ty, c, out);
                    }
                }
                if let Some((js, ty)) = self.local_fns.get(*name).cloned() {
                    return self.call_value(Expr::Var(js), ty, c, out);
                }
                err(
                    c.func.span(),
                    format!(
                        "rs2js cannot call `{name}` from the browser: only closures defined in the handler and `#[server]` functions (called with `.await`) can be called; {}",
                        super::USE_JS
                    ),
                )
            }
            _ => unsupported(c.func.span(), &format!("calling `{}`", segs.join("::"))),
        }
    }

    /// Calls a function value (a local closure).
    fn call_value(
        &mut self,
        f: Expr,
        ft: Ty,
        c: &syn::ExprCall,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Ty)> {
        let (ps, ret) = match self.types.shallow(&ft) {
            Ty::Fn(ps, r) => (ps, *r),
            _ => return err(c.func.span(), "rs2js: this is not a closure rs2js can call"),
        };
        if ps.len() != c.args.len() {
            return err(
                c.span(),
                format!("rs2js: this closure takes {} arguments", ps.len()),
            );
        }
        let mut done = Vec::new();
        for (a, pt) in c.args.iter().zip(ps.iter()) {
            let mut pre = Vec::new();
            let (x, _) = self.expr(a, &mut pre, Some(pt))?;
            self.join(out, &mut done, pre);
            done.push(x);
        }
        Ok((Expr::call(f, done), ret))
    }

    pub(super) fn one_arg(
        &mut self,
        args: &[&syn::Expr],
        span: proc_macro2::Span,
        out: &mut Vec<Stmt>,
        want: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        match args {
            [a] => self.expr(a, out, want),
            _ => err(
                span,
                format!("rs2js: expected 1 argument, found {}", args.len()),
            ),
        }
    }

    fn two_args(
        &mut self,
        args: &[&syn::Expr],
        span: proc_macro2::Span,
        out: &mut Vec<Stmt>,
        w1: Option<&Ty>,
        w2: Option<&Ty>,
    ) -> R<(Expr, Expr)> {
        match args {
            [a, b] => {
                let (x, _) = self.expr(a, out, w1)?;
                let mut pre = Vec::new();
                let (y, _) = self.expr(b, &mut pre, w2)?;
                let mut done = vec![x];
                self.join(out, &mut done, pre);
                Ok((done.pop().unwrap(), y))
            }
            _ => err(
                span,
                format!("rs2js: expected 2 arguments, found {}", args.len()),
            ),
        }
    }

    /// A copy even for places read as a whole (`Vec::from(v)` etc.).
    fn copy_out_forced(&mut self, x: Expr, t: Ty) -> (Expr, Ty) {
        let t = self.types.shallow(&t);
        if t.is_js_primitive() {
            return (x, t);
        }
        (self.call_helper("clone", vec![x]), t)
    }

    pub(crate) fn minmax(&mut self, is_max: bool, a: Expr, b: Expr, t: &Ty) -> Expr {
        let t = self.types.resolve(t);
        match t {
            // Rust's `Ord::max` returns the second argument on ties.
            Ty::Int(_) | Ty::Bool => {
                let m = if is_max { "max" } else { "min" };
                Expr::method(Expr::var("Math"), m, vec![a, b])
            }
            _ => {
                let h = if is_max { "omax" } else { "omin" };
                self.call_helper(h, vec![a, b])
            }
        }
    }

    /// The value of `Default::default()` / `unwrap_or_default()`.
    pub(crate) fn default_value(&mut self, t: &Ty, span: proc_macro2::Span) -> R<Expr> {
        let t = self.settle(t);
        Ok(match self.types.resolve(&t) {
            Ty::Int(_) | Ty::F64 | Ty::F32 => Expr::lit("0"),
            Ty::Bool => Expr::lit("false"),
            Ty::Char => Expr::Str("\0".into()),
            Ty::Str => Expr::Str(String::new()),
            Ty::Unit => Expr::undefined(),
            Ty::Vec(_) => Expr::Array(vec![]),
            Ty::Option(_) => Expr::null(),
            Ty::Tuple(ts) => {
                let mut xs = Vec::new();
                for t in ts {
                    xs.push(self.default_value(&t, span)?);
                }
                Expr::Array(xs)
            }
            other => return err(span, format!("rs2js cannot build the default value of `{other}`; annotate the type or build it explicitly")),
        })
    }

    pub(crate) fn method_call(
        &mut self,
        m: &syn::ExprMethodCall,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let name = m.method.to_string();
        let span = m.span();
        let args: Vec<syn::Expr> = m.args.iter().cloned().collect();
        // `action.dispatch(f(x))` without `.await`: the call starts anyway
        // (fire-and-forget); its promise is the value.
        if name == "dispatch" {
            let (call, _) = self.dispatch(m, out)?;
            return Ok((call, Ty::Unit));
        }
        self.refuse_action_field_signal(m)?;
        // Signals.
        if let syn::Expr::Path(p) = strip(&m.receiver) {
            if let Some(id) = p.path.get_ident() {
                if let Some(local) = self.lookup(&id.to_string()).cloned() {
                    if let LocalKind::Capture(i) = local.kind {
                        if self.captures[i].signal {
                            return self.signal_method(Expr::Var(local.js), &local.ty, m, out);
                        }
                    }
                } else if self.signal_names.contains(&id.to_string()) {
                    let local = self.capture(id)?;
                    if let LocalKind::Capture(i) = local.kind {
                        if self.captures[i].signal {
                            return self.signal_method(Expr::Var(local.js), &local.ty, m, out);
                        }
                    }
                }
            }
        }
        // Turbofish is only meaningful on a few methods.
        let turbofish = match &m.turbofish {
            Some(tf) => {
                let mut ts = Vec::new();
                for a in &tf.args {
                    match a {
                        syn::GenericArgument::Type(t) => ts.push(self.rust_type(t)?),
                        _ => return unsupported(tf.span(), "this turbofish"),
                    }
                }
                ts
            }
            None => Vec::new(),
        };
        // `.clone()` on anything copies.
        let (rx, rt) = self.place(&m.receiver, out)?;
        let rt_s = self.types.shallow(&rt);
        if rt_s == Ty::Event {
            return self.event_method(rx, m);
        }
        if name == "clone" || name == "to_owned" && !matches!(rt_s, Ty::Str) {
            if !args.is_empty() {
                return err(span, "rs2js: `clone` takes no arguments");
            }
            return Ok(self.copy_out_forced(rx, rt));
        }
        let rx = if matches!(
            name.as_str(),
            "len" | "is_empty" | "push" | "to_string" | "get" | "iter" | "into_iter"
        ) {
            rx
        } else {
            self.spill(rx, out)
        };
        if let Some(t) = turbofish.first() {
            if name == "parse"
                || name == "collect"
                || name == "sum"
                || name == "product"
                || name == "into"
            {
                let want = match name.as_str() {
                    "parse" => Ty::Result(Box::new(t.clone()), Box::new(Ty::Str)),
                    _ => t.clone(),
                };
                return self.method_on(rx, rt, &m.method, &args, out, Some(&want));
            }
        }
        self.method_on(rx, rt, &m.method, &args, out, expect)
    }
}

/// Whether a closure body returns early (ignoring nested closures).
pub(crate) fn contains_return(e: &syn::Expr) -> bool {
    use syn::visit::Visit;
    struct V(bool);
    impl<'ast> Visit<'ast> for V {
        fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
            self.0 = true;
        }
        fn visit_expr_try(&mut self, t: &'ast syn::ExprTry) {
            self.0 = true;
            syn::visit::visit_expr_try(self, t);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut v = V(false);
    v.visit_expr(e);
    v.0
}
