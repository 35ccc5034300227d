//! Methods of `Result<T, E>` (`{Ok: v}` / `{Err: e}`).

use super::{iter, MethodCall, R};
use crate::ir::Expr;
use crate::lower::{unsupported, Lowerer};
use crate::ty::{Ty, VarKind};

impl Lowerer {
    pub(super) fn result_method(&mut self, m: MethodCall, ok: Ty, er: Ty) -> R<(Expr, Ty)> {
        let (rx, name, args, span, out) = m.parts();
        let rt = Ty::Result(Box::new(ok.clone()), Box::new(er.clone()));
        let is_ok = Expr::bin("in", Expr::Str("Ok".into()), rx.clone());
        let okv = Expr::member(rx.clone(), "Ok");
        let errv = Expr::member(rx.clone(), "Err");
        let r = match name {
            "is_ok" => (is_ok, Ty::Bool),
            "is_err" => (Expr::bin("in", Expr::Str("Err".into()), rx), Ty::Bool),
            "unwrap" | "expect" => {
                let d = self.panic_debug_fn(&er, span);
                let msg = if name == "expect" {
                    self.arg1(args, Some(Ty::Str), span, out)?.0
                } else {
                    self.no_args(args, span)?;
                    Expr::Str("called `Result::unwrap()` on an `Err` value".into())
                };
                (self.call_helper("unwrap_r", vec![rx, msg, d]), ok)
            }
            "unwrap_err" | "expect_err" => {
                let d = self.panic_debug_fn(&ok, span);
                let msg = if name == "expect_err" {
                    self.arg1(args, Some(Ty::Str), span, out)?.0
                } else {
                    Expr::Str("called `Result::unwrap_err()` on an `Ok` value".into())
                };
                (self.call_helper("unwrap_e", vec![rx, msg, d]), er)
            }
            "unwrap_or" => {
                let (d, _) = self.arg1(args, Some(ok.clone()), span, out)?;
                let d = self.eager(d, out);
                (Expr::cond(is_ok, okv, d), ok)
            }
            "unwrap_or_else" => {
                let (f, _) = self.closure1(args, vec![er], span, out)?;
                (Expr::cond(is_ok, okv, Expr::call(f, vec![errv])), ok)
            }
            "unwrap_or_default" => {
                let d = self.default_value(&ok, span)?;
                (Expr::cond(is_ok, okv, d), ok)
            }
            "ok" => {
                let ty = self.option_of(span, ok)?;
                (Expr::cond(is_ok, okv, Expr::null()), ty)
            }
            "err" => {
                let ty = self.option_of(span, er)?;
                (Expr::cond(is_ok, Expr::null(), errv), ty)
            }
            "map" => {
                let (f, t2) = self.closure1(args, vec![ok], span, out)?;
                (
                    Expr::cond(
                        is_ok,
                        Expr::Object(vec![("Ok".into(), Expr::call(f, vec![okv]))]),
                        rx,
                    ),
                    Ty::Result(Box::new(t2), Box::new(er)),
                )
            }
            "map_err" => {
                let (f, t2) = self.closure1(args, vec![er], span, out)?;
                (
                    Expr::cond(
                        is_ok,
                        rx,
                        Expr::Object(vec![("Err".into(), Expr::call(f, vec![errv]))]),
                    ),
                    Ty::Result(Box::new(ok), Box::new(t2)),
                )
            }
            "and_then" => {
                let (f, t2) = self.closure1(args, vec![ok], span, out)?;
                let inner = self.types.fresh(VarKind::Any);
                self.unify_at(
                    span,
                    &t2,
                    &Ty::Result(Box::new(inner.clone()), Box::new(er.clone())),
                    "`and_then` closure result",
                )?;
                (
                    Expr::cond(is_ok, Expr::call(f, vec![okv]), rx),
                    Ty::Result(Box::new(inner), Box::new(er)),
                )
            }
            "or_else" => {
                let (f, t2) = self.closure1(args, vec![er], span, out)?;
                (Expr::cond(is_ok, rx, Expr::call(f, vec![errv])), t2)
            }
            "is_ok_and" | "is_err_and" => {
                let (f, _) = self.closure1(
                    args,
                    vec![if name == "is_ok_and" { ok } else { er }],
                    span,
                    out,
                )?;
                if name == "is_ok_and" {
                    (Expr::bin("&&", is_ok, Expr::call(f, vec![okv])), Ty::Bool)
                } else {
                    (
                        Expr::bin("&&", Expr::unary("!", is_ok), Expr::call(f, vec![errv])),
                        Ty::Bool,
                    )
                }
            }
            "map_or" => {
                let (d0, f, t2) = self.map_or_args(args, ok, span, out)?;
                (Expr::cond(is_ok, Expr::call(f, vec![okv]), d0), t2)
            }
            "as_ref" | "as_mut" | "as_deref" => (rx, rt),
            "iter" | "into_iter" => {
                let o = Expr::cond(is_ok, okv, Expr::null());
                (self.call_helper("opt_iter", vec![o]), iter(ok))
            }
            "cloned" | "copied" => (self.call_helper("clone", vec![rx]), rt),
            _ => return unsupported(span, &format!("the `Result` method `{name}`")),
        };
        Ok(r)
    }
}
