//! Methods of the integer types (`i8` … `u64`, `isize`, `usize`): checked,
//! wrapping and saturating arithmetic, bit counting, `pow`, `abs`, ...
//! Overflow panics like a Rust debug build; the helpers are per type.

use super::{opt, MethodCall, R};
use crate::ir::Expr;
use crate::lower::{err, unsupported, Lowerer};
use crate::ty::{IntTy, Ty};

impl Lowerer {
    pub(super) fn int_method(&mut self, m: MethodCall, it: IntTy) -> R<(Expr, Ty)> {
        let (rx, name, args, span, out) = m.parts();
        let t = Ty::Int(it);
        let n = it.name();
        let r = match name {
            "abs" => {
                self.no_args(args, span)?;
                if !it.signed() {
                    return err(span, "rs2js: unsigned integers have no `abs`");
                }
                (
                    Expr::cond(
                        Expr::bin("<", rx.clone(), Expr::lit("0")),
                        self.call_helper(&format!("neg_{n}"), vec![rx.clone()]),
                        rx,
                    ),
                    t,
                )
            }
            "pow" => {
                let (e, _) = self.arg1(args, Some(Ty::Int(IntTy::U32)), span, out)?;
                (self.call_helper(&format!("pow_{n}"), vec![rx, e]), t)
            }
            "min" | "max" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                (self.minmax(name == "max", rx, b, &t), t)
            }
            "clamp" => {
                let v = self.args(args, &[Some(t.clone()), Some(t.clone())], span, out)?;
                (
                    self.call_helper("clamp", vec![rx, v[0].0.clone(), v[1].0.clone()]),
                    t,
                )
            }
            "signum" => (Expr::method(Expr::var("Math"), "sign", vec![rx]), t),
            "is_positive" => (Expr::bin(">", rx, Expr::lit("0")), Ty::Bool),
            "is_negative" => (Expr::bin("<", rx, Expr::lit("0")), Ty::Bool),
            "checked_add" | "checked_sub" | "checked_mul" | "checked_div" | "checked_rem"
            | "checked_pow" => {
                let op = &name[8..];
                let want = if op == "pow" {
                    Ty::Int(IntTy::U32)
                } else {
                    t.clone()
                };
                let (b, _) = self.arg1(args, Some(want), span, out)?;
                let f = self.helper(&format!("{op}_{n}"));
                (self.call_helper("checked", vec![f, rx, b]), opt(t))
            }
            "wrapping_add" | "wrapping_sub" | "wrapping_mul" | "wrapping_neg" => {
                let op = &name[9..];
                let b = if op == "neg" {
                    Expr::lit("0")
                } else {
                    self.arg1(args, Some(t.clone()), span, out)?.0
                };
                (
                    self.call_helper(&format!("wrap_{n}"), vec![Expr::Str(op.into()), rx, b]),
                    t,
                )
            }
            "saturating_add" | "saturating_sub" | "saturating_mul" => {
                let op = &name[11..];
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                if it.wide() {
                    return unsupported(span, "saturating arithmetic on 64-bit integers (the limits exceed what JavaScript numbers hold exactly)");
                }
                let (lo, hi) = it.min_max();
                (
                    self.call_helper(
                        "sat",
                        vec![Expr::Str(op.into()), rx, b, Expr::lit(lo), Expr::lit(hi)],
                    ),
                    t,
                )
            }
            "rem_euclid" | "div_euclid" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                (
                    self.call_helper(
                        &format!(
                            "{}_{n}",
                            &name[..3].replace("rem", "reme").replace("div", "dive")
                        ),
                        vec![rx, b],
                    ),
                    t,
                )
            }
            "abs_diff" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                let ut = match it {
                    IntTy::I8 => IntTy::U8,
                    IntTy::I16 => IntTy::U16,
                    IntTy::I32 => IntTy::U32,
                    IntTy::I64 => IntTy::U64,
                    IntTy::Isize => IntTy::Usize,
                    u => u,
                };
                (
                    self.call_helper(
                        &format!("ck_{}", ut.name()),
                        vec![
                            Expr::method(Expr::var("Math"), "abs", vec![Expr::bin("-", rx, b)]),
                            Expr::Str("subtract".into()),
                        ],
                    ),
                    Ty::Int(ut),
                )
            }
            "count_ones" | "count_zeros" | "leading_zeros" | "trailing_zeros" => {
                self.no_args(args, span)?;
                if it.wide() {
                    return unsupported(span, &format!("`{name}` on 64-bit integers"));
                }
                (
                    self.call_helper(name, vec![rx, Expr::lit(it.bits().to_string())]),
                    Ty::Int(IntTy::U32),
                )
            }
            "is_power_of_two" => (self.call_helper("is_pow2", vec![rx]), Ty::Bool),
            _ => return unsupported(span, &format!("the method `{n}::{name}`")),
        };
        Ok(r)
    }
}
