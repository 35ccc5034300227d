//! The handler's special receivers: signals (`get`, `set`, `update`,
//! `with` on client signals, protocol §1) and the DOM event (`e.value()`,
//! `e.checked()`, `e.key()`, `e.prevent_default()`, ...). An `update`
//! closure mutates the value in place and hands the same object back.

use syn::spanned::Spanned;

use super::method::contains_return;
use super::{err, unsupported, Dest, FnCtx, Lowerer};
use crate::ir::{Arrow, Expr, Param, Stmt};
use crate::ty::{Ty, VarKind};

type R<T> = syn::Result<T>;

/// The one argument of `update`/`with`, which must be a closure literal.
fn closure_literal<'a>(
    args: &[&'a syn::Expr],
    m: &syn::ExprMethodCall,
    name: &str,
) -> R<&'a syn::ExprClosure> {
    match args {
        [syn::Expr::Closure(c)] => Ok(c),
        _ => unsupported(
            m.span(),
            &format!("`{name}` with something other than a closure literal"),
        ),
    }
}

impl Lowerer {
    /// Methods of a signal: `get`, `set`, `update`, `with`.
    pub(crate) fn signal_method(
        &mut self,
        s: Expr,
        st: &Ty,
        m: &syn::ExprMethodCall,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Ty)> {
        let inner = match self.types.shallow(st) {
            Ty::Signal(t) => *t,
            _ => {
                let t = self.types.fresh(VarKind::Any);
                self.types.unify(st, &Ty::Signal(Box::new(t.clone())));
                t
            }
        };
        let name = m.method.to_string();
        let args: Vec<&syn::Expr> = m.args.iter().collect();
        match name.as_str() {
            "get" | "get_untracked" => {
                if !args.is_empty() {
                    return err(m.span(), "rs2js: a signal's `get` takes no arguments");
                }
                let x = Expr::method(s, "get", vec![]);
                // `get` returns a copy in Rust; the client signal returns its
                // stored object, which must not be changed in place.
                Ok(self.copy_out(x, &inner))
            }
            "set" | "set_untracked" => {
                let (v, _) = self.one_arg(&args, m.span(), out, Some(&inner))?;
                Ok((Expr::method(s, "set", vec![v]), Ty::Unit))
            }
            "update" => {
                let c = closure_literal(&args, m, &name)?;
                if contains_return(&c.body) {
                    let f = self.update_closure(c, &inner)?;
                    return Ok((Expr::method(s, "update", vec![f]), Ty::Unit));
                }
                self.update_inline(s, c, &inner, out)?;
                Ok((Expr::undefined(), Ty::Unit))
            }
            "with" => {
                let c = closure_literal(&args, m, &name)?;
                let ret = self.types.fresh(VarKind::Any);
                let want = Ty::Fn(vec![inner.clone()], Box::new(ret.clone()));
                let (f, _) = self.closure(c, Some(&want))?;
                Ok((Expr::method(s, "with", vec![f]), ret))
            }
            _ => unsupported(
                m.method.span(),
                &format!("the signal method `{name}` (supported: get, set, update, with)"),
            ),
        }
    }

    /// `s.update(|v| body)` without an early `return`, written in place:
    /// `let v = s.get(); body; s.set(v);`. The client's `update` does the
    /// same (its `get` hands out the stored value, not a copy), but a
    /// closure made afresh on every call loses the engine's optimised code
    /// for its loops between calls: a handler that updates each item of a
    /// 1,000-row list ran its loop unoptimised on every click.
    fn update_inline(
        &mut self,
        s: Expr,
        c: &syn::ExprClosure,
        inner: &Ty,
        out: &mut Vec<Stmt>,
    ) -> R<()> {
        // The signal is named once: the body could change what a
        // non-trivial receiver expression evaluates to.
        let signal = if s.is_simple() {
            s
        } else {
            let t = self.tmp();
            out.push(Stmt::Let(t.clone(), Some(s)));
            Expr::Var(t)
        };
        let (js, body) = self.update_body(c, inner)?;
        let mut block = vec![Stmt::Let(
            js.clone(),
            Some(Expr::method(signal.clone(), "get", vec![])),
        )];
        block.extend(body);
        block.push(Stmt::Expr(Expr::method(signal, "set", vec![Expr::Var(js)])));
        out.push(Stmt::Block(None, block));
        Ok(())
    }

    /// `update(|v| body)` as a function, for a body that returns early
    /// (`return` leaves the closure, not the handler): the client calls
    /// `fn(current)` and stores what it returns, so the body runs on a
    /// local, inside an inner function the `return` can leave, and the
    /// local is returned (the same object for in-place changes of lists
    /// and structs).
    fn update_closure(&mut self, c: &syn::ExprClosure, inner: &Ty) -> R<Expr> {
        let (js, body) = self.update_body(c, inner)?;
        let f = Expr::Arrow(Box::new(Arrow {
            params: vec![],
            body,
            is_async: false,
        }));
        Ok(Expr::Arrow(Box::new(Arrow {
            params: vec![Param::Name(js.clone())],
            body: vec![
                Stmt::Expr(Expr::call(f, vec![])),
                Stmt::Return(Some(Expr::Var(js))),
            ],
            is_async: false,
        })))
    }

    /// The parameter's JS name and the lowered body of an `update` closure.
    fn update_body(&mut self, c: &syn::ExprClosure, inner: &Ty) -> R<(String, Vec<Stmt>)> {
        if c.inputs.len() != 1 {
            return err(
                c.span(),
                "rs2js: the closure given to `update` takes one parameter",
            );
        }
        self.push_scope();
        let (p, annotated) = match &c.inputs[0] {
            syn::Pat::Type(pt) => (&*pt.pat, Some(self.rust_type(&pt.ty)?)),
            p => (p, None),
        };
        if let Some(a) = annotated {
            self.unify_at(p.span(), &a, inner, "`update` parameter")?;
        }
        let name = match p {
            syn::Pat::Ident(pi) if pi.subpat.is_none() => pi.ident.to_string(),
            syn::Pat::Wild(_) => "_".to_string(),
            _ => {
                self.pop_scope();
                return unsupported(
                    p.span(),
                    "a pattern as the parameter of `update` (use a plain name)",
                );
            }
        };
        let js = self.bind(&name, inner.clone());
        self.fns.push(FnCtx {
            ret: Ty::Unit,
            is_async: false,
        });
        let saved_loops = std::mem::take(&mut self.loops);
        let mut body = Vec::new();
        let r = self.expr_to(&c.body, &Dest::Discard, &mut body, None);
        self.loops = saved_loops;
        self.fns.pop();
        self.pop_scope();
        r?;
        Ok((js, body))
    }

    /// Methods of the DOM event parameter.
    /// A method of the event: exactly those of `resuma::Event`, from the
    /// one list both use (`resuma_protocol::EVENT_METHODS`).
    pub(crate) fn event_method(&mut self, e: Expr, m: &syn::ExprMethodCall) -> R<(Expr, Ty)> {
        let name = m.method.to_string();
        let Some(method) = resuma_protocol::EVENT_METHODS
            .iter()
            .find(|x| x.name == name)
        else {
            let names: Vec<&str> = resuma_protocol::EVENT_METHODS
                .iter()
                .map(|x| x.name)
                .collect();
            return unsupported(
                m.method.span(),
                &format!(
                    "the event method `{name}` (`resuma::Event` has: {})",
                    names.join(", ")
                ),
            );
        };
        if !m.args.is_empty() {
            return err(m.span(), "rs2js: event methods take no arguments");
        }
        let rust_type: syn::Type =
            syn::parse_str(method.rust_type).expect("the event methods' types are valid Rust");
        let ty = self.rust_type(&rust_type)?;
        let js = method.js.replace("EVENT", &crate::emit::expr(&e));
        Ok((Expr::Raw(js), ty))
    }
}
