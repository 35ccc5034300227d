//! Methods of the standard types (numbers, strings, `Vec`, `Option`,
//! `Result`, iterators).


use super::{unsupported, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::Ty;

type R<T> = syn::Result<T>;

impl Lowerer {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn method_on(
        &mut self,
        _rx: Expr,
        _rt: Ty,
        method: &syn::Ident,
        _args: &[syn::Expr],
        _span: proc_macro2::Span,
        _out: &mut Vec<Stmt>,
        _expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        unsupported(method.span(), &format!("the method `{method}`"))
    }
}
