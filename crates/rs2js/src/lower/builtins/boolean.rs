//! Methods of `bool`: `then` and `then_some` (a `bool` is a JS boolean).

use super::{MethodCall, R};
use crate::ir::Expr;
use crate::lower::{unsupported, Lowerer};
use crate::ty::Ty;

impl Lowerer {
    pub(super) fn bool_method(&mut self, m: MethodCall) -> R<(Expr, Ty)> {
        let (rx, name, args, span, out) = m.parts();
        match name {
            "then" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: `then` takes a closure"))?;
                let (f, r) = self.fn_arg(a, vec![], out)?;
                let ty = self.option_of(span, r)?;
                Ok((Expr::cond(rx, Expr::call(f, vec![]), Expr::null()), ty))
            }
            "then_some" => {
                let (v, vt) = self.arg1(args, None, span, out)?;
                let v = self.eager(v, out);
                let ty = self.option_of(span, vt)?;
                Ok((Expr::cond(rx, v, Expr::null()), ty))
            }
            _ => unsupported(span, &format!("the method `bool::{name}`")),
        }
    }
}
