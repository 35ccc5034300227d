//! Methods of the standard types. [`Lowerer::method_on`] handles the
//! methods every type has (`to_string`, `cmp`, `eq`, ...) and dispatches the
//! rest by receiver type to one method table per type: `int.rs`, `float.rs`,
//! `boolean.rs`, `character.rs`, `string.rs`, `vec.rs`, `iter.rs`, `option.rs`,
//! `result.rs`, `ordering.rs`. A receiver of unknown type is guessed from
//! the method name in `guess.rs`. The argument helpers shared by the tables
//! (`args`, `arg1`, `fn_arg`, ...) are here.

mod boolean;
mod character;
mod float;
mod guess;
mod int;
mod iter;
mod option;
mod ordering;
mod result;
mod string;
mod vec;

use proc_macro2::Span;

use super::{err, unsupported, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{IntTy, Ty, VarKind};

type R<T> = syn::Result<T>;

/// One call of a standard type's method, as [`Lowerer::method_on`] hands it
/// to the receiver type's table (`int_method`, `str_method`, ...) once the
/// methods every type has are ruled out; the table gets the receiver's
/// element or parameter types beside it.
struct MethodCall<'a> {
    /// The receiver, already lowered (spilled to a temporary unless the
    /// method assigns to it).
    rx: Expr,
    /// The method's name.
    name: &'a str,
    /// The arguments, not yet lowered (the table lowers them in order).
    args: &'a [syn::Expr],
    /// The method name's span: errors point at it.
    span: Span,
    /// Where the statements lowering the arguments (or the method itself,
    /// for one that assigns) go, before the expression the table returns.
    out: &'a mut Vec<Stmt>,
    /// The type the caller expects the result to have, if it knows one
    /// (`collect`, `sum`, `parse` need it).
    expect: Option<&'a Ty>,
}

impl<'a> MethodCall<'a> {
    /// The receiver, name, arguments, span and `out`, for a table to bind
    /// as locals (`expect` is read as a field by the tables that use it).
    fn parts(self) -> (Expr, &'a str, &'a [syn::Expr], Span, &'a mut Vec<Stmt>) {
        (self.rx, self.name, self.args, self.span, self.out)
    }
}

pub(super) fn usize_t() -> Ty {
    Ty::Int(IntTy::Usize)
}

fn opt(t: Ty) -> Ty {
    Ty::Option(Box::new(t))
}

fn iter(t: Ty) -> Ty {
    Ty::Iter(Box::new(t))
}

/// Whether a JS value can be modified by assignment (`x = ..`).
fn assignable(e: &Expr) -> bool {
    matches!(e, Expr::Var(_) | Expr::Member(..) | Expr::Index(..))
}

/// Methods whose receiver must stay a place (they assign to it).
fn needs_place(t: &Ty, name: &str) -> bool {
    match t {
        Ty::Str => matches!(
            name,
            "push_str"
                | "push"
                | "insert"
                | "insert_str"
                | "clear"
                | "truncate"
                | "pop"
                | "remove"
                | "retain"
        ),
        Ty::Option(_) => matches!(
            name,
            "take" | "replace" | "insert" | "get_or_insert" | "get_or_insert_with"
        ),
        _ => false,
    }
}

impl Lowerer {
    /// Lowers argument `i` (evaluated after the receiver and the earlier
    /// arguments, which are spilled if needed).
    fn args(
        &mut self,
        args: &[syn::Expr],
        wants: &[Option<Ty>],
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<Vec<(Expr, Ty)>> {
        if args.len() != wants.len() {
            return err(
                span,
                format!(
                    "rs2js: expected {} argument(s), found {}",
                    wants.len(),
                    args.len()
                ),
            );
        }
        let mut done: Vec<Expr> = Vec::new();
        let mut tys = Vec::new();
        for (a, w) in args.iter().zip(wants.iter()) {
            let mut pre = Vec::new();
            let (x, t) = match a {
                syn::Expr::Reference(r) if r.mutability.is_none() => {
                    self.operand(&r.expr, &mut pre, w.as_ref())?
                }
                a => self.expr(a, &mut pre, w.as_ref())?,
            };
            self.join(out, &mut done, pre);
            done.push(x);
            tys.push(t);
        }
        Ok(done.into_iter().zip(tys).collect())
    }

    fn arg1(
        &mut self,
        args: &[syn::Expr],
        want: Option<Ty>,
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Ty)> {
        Ok(self.args(args, &[want], span, out)?.pop().unwrap())
    }

    /// An argument evaluated now even though the JS using it is lazy
    /// (`x ?? d` evaluates `d` only on `None`; Rust evaluates it always).
    fn eager(&mut self, x: Expr, out: &mut Vec<Stmt>) -> Expr {
        if x.is_simple() {
            x
        } else {
            self.spill_always(x, out)
        }
    }

    /// A closure argument taking `params`; returns the JS function and its
    /// result type.
    fn fn_arg(&mut self, a: &syn::Expr, params: Vec<Ty>, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        let ret = self.types.fresh(VarKind::Any);
        let want = Ty::Fn(params, Box::new(ret.clone()));
        let (f, _) = self.expr(a, out, Some(&want))?;
        Ok((f, ret))
    }

    /// A method's one argument, a closure taking `params`; returns the JS
    /// function and its result type.
    fn closure1(
        &mut self,
        args: &[syn::Expr],
        params: Vec<Ty>,
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Ty)> {
        match args {
            [a] => self.fn_arg(a, params, out),
            _ => err(span, "rs2js: expected a closure"),
        }
    }

    /// The arguments of `map_or(default, f)`: the default, evaluated now
    /// as Rust does; the closure, taking `param`; and the result type.
    fn map_or_args(
        &mut self,
        args: &[syn::Expr],
        param: Ty,
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Expr, Ty)> {
        let d = self
            .args(&args[..1.min(args.len())], &[None], span, out)?
            .pop()
            .unwrap();
        let d0 = self.eager(d.0, out);
        let (f, rt) = match args.get(1) {
            Some(a) => self.fn_arg(a, vec![param], out)?,
            None => return err(span, "rs2js: `map_or` takes a default and a closure"),
        };
        self.unify_at(span, &rt, &d.1, "`map_or` result")?;
        Ok((d0, f, rt))
    }

    /// A method that is one helper call, `$helper(rx, args...)`, with the
    /// arguments lowered as the types in `wants`.
    fn helper_method(
        &mut self,
        helper: &str,
        rx: Expr,
        args: &[syn::Expr],
        wants: &[Option<Ty>],
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<Expr> {
        let mut call_args = vec![rx];
        call_args.extend(
            self.args(args, wants, span, out)?
                .into_iter()
                .map(|(x, _)| x),
        );
        Ok(self.call_helper(helper, call_args))
    }

    fn no_args(&self, args: &[syn::Expr], span: Span) -> R<()> {
        if args.is_empty() {
            Ok(())
        } else {
            err(span, "rs2js: this method takes no arguments")
        }
    }

    fn elem_of(&mut self, t: &Ty) -> Ty {
        match self.types.shallow(t) {
            Ty::Vec(e) | Ty::Iter(e) | Ty::Range(e) | Ty::Option(e) => *e,
            _ => self.types.fresh(VarKind::Any),
        }
    }

    /// `rx.method(args)` with `rx` of type `rt`. Errors point at the method
    /// name (a call's own span would start at its receiver).
    pub(crate) fn method_on(
        &mut self,
        rx: Expr,
        rt: Ty,
        method: &syn::Ident,
        args: &[syn::Expr],
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let name = method.to_string();
        let span = method.span();
        let mut t = self.types.shallow(&rt);
        if let Ty::Var(_) = t {
            // Numeric literal receivers (`2.pow(3)`, `1.5.sqrt()`).
            if self.types.var_kind(&t).is_some_and(|k| k != VarKind::Any) {
                t = self.settle(&t);
            }
        }
        if let Ty::Var(_) = t {
            if let Some(g) = self.guess_receiver(&t, &name) {
                self.types.unify(&t, &g);
                t = self.types.shallow(&t);
            }
        }
        let rx = if needs_place(&t, &name) {
            rx
        } else {
            self.spill(rx, out)
        };
        // Methods every type has.
        match name.as_str() {
            "to_string" | "to_owned" | "into" | "as_str" | "as_ref" | "borrow" | "as_slice"
            | "deref"
                if !matches!(t, Ty::Option(_) | Ty::Result(..)) || name == "to_string" =>
            {
                self.no_args(args, span)?;
                if name == "to_string" {
                    return Ok((self.display_string(rx, &t, span)?, Ty::Str));
                }
                if name == "into" {
                    if let Some(w) = expect {
                        let w = self.types.shallow(w);
                        if w != t && !(matches!(w, Ty::Var(_))) {
                            return match (&t, &w) {
                                (Ty::Int(_), Ty::Int(_))
                                | (Ty::Int(_), Ty::F64)
                                | (Ty::F32, Ty::F64) => Ok((rx, w)),
                                (Ty::Char, Ty::Str) => Ok((rx, w)),
                                (Ty::Char, Ty::Int(_)) => {
                                    Ok((Expr::method(rx, "codePointAt", vec![Expr::lit("0")]), w))
                                }
                                _ => unsupported(span, &format!("`into()` from `{t}` to `{w}`")),
                            };
                        }
                    }
                }
                return Ok((rx, t));
            }
            "cmp" | "partial_cmp" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                if let Ty::Named(n) = &t {
                    if self.enums.contains_key(n) || n == "Ordering" {
                        return unsupported(span, "ordering values of an enum");
                    }
                }
                if name == "cmp" {
                    return Ok((
                        self.call_helper("cmp", vec![rx, b]),
                        Ty::Named("Ordering".into()),
                    ));
                }
                return Ok((
                    self.call_helper("pcmp", vec![rx, b]),
                    opt(Ty::Named("Ordering".into())),
                ));
            }
            "eq" | "ne" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                let op = if name == "eq" {
                    super::ops::Op::Eq
                } else {
                    super::ops::Op::Ne
                };
                return Ok((self.compare(op, rx, b, &t), Ty::Bool));
            }
            _ => {}
        }
        let m = MethodCall {
            rx,
            name: &name,
            args,
            span,
            out,
            expect,
        };
        match t.clone() {
            Ty::Int(it) => self.int_method(m, it),
            Ty::F64 | Ty::F32 => self.float_method(m, t),
            Ty::Bool => self.bool_method(m),
            Ty::Char => self.char_method(m),
            Ty::Str => self.str_method(m),
            Ty::Vec(e) => self.vec_method(m, *e),
            Ty::Iter(e) | Ty::Range(e) => self.iter_method(m, *e),
            Ty::Option(e) => self.option_method(m, *e),
            Ty::Result(a, b) => self.result_method(m, *a, *b),
            Ty::Named(n) if n == "Ordering" => self.ordering_method(m),
            Ty::Named(n) => unsupported(method.span(), &format!("calling the method `{name}` of your type `{n}` (only its fields can be used)")),
            Ty::Var(_) => err(
                method.span(),
                format!("rs2js cannot tell the type of the value `.{name}()` is called on; annotate it (for example `let v: Vec<i32> = ...`)"),
            ),
            other => unsupported(method.span(), &format!("the method `{name}` on `{other}`")),
        }
    }

    /// `{:?}` for a panic message (`unwrap` on an `Err`): exact where the
    /// type is known, else a JSON rendering — only the message text of a
    /// panic can differ then, never whether it panics.
    fn panic_debug_fn(&mut self, t: &Ty, span: Span) -> Expr {
        match self.debug_fn(t, span) {
            Ok(f) => f,
            Err(_) => self.helper("dany"),
        }
    }

    /// `x.to_string()` / `{}` formatting of one value.
    pub(crate) fn display_string(&mut self, x: Expr, t: &Ty, span: Span) -> R<Expr> {
        let t = self.peek(t);
        Ok(match self.types.resolve(&t) {
            Ty::Str | Ty::Char => x,
            Ty::Int(_) | Ty::Bool => Expr::call(Expr::var("String"), vec![x]),
            Ty::F64 => self.call_helper("fstr", vec![x]),
            Ty::F32 => self.call_helper("f32str", vec![x]),
            Ty::Iter(e) if *e == Ty::Char => self.call_helper("collect_str", vec![x]),
            // Unknown here (a field of a struct rs2js was not shown): rustc
            // checked that it is `Display`; `$fmt` formats it by its runtime
            // value, told the type if it becomes known later (`finalize`).
            Ty::Var(v) => Expr::call(Expr::Helper(format!("fmt@{v}")), vec![x, Expr::undefined()]),
            Ty::Named(n) if n == "ParseError" => x,
            other => {
                return err(
                    span,
                    format!(
                    "rs2js: `{other}` cannot be displayed with `{{}}`/`to_string()`; use `{{:?}}`"
                ),
                )
            }
        })
    }

    /// Types rs2js can order at run time (enums' variant order is unknown).
    fn check_ord(&mut self, t: &Ty, span: Span) -> R<()> {
        match self.types.resolve(t) {
            Ty::Named(n) if self.enums.contains_key(&n) || !self.structs.contains_key(&n) => {
                unsupported(
                    span,
                    &format!("ordering values of `{n}` (rs2js orders structs it knows, not enums)"),
                )
            }
            _ => Ok(()),
        }
    }
}

/// Methods returning `()` that are emitted as statements.
trait IntoUnit {
    fn into_unit(self, out: &mut Vec<Stmt>) -> (Expr, Ty);
}

impl IntoUnit for (Expr, Ty) {
    fn into_unit(self, out: &mut Vec<Stmt>) -> (Expr, Ty) {
        out.push(Stmt::Expr(self.0));
        (Expr::undefined(), Ty::Unit)
    }
}
