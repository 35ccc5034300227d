//! Methods of `Vec<T>` and slices. They mutate the JS array in place;
//! reads of compound elements are copied so JS aliasing never shows.

use syn::spanned::Spanned;

use super::{iter, opt, usize_t, IntoUnit, MethodCall, R};
use crate::ir::{Expr, Stmt};
use crate::lower::{err, unsupported, Lowerer};
use crate::ty::Ty;

impl Lowerer {
    pub(super) fn vec_method(&mut self, m: MethodCall, e: Ty) -> R<(Expr, Ty)> {
        let (rx, name, args, span, out) = m.parts();
        let vec_t = Ty::Vec(Box::new(e.clone()));
        let r = match name {
            "len" => (Expr::member(rx, "length"), usize_t()),
            "is_empty" => (
                Expr::bin("===", Expr::member(rx, "length"), Expr::lit("0")),
                Ty::Bool,
            ),
            "push" => {
                let (x, _) = self.arg1(args, Some(e), span, out)?;
                (Expr::method(rx, "push", vec![x]), Ty::Unit).into_unit(out)
            }
            "pop" => {
                self.option_of(span, e.clone())?;
                (self.call_helper("pop", vec![rx]), opt(e))
            }
            "insert" => {
                let call =
                    self.helper_method("insert", rx, args, &[Some(usize_t()), Some(e)], span, out)?;
                (call, Ty::Unit).into_unit(out)
            }
            "remove" => (
                self.helper_method("remove", rx, args, &[Some(usize_t())], span, out)?,
                e,
            ),
            "swap_remove" => (
                self.helper_method("swap_remove", rx, args, &[Some(usize_t())], span, out)?,
                e,
            ),
            "swap" => {
                let call = self.helper_method(
                    "swap",
                    rx,
                    args,
                    &[Some(usize_t()), Some(usize_t())],
                    span,
                    out,
                )?;
                (call, Ty::Unit).into_unit(out)
            }
            "clear" => {
                out.push(Stmt::Expr(Expr::assign(
                    Expr::member(rx, "length"),
                    Expr::lit("0"),
                )));
                (Expr::undefined(), Ty::Unit)
            }
            "truncate" => {
                let (n, _) = self.arg1(args, Some(usize_t()), span, out)?;
                (self.call_helper("truncate", vec![rx, n]), Ty::Unit).into_unit(out)
            }
            "extend" | "extend_from_slice" | "append" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: expected one argument"))?;
                let (it, it_t) = if name == "append" {
                    match crate::lower::expr::strip(a) {
                        syn::Expr::Reference(r) => self.place(&r.expr, out)?,
                        _ => return err(a.span(), "rs2js: `append` takes `&mut other`"),
                    }
                } else {
                    self.iterable(a, out)?
                };
                let _ = it_t;
                if name == "append" {
                    (self.call_helper("append", vec![rx, it]), Ty::Unit).into_unit(out)
                } else {
                    let h = if self.types.resolve(&e).is_js_primitive() {
                        "extend"
                    } else {
                        "extendc"
                    };
                    (self.call_helper(h, vec![rx, it]), Ty::Unit).into_unit(out)
                }
            }
            "contains" => {
                let (x, _) = self.arg1(args, Some(e.clone()), span, out)?;
                let prim = matches!(
                    self.types.resolve(&e),
                    Ty::Int(_) | Ty::Bool | Ty::Char | Ty::Str
                );
                if prim {
                    (Expr::method(rx, "includes", vec![x]), Ty::Bool)
                } else {
                    (self.call_helper("has", vec![rx, x]), Ty::Bool)
                }
            }
            "retain" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: `retain` takes a closure"))?;
                let (f, _) = self.fn_arg(a, vec![e.clone()], out)?;
                (self.call_helper("retain", vec![rx, f]), Ty::Unit).into_unit(out)
            }
            "sort" | "sort_unstable" => {
                self.no_args(args, span)?;
                let et = self.settle(&e);
                self.check_ord(&et, span)?;
                let et = self.types.resolve(&et);
                if matches!(et, Ty::F64 | Ty::F32) {
                    return err(
                        span,
                        "rs2js: `f64` is not `Ord`, so it cannot be sorted with `sort`",
                    );
                }
                (self.call_helper("sort", vec![rx]), Ty::Unit).into_unit(out)
            }
            "sort_by_key" | "sort_unstable_by_key" | "sort_by_cached_key" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: expected a closure"))?;
                let (f, kt) = self.fn_arg(a, vec![e.clone()], out)?;
                let kt = self.settle(&kt);
                self.check_ord(&kt, span)?;
                (self.call_helper("sort_by_key", vec![rx, f]), Ty::Unit).into_unit(out)
            }
            "sort_by" | "sort_unstable_by" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: expected a closure"))?;
                let (f, rt) = self.fn_arg(a, vec![e.clone(), e.clone()], out)?;
                self.unify_at(
                    span,
                    &rt,
                    &Ty::Named("Ordering".into()),
                    "`sort_by` closure result",
                )?;
                (self.call_helper("sort_by", vec![rx, f]), Ty::Unit).into_unit(out)
            }
            "dedup" => (self.call_helper("dedup", vec![rx]), Ty::Unit).into_unit(out),
            "dedup_by_key" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: expected a closure"))?;
                let (f, _) = self.fn_arg(a, vec![e.clone()], out)?;
                (self.call_helper("dedup_by_key", vec![rx, f]), Ty::Unit).into_unit(out)
            }
            "reverse" => (Expr::method(rx, "reverse", vec![]), Ty::Unit).into_unit(out),
            "first" | "last" => {
                self.option_of(span, e.clone())?;
                (self.call_helper(name, vec![rx]), opt(e))
            }
            "get" => {
                let (i, _) = self.arg1(args, Some(usize_t()), span, out)?;
                self.option_of(span, e.clone())?;
                (self.call_helper("get", vec![rx, i]), opt(e))
            }
            "iter" | "into_iter" => (rx, iter(e)),
            "to_vec" | "into_vec" => (self.call_helper("clone", vec![rx]), vec_t),
            "join" | "concat" => {
                let sep = if name == "join" {
                    self.arg1(args, Some(Ty::Str), span, out)?.0
                } else {
                    Expr::Str(String::new())
                };
                match self.types.resolve(&e) {
                    Ty::Str => (Expr::method(rx, "join", vec![sep]), Ty::Str),
                    Ty::Vec(inner) if name == "concat" => {
                        (Expr::method(rx, "flat", vec![]), Ty::Vec(inner))
                    }
                    _ => return unsupported(span, &format!("`{name}` on this kind of vector")),
                }
            }
            "fill" => {
                let (x, _) = self.arg1(args, Some(e.clone()), span, out)?;
                let h = if self.types.resolve(&e).is_js_primitive() {
                    "fill"
                } else {
                    "fillc"
                };
                (self.call_helper(h, vec![rx, x]), Ty::Unit).into_unit(out)
            }
            "resize" => {
                let call =
                    self.helper_method("resize", rx, args, &[Some(usize_t()), Some(e)], span, out)?;
                (call, Ty::Unit).into_unit(out)
            }
            "split_off" => (
                self.helper_method("split_off", rx, args, &[Some(usize_t())], span, out)?,
                vec_t,
            ),
            "drain" => {
                match args {
                    [syn::Expr::Range(r)] if r.start.is_none() && r.end.is_none() => {}
                    _ => return unsupported(span, "`drain` with a range other than `..`"),
                }
                (Expr::method(rx, "splice", vec![Expr::lit("0")]), iter(e))
            }
            "windows" | "chunks" => {
                let (n, _) = self.arg1(args, Some(usize_t()), span, out)?;
                (self.call_helper(name, vec![rx, n]), iter(vec_t))
            }
            "starts_with" | "ends_with" => {
                let (x, _) = self.arg1(args, Some(vec_t.clone()), span, out)?;
                (self.call_helper(&format!("v{name}"), vec![rx, x]), Ty::Bool)
            }
            "binary_search" => return unsupported(span, "`binary_search`"),
            // Iterator methods called directly on a Vec (via deref to a
            // slice are not Rust; only `iter()`-style methods above are).
            _ => return unsupported(span, &format!("the `Vec` method `{name}`")),
        };
        Ok(r)
    }
}
