//! Closures: a Rust closure becomes a JS arrow. Parameters are patterns,
//! the body's captured outer locals are tracked (a `move` closure copies
//! compound values, so later changes in the caller do not show), and the
//! expected `Fn` type from the call site types the parameters.

use syn::spanned::Spanned;

use super::{err, unsupported, Dest, Lowerer};
use crate::ir::{Arrow, Expr, Param, Stmt};
use crate::ty::{Ty, VarKind};

type R<T> = syn::Result<T>;

impl Lowerer {
    /// Closures become arrow functions. Parameters with patterns are
    /// destructured in the body.
    pub(crate) fn closure(&mut self, c: &syn::ExprClosure, expect: Option<&Ty>) -> R<(Expr, Ty)> {
        if c.asyncness.is_some() {
            return unsupported(c.span(), "an `async` closure");
        }
        let (want_params, want_ret) = match expect.map(|t| self.types.shallow(t)) {
            Some(Ty::Fn(ps, r)) if ps.len() == c.inputs.len() => (Some(ps), Some(*r)),
            _ => (None, None),
        };
        self.closure_frames
            .push((self.scopes_len(), Default::default()));
        let r = self.closure_inner(c, want_params, want_ret);
        let (_, outer) = self.closure_frames.pop().unwrap();
        let (f, t) = r?;
        if c.capture.is_some() && !outer.is_empty() {
            // `move` copies the captured values when the closure is made;
            // later changes to the outer variables must not show inside.
            let names: Vec<String> = outer.into_iter().collect();
            let wrapper = Arrow {
                params: names.iter().cloned().map(Param::Name).collect(),
                body: vec![Stmt::Return(Some(f))],
                is_async: false,
            };
            let args = names.into_iter().map(Expr::Var).collect();
            return Ok((Expr::call(Expr::Arrow(Box::new(wrapper)), args), t));
        }
        Ok((f, t))
    }

    pub(crate) fn closure_inner(
        &mut self,
        c: &syn::ExprClosure,
        want_params: Option<Vec<Ty>>,
        want_ret: Option<Ty>,
    ) -> R<(Expr, Ty)> {
        self.push_scope();
        let mut params = Vec::new();
        let mut body = Vec::new();
        let mut ptys = Vec::new();
        for (i, p) in c.inputs.iter().enumerate() {
            let want = want_params.as_ref().map(|w| w[i].clone());
            let (p, annotated) = match p {
                syn::Pat::Type(pt) => (&*pt.pat, Some(self.rust_type(&pt.ty)?)),
                p => (p, None),
            };
            let ty = match (annotated, want) {
                (Some(a), Some(w)) => {
                    self.unify_at(p.span(), &a, &w, "closure parameter")?;
                    a
                }
                (Some(a), None) => a,
                (None, Some(w)) => w,
                (None, None) => self.types.fresh(VarKind::Any),
            };
            ptys.push(ty.clone());
            let name = self.param_pattern(p, &ty, &mut body)?;
            params.push(Param::Name(name));
        }
        let ret = match &c.output {
            syn::ReturnType::Type(_, t) => self.rust_type(t)?,
            syn::ReturnType::Default => want_ret
                .clone()
                .unwrap_or_else(|| self.types.fresh(VarKind::Any)),
        };
        if let Some(w) = &want_ret {
            self.unify_at(c.span(), &ret, w, "closure result")?;
        }
        self.fns.push(super::FnCtx {
            ret: ret.clone(),
            is_async: false,
        });
        let saved_loops = std::mem::take(&mut self.loops);
        let r = self.expr_to(&c.body, &Dest::Return, &mut body, Some(&ret));
        self.loops = saved_loops;
        self.fns.pop();
        self.pop_scope();
        r?;
        let arrow = Arrow {
            params,
            body,
            is_async: false,
        };
        Ok((Expr::Arrow(Box::new(arrow)), Ty::Fn(ptys, Box::new(ret))))
    }

    /// Binds a function parameter: a plain name stays the JS parameter,
    /// other patterns get a temporary parameter destructured in the body.
    pub(crate) fn param_pattern(
        &mut self,
        p: &syn::Pat,
        ty: &Ty,
        body: &mut Vec<Stmt>,
    ) -> R<String> {
        match p {
            syn::Pat::Ident(pi) if pi.subpat.is_none() => {
                Ok(self.bind(&pi.ident.to_string(), ty.clone()))
            }
            syn::Pat::Wild(_) => Ok(self.tmp()),
            syn::Pat::Reference(r) => self.param_pattern(&r.pat, ty, body),
            syn::Pat::Paren(pp) => self.param_pattern(&pp.pat, ty, body),
            _ => {
                let t = self.tmp();
                let v = Expr::Var(t.clone());
                let (cond, binds) = self.pattern(p, &v, ty)?;
                if cond.is_some() {
                    return err(p.span(), "rs2js: a parameter pattern must always match");
                }
                body.extend(binds);
                Ok(t)
            }
        }
    }
}
