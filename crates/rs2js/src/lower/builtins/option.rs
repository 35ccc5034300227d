//! Methods of `Option<T>` (`None` is JS `null`).

use super::{assignable, iter, opt, MethodCall, R};
use crate::ir::{Expr, Stmt};
use crate::lower::{err, unsupported, Lowerer};
use crate::ty::{Ty, VarKind};

impl Lowerer {
    pub(super) fn option_method(&mut self, m: MethodCall, e: Ty) -> R<(Expr, Ty)> {
        let (rx, name, args, span, out) = m.parts();
        let ot = opt(e.clone());
        let is_none = Expr::bin("===", rx.clone(), Expr::null());
        let r = match name {
            "is_some" => (Expr::bin("!==", rx, Expr::null()), Ty::Bool),
            "is_none" => (is_none, Ty::Bool),
            "unwrap" => {
                self.no_args(args, span)?;
                (self.call_helper("unwrap", vec![rx]), e)
            }
            "expect" => {
                let (m, _) = self.arg1(args, Some(Ty::Str), span, out)?;
                (self.call_helper("expect", vec![rx, m]), e)
            }
            // `or` is `unwrap_or` with an `Option` as the default.
            "unwrap_or" | "or" => {
                let t = if name == "or" { ot } else { e };
                let (d, _) = self.arg1(args, Some(t.clone()), span, out)?;
                let d = self.eager(d, out);
                (Expr::cond(is_none, d, rx), t)
            }
            "unwrap_or_else" | "or_else" => {
                let (f, _) = self.closure1(args, vec![], span, out)?;
                let t = if name == "or_else" { ot } else { e };
                (Expr::cond(is_none, Expr::call(f, vec![]), rx), t)
            }
            "unwrap_or_default" => {
                let d = self.default_value(&e, span)?;
                (Expr::cond(is_none, d, rx), e)
            }
            "map" | "and_then" => {
                let (f, rt) = self.closure1(args, vec![e], span, out)?;
                let ty = if name == "map" {
                    self.option_of(span, rt)?
                } else {
                    let inner = self.types.fresh(VarKind::Any);
                    self.unify_at(span, &rt, &opt(inner.clone()), "`and_then` closure result")?;
                    opt(inner)
                };
                (
                    Expr::cond(is_none, Expr::null(), Expr::call(f, vec![rx])),
                    ty,
                )
            }
            "map_or" => {
                let (d0, f, rt) = self.map_or_args(args, e, span, out)?;
                (Expr::cond(is_none, d0, Expr::call(f, vec![rx])), rt)
            }
            "map_or_else" => {
                let (fd, dt) = self.fn_arg(
                    args.first()
                        .ok_or_else(|| syn::Error::new(span, "rs2js: expected two closures"))?,
                    vec![],
                    out,
                )?;
                let (f, rt) = self.fn_arg(
                    args.get(1)
                        .ok_or_else(|| syn::Error::new(span, "rs2js: expected two closures"))?,
                    vec![e],
                    out,
                )?;
                self.unify_at(span, &rt, &dt, "`map_or_else` result")?;
                (
                    Expr::cond(is_none, Expr::call(fd, vec![]), Expr::call(f, vec![rx])),
                    rt,
                )
            }
            "is_some_and" | "is_none_or" => {
                let (f, _) = self.closure1(args, vec![e], span, out)?;
                if name == "is_some_and" {
                    (
                        Expr::bin(
                            "&&",
                            Expr::bin("!==", rx.clone(), Expr::null()),
                            Expr::call(f, vec![rx]),
                        ),
                        Ty::Bool,
                    )
                } else {
                    (Expr::bin("||", is_none, Expr::call(f, vec![rx])), Ty::Bool)
                }
            }
            "filter" => {
                let (f, _) = self.closure1(args, vec![e], span, out)?;
                (
                    Expr::cond(
                        Expr::bin(
                            "&&",
                            Expr::bin("!==", rx.clone(), Expr::null()),
                            Expr::call(f, vec![rx.clone()]),
                        ),
                        rx,
                        Expr::null(),
                    ),
                    ot,
                )
            }
            "xor" => {
                let (o, _) = self.arg1(args, Some(ot.clone()), span, out)?;
                let o = self.spill_always(o, out);
                let x = Expr::cond(
                    is_none,
                    o.clone(),
                    Expr::cond(Expr::bin("===", o, Expr::null()), rx, Expr::null()),
                );
                (x, ot)
            }
            "and" => {
                let (o, t2) = self.arg1(args, None, span, out)?;
                let o = self.eager(o, out);
                (Expr::cond(is_none, Expr::null(), o), t2)
            }
            "ok_or" => {
                let (x, et) = self.arg1(args, None, span, out)?;
                let x = self.eager(x, out);
                (
                    Expr::cond(
                        is_none,
                        Expr::Object(vec![("Err".into(), x)]),
                        Expr::Object(vec![("Ok".into(), rx)]),
                    ),
                    Ty::Result(Box::new(e), Box::new(et)),
                )
            }
            "ok_or_else" => {
                let (f, et) = self.closure1(args, vec![], span, out)?;
                (
                    Expr::cond(
                        is_none,
                        Expr::Object(vec![("Err".into(), Expr::call(f, vec![]))]),
                        Expr::Object(vec![("Ok".into(), rx)]),
                    ),
                    Ty::Result(Box::new(e), Box::new(et)),
                )
            }
            "zip" => {
                let (o, t2) = self.arg1(args, None, span, out)?;
                let o = self.spill_always(o, out);
                let inner = self.elem_of(&t2);
                (
                    Expr::cond(
                        Expr::bin("||", is_none, Expr::bin("===", o.clone(), Expr::null())),
                        Expr::null(),
                        Expr::Array(vec![rx, o]),
                    ),
                    opt(Ty::Tuple(vec![e, inner])),
                )
            }
            "cloned" | "copied" => {
                if self.types.resolve(&e).is_js_primitive() {
                    (rx, ot)
                } else {
                    (self.call_helper("clone", vec![rx]), ot)
                }
            }
            "as_ref" | "as_mut" | "as_deref" | "as_deref_mut" | "as_slice" => (rx, ot),
            "iter" | "into_iter" => (self.call_helper("opt_iter", vec![rx]), iter(e)),
            "take" => {
                if !assignable(&rx) {
                    return err(span, "rs2js: `take` must be called on a variable or field");
                }
                let t = self.tmp();
                out.push(Stmt::Let(t.clone(), Some(rx.clone())));
                out.push(Stmt::Expr(Expr::assign(rx, Expr::null())));
                (Expr::var(t), ot)
            }
            "replace" | "insert" | "get_or_insert" => {
                if !assignable(&rx) {
                    return err(
                        span,
                        format!("rs2js: `{name}` must be called on a variable or field"),
                    );
                }
                let (v, _) = self.arg1(args, Some(e.clone()), span, out)?;
                match name {
                    "replace" => {
                        let t = self.tmp();
                        out.push(Stmt::Let(t.clone(), Some(rx.clone())));
                        out.push(Stmt::Expr(Expr::assign(rx, v)));
                        (Expr::var(t), ot)
                    }
                    "insert" => {
                        out.push(Stmt::Expr(Expr::assign(rx.clone(), v)));
                        (rx, e)
                    }
                    _ => {
                        out.push(Stmt::If(
                            Expr::bin("===", rx.clone(), Expr::null()),
                            vec![Stmt::Expr(Expr::assign(rx.clone(), v))],
                            vec![],
                        ));
                        (rx, e)
                    }
                }
            }
            "unwrap_unchecked" => return unsupported(span, "`unwrap_unchecked`"),
            _ => return unsupported(span, &format!("the `Option` method `{name}`")),
        };
        Ok(r)
    }
}
