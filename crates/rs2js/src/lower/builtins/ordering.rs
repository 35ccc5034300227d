//! Methods of `std::cmp::Ordering` (the numbers -1, 0, 1).

use super::{MethodCall, R};
use crate::ir::Expr;
use crate::lower::{unsupported, Lowerer};
use crate::ty::Ty;

impl Lowerer {
    pub(super) fn ordering_method(&mut self, m: MethodCall) -> R<(Expr, Ty)> {
        let (rx, name, args, span, out) = m.parts();
        let ord = Ty::Named("Ordering".into());
        let r = match name {
            "reverse" => (Expr::bin("-", Expr::lit("0"), rx), ord),
            "then" => {
                let (o, _) = self.arg1(args, Some(ord.clone()), span, out)?;
                let o = self.eager(o, out);
                (Expr::bin("||", rx, o), ord)
            }
            "then_with" => {
                let (f, _) = self.closure1(args, vec![], span, out)?;
                (Expr::bin("||", rx, Expr::call(f, vec![])), ord)
            }
            "is_lt" => (Expr::bin("<", rx, Expr::lit("0")), Ty::Bool),
            "is_le" => (Expr::bin("<=", rx, Expr::lit("0")), Ty::Bool),
            "is_gt" => (Expr::bin(">", rx, Expr::lit("0")), Ty::Bool),
            "is_ge" => (Expr::bin(">=", rx, Expr::lit("0")), Ty::Bool),
            "is_eq" => (Expr::bin("===", rx, Expr::lit("0")), Ty::Bool),
            "is_ne" => (Expr::bin("!==", rx, Expr::lit("0")), Ty::Bool),
            _ => return unsupported(span, &format!("the `Ordering` method `{name}`")),
        };
        Ok(r)
    }
}
