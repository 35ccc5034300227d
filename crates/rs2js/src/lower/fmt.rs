//! Macros: `format!`, `println!`, `panic!`, `assert!`, `vec!`, `js!`, ...

use syn::spanned::Spanned;

use super::{unsupported, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::Ty;

type R<T> = syn::Result<T>;

impl Lowerer {
    pub(crate) fn macro_expr(&mut self, mac: &syn::Macro, _out: &mut Vec<Stmt>, _expect: Option<&Ty>) -> R<(Expr, Ty)> {
        unsupported(mac.span(), "this macro")
    }

    pub(crate) fn macro_stmt(&mut self, mac: &syn::Macro, out: &mut Vec<Stmt>) -> R<Ty> {
        let (x, t) = self.macro_expr(mac, out, None)?;
        if !x.is_simple() {
            out.push(Stmt::Expr(x));
        }
        Ok(t)
    }
}
