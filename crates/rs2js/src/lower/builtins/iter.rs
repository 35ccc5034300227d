//! Methods of iterators and ranges. Chains become lazy JS generators
//! (helpers `$map`, `$filter`, ...) so closures run in Rust's order and stop
//! where Rust stops (`any`, `find`, `take`, ...).

use super::{iter, opt, usize_t, IntoUnit, MethodCall, R};
use crate::ir::{Expr, Stmt};
use crate::lower::{err, unsupported, Lowerer};
use crate::ty::{Ty, VarKind};

impl Lowerer {
    pub(super) fn iter_method(&mut self, m: MethodCall, e: Ty) -> R<(Expr, Ty)> {
        let expect = m.expect;
        let (rx, name, args, span, out) = m.parts();
        let closure_arg = |me: &mut Self, params: Vec<Ty>, out: &mut Vec<Stmt>| -> R<(Expr, Ty)> {
            match args {
                [a] => me.fn_arg(a, params, out),
                _ => err(span, format!("rs2js: `{name}` takes one closure")),
            }
        };
        let r = match name {
            "iter" | "into_iter" | "by_ref" => (rx, iter(e)),
            "map" => {
                let (f, rt) = closure_arg(self, vec![e], out)?;
                (self.call_helper("map", vec![rx, f]), iter(rt))
            }
            "filter" => {
                let (f, rt) = closure_arg(self, vec![e.clone()], out)?;
                self.unify_at(span, &rt, &Ty::Bool, "`filter` closure result")?;
                (self.call_helper("filter", vec![rx, f]), iter(e))
            }
            "filter_map" => {
                let (f, rt) = closure_arg(self, vec![e], out)?;
                let inner = self.types.fresh(VarKind::Any);
                self.unify_at(
                    span,
                    &rt,
                    &opt(inner.clone()),
                    "`filter_map` closure result",
                )?;
                (self.call_helper("filter_map", vec![rx, f]), iter(inner))
            }
            "flat_map" => {
                let (f, rt) = closure_arg(self, vec![e], out)?;
                let is_opt = matches!(self.types.shallow(&rt), Ty::Option(_));
                let inner = match self.types.shallow(&rt) {
                    Ty::Str => Ty::Char,
                    _ => self.elem_of(&rt),
                };
                let h = if is_opt { "filter_map" } else { "flat_map" };
                (self.call_helper(h, vec![rx, f]), iter(inner))
            }
            "flatten" => {
                let inner = self.elem_of(&e);
                if let Ty::Option(_) = self.types.shallow(&e) {
                    (
                        self.call_helper(
                            "filter_map",
                            vec![rx, Expr::arrow(vec!["x".into()], Expr::var("x"))],
                        ),
                        iter(inner),
                    )
                } else {
                    (
                        self.call_helper(
                            "flat_map",
                            vec![rx, Expr::arrow(vec!["x".into()], Expr::var("x"))],
                        ),
                        iter(inner),
                    )
                }
            }
            "take_while" | "skip_while" | "inspect" => {
                let (f, _) = closure_arg(self, vec![e.clone()], out)?;
                (self.call_helper(name, vec![rx, f]), iter(e))
            }
            "enumerate" => (
                self.call_helper("enumerate", vec![rx]),
                iter(Ty::Tuple(vec![usize_t(), e])),
            ),
            "zip" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: `zip` takes an iterable"))?;
                let (it, t2) = self.iterable(a, out)?;
                (
                    self.call_helper("zip", vec![rx, it]),
                    iter(Ty::Tuple(vec![e, t2])),
                )
            }
            "chain" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: `chain` takes an iterable"))?;
                let (it, t2) = self.iterable(a, out)?;
                self.unify_at(span, &e, &t2, "`chain` item type")?;
                (self.call_helper("chain", vec![rx, it]), iter(e))
            }
            "rev" => (self.call_helper("rev", vec![rx]), iter(e)),
            "skip" | "take" | "step_by" => {
                let (n, _) = self.arg1(args, Some(usize_t()), span, out)?;
                (self.call_helper(name, vec![rx, n]), iter(e))
            }
            "cloned" | "copied" => {
                if self.types.resolve(&e).is_js_primitive() {
                    (rx, iter(e))
                } else {
                    let c = self.helper("clone");
                    (self.call_helper("map", vec![rx, c]), iter(e))
                }
            }
            "peekable" | "fuse" => (self.call_helper("iter", vec![rx]), iter(e)),
            "collect" => {
                let target = expect.map(|t| self.types.shallow(t));
                match target {
                    Some(Ty::Str) => (self.call_helper("collect_str", vec![rx]), Ty::Str),
                    Some(Ty::Vec(inner)) => {
                        self.unify_at(span, &inner, &e, "`collect` item type")?;
                        (self.call_helper("collect", vec![rx]), Ty::Vec(inner))
                    }
                    Some(Ty::Var(_)) | None => {
                        (self.call_helper("collect", vec![rx]), Ty::Vec(Box::new(e)))
                    }
                    Some(other) => return unsupported(span, &format!("`collect` into `{other}`")),
                }
            }
            "count" => (self.call_helper("count", vec![rx]), usize_t()),
            "sum" | "product" => {
                let t = match expect {
                    Some(w) => {
                        self.unify_at(span, w, &e, "`sum` type")?;
                        self.settle(w)
                    }
                    None => self.settle(&e),
                };
                let h = match &t {
                    Ty::Int(it) => format!("{}_{}", name, it.name()),
                    Ty::F64 | Ty::F32 => format!("f{name}"),
                    other => {
                        return err(
                            span,
                            format!("rs2js: cannot `{name}` values of type `{other}`"),
                        )
                    }
                };
                let x = self.call_helper(&h, vec![rx]);
                let x = if t == Ty::F32 {
                    Expr::method(Expr::var("Math"), "fround", vec![x])
                } else {
                    x
                };
                (x, t)
            }
            "any" | "all" => {
                let (f, rt) = closure_arg(self, vec![e], out)?;
                self.unify_at(span, &rt, &Ty::Bool, "closure result")?;
                (self.call_helper(name, vec![rx, f]), Ty::Bool)
            }
            "find" => {
                let (f, _) = closure_arg(self, vec![e.clone()], out)?;
                let ty = self.option_of(span, e)?;
                (self.call_helper("find", vec![rx, f]), ty)
            }
            "find_map" => {
                let (f, rt) = closure_arg(self, vec![e], out)?;
                (self.call_helper("find_map", vec![rx, f]), rt)
            }
            "position" => {
                let (f, _) = closure_arg(self, vec![e], out)?;
                (self.call_helper("position", vec![rx, f]), opt(usize_t()))
            }
            "max" | "min" => {
                let et = self.settle(&e);
                if matches!(self.types.resolve(&et), Ty::F64 | Ty::F32) {
                    return err(
                        span,
                        "rs2js: `f64` is not `Ord`; use `fold` with `f64::max`",
                    );
                }
                self.check_ord(&et, span)?;
                let ty = self.option_of(span, e)?;
                (self.call_helper(&format!("it{name}"), vec![rx]), ty)
            }
            "max_by_key" | "min_by_key" => {
                let (f, _) = closure_arg(self, vec![e.clone()], out)?;
                let ty = self.option_of(span, e)?;
                (self.call_helper(name, vec![rx, f]), ty)
            }
            "max_by" | "min_by" => {
                let (f, _) = closure_arg(self, vec![e.clone(), e.clone()], out)?;
                let ty = self.option_of(span, e)?;
                (self.call_helper(name, vec![rx, f]), ty)
            }
            "fold" => {
                let (init, it) = match args {
                    [i, _] => {
                        let mut pre = Vec::new();
                        let r = self.expr(i, &mut pre, None)?;
                        out.extend(pre);
                        r
                    }
                    _ => return err(span, "rs2js: `fold` takes an initial value and a closure"),
                };
                let (f, rt) = self.fn_arg(&args[1], vec![it.clone(), e], out)?;
                self.unify_at(span, &rt, &it, "`fold` closure result")?;
                (self.call_helper("fold", vec![rx, init, f]), it)
            }
            "for_each" => {
                let (f, _) = closure_arg(self, vec![e], out)?;
                (self.call_helper("for_each", vec![rx, f]), Ty::Unit).into_unit(out)
            }
            "last" => {
                let ty = self.option_of(span, e)?;
                (self.call_helper("last_it", vec![rx]), ty)
            }
            "nth" => {
                let (n, _) = self.arg1(args, Some(usize_t()), span, out)?;
                let ty = self.option_of(span, e)?;
                (self.call_helper("nth", vec![rx, n]), ty)
            }
            "next" => {
                let ty = self.option_of(span, e)?;
                (self.call_helper("next", vec![rx]), ty)
            }
            "partition" => {
                let (f, _) = closure_arg(self, vec![e.clone()], out)?;
                let v = Ty::Vec(Box::new(e));
                (
                    self.call_helper("partition", vec![rx, f]),
                    Ty::Tuple(vec![v.clone(), v]),
                )
            }
            "unzip" => {
                let (a, b) = match self.types.shallow(&e) {
                    Ty::Tuple(ts) if ts.len() == 2 => (ts[0].clone(), ts[1].clone()),
                    _ => return err(span, "rs2js: `unzip` needs pairs"),
                };
                (
                    self.call_helper("unzip", vec![rx]),
                    Ty::Tuple(vec![Ty::Vec(Box::new(a)), Ty::Vec(Box::new(b))]),
                )
            }
            "contains" => {
                // Ranges: `(a..b).contains(&x)`.
                let (x, _) = self.arg1(args, Some(e.clone()), span, out)?;
                (self.call_helper("it_has", vec![rx, x]), Ty::Bool)
            }
            "len" => (self.call_helper("count", vec![rx]), usize_t()),
            _ => return unsupported(span, &format!("the iterator method `{name}`")),
        };
        Ok(r)
    }
}
