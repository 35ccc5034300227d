//! Methods of `f32` and `f64`: rounding, `min`/`max` (ignoring NaN),
//! `powi` (compiler-rt's loop), classification. Transcendental functions are
//! refused because JS's `Math` may differ from Rust in the last bit.

use super::{MethodCall, R};
use crate::ir::Expr;
use crate::lower::{unsupported, Lowerer};
use crate::ty::{IntTy, Ty};

impl Lowerer {
    pub(super) fn float_method(&mut self, m: MethodCall, t: Ty) -> R<(Expr, Ty)> {
        let (rx, name, args, span, out) = m.parts();
        let math = |f: &str, a: Vec<Expr>| Expr::method(Expr::var("Math"), f, a);
        let f32 = t == Ty::F32;
        let round32 = |x: Expr| {
            if f32 {
                Expr::method(Expr::var("Math"), "fround", vec![x])
            } else {
                x
            }
        };
        let r = match name {
            "abs" | "floor" | "ceil" | "trunc" | "sqrt" => {
                self.no_args(args, span)?;
                (round32(math(name, vec![rx])), t)
            }
            // Rust rounds halfway cases away from zero; JS rounds them up.
            "round" => (self.call_helper("round", vec![rx]), t),
            "fract" => (Expr::bin("-", rx.clone(), math("trunc", vec![rx])), t),
            "signum" => (self.call_helper("fsignum", vec![rx]), t),
            "is_nan" => (Expr::bin("!==", rx.clone(), rx), Ty::Bool),
            "is_finite" => (
                Expr::method(Expr::var("Number"), "isFinite", vec![rx]),
                Ty::Bool,
            ),
            "is_infinite" => (
                Expr::bin("===", math("abs", vec![rx]), Expr::lit("Infinity")),
                Ty::Bool,
            ),
            "is_sign_negative" => (self.call_helper("fneg", vec![rx]), Ty::Bool),
            "is_sign_positive" => (
                Expr::unary("!", self.call_helper("fneg", vec![rx])),
                Ty::Bool,
            ),
            "max" | "min" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                (self.call_helper(&format!("f{name}"), vec![rx, b]), t)
            }
            "clamp" => {
                let v = self.args(args, &[Some(t.clone()), Some(t.clone())], span, out)?;
                (
                    self.call_helper("fclamp", vec![rx, v[0].0.clone(), v[1].0.clone()]),
                    t,
                )
            }
            "powi" => {
                let (b, _) = self.arg1(args, Some(Ty::Int(IntTy::I32)), span, out)?;
                (round32(self.call_helper("powi", vec![rx, b])), t)
            }
            "powf" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                (round32(self.call_helper("powf", vec![rx, b])), t)
            }
            "mul_add" => {
                return unsupported(span, "`mul_add` (JavaScript has no fused multiply-add)");
            }
            "to_degrees" => (
                round32(Expr::bin("*", rx, Expr::lit("57.29577951308232"))),
                t,
            ),
            "hypot" | "atan2" | "exp" | "ln" | "log10" | "log2" | "sin" | "cos" | "tan" => {
                return unsupported(
                    span,
                    &format!("`{name}` (JavaScript's Math library may differ from Rust's in the last digit, so rs2js does not translate it)"),
                );
            }
            _ => return unsupported(span, &format!("the method `{t}::{name}`")),
        };
        Ok(r)
    }
}
