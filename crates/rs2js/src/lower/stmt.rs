//! Statements and branching: blocks, `let`, `if`/`if let`, `match`
//! (loops are in `loops.rs`, patterns in `pat.rs`).

use syn::spanned::Spanned;

use super::expr::strip;
use super::{err, unsupported, Dest, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{Ty, VarKind};

type R<T> = syn::Result<T>;

impl Lowerer {
    /// Lowers a block's statements; the tail expression goes to `dest`.
    pub(crate) fn block_to(
        &mut self,
        b: &syn::Block,
        dest: &Dest,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<Ty> {
        let n = b.stmts.len();
        let mut ty = Ty::Unit;
        for (i, s) in b.stmts.iter().enumerate() {
            let last = i + 1 == n;
            match s {
                syn::Stmt::Local(l) => {
                    self.local(l, out)?;
                    ty = Ty::Unit;
                }
                syn::Stmt::Expr(e, None) if last => {
                    return self.expr_to(e, dest, out, expect);
                }
                syn::Stmt::Expr(e, _) => {
                    let t = self.expr_to(e, &Dest::Discard, out, None)?;
                    ty = if matches!(self.types.shallow(&t), Ty::Never) {
                        Ty::Never
                    } else {
                        Ty::Unit
                    };
                }
                syn::Stmt::Macro(m) => {
                    let t = self.macro_stmt(&m.mac, out)?;
                    ty = if matches!(self.types.shallow(&t), Ty::Never) {
                        Ty::Never
                    } else {
                        Ty::Unit
                    };
                }
                syn::Stmt::Item(item) => {
                    return unsupported(
                        item.span(),
                        "an item (fn, struct, use, ...) inside a handler",
                    )
                }
            }
        }
        if let Some(w) = expect {
            if !matches!(ty, Ty::Never) {
                self.unify_at(
                    b.span(),
                    w,
                    &ty,
                    "this block has no tail expression, so its value is `()`",
                )?;
            }
        }
        Ok(ty)
    }

    /// `let` statements, including `let PAT = e else { .. };`.
    fn local(&mut self, l: &syn::Local, out: &mut Vec<Stmt>) -> R<()> {
        let (pat, annotated) = match &l.pat {
            syn::Pat::Type(pt) => (&*pt.pat, Some(self.rust_type(&pt.ty)?)),
            p => (p, None),
        };
        let init = match &l.init {
            Some(i) => i,
            None => {
                // `let x;` assigned later.
                let name = match pat {
                    syn::Pat::Ident(pi) => pi.ident.to_string(),
                    _ => return unsupported(pat.span(), "a destructuring `let` without a value"),
                };
                let ty = annotated.unwrap_or_else(|| self.types.fresh(VarKind::Any));
                let js = self.bind(&name, ty);
                out.push(Stmt::Let(js, None));
                return Ok(());
            }
        };
        let (v, vt) = self.expr(&init.expr, out, annotated.as_ref())?;
        if let Some((_, else_expr)) = &init.diverge {
            let v = self.spill(v, out);
            let (cond, binds) = self.pattern(pat, &v, &vt)?;
            let cond = match cond {
                Some(c) => c,
                None => {
                    return err(
                        pat.span(),
                        "rs2js: this `let ... else` pattern always matches",
                    )
                }
            };
            let mut else_body = Vec::new();
            self.push_scope();
            let t = self.expr_to(else_expr, &Dest::Discard, &mut else_body, None)?;
            self.pop_scope();
            if !matches!(self.types.shallow(&t), Ty::Never) {
                return err(else_expr.span(), "rs2js: the `else` of `let ... else` must leave (return, break, continue or panic)");
            }
            out.push(Stmt::If(Expr::unary("!", cond), else_body, vec![]));
            out.extend(binds);
            return Ok(());
        }
        match pat {
            syn::Pat::Ident(pi) if pi.subpat.is_none() && pi.by_ref.is_none() => {
                // A named iterator is advanced by `next()` across statements,
                // so it must be a JS iterator, not an array or string.
                let v = if matches!(self.types.shallow(&vt), Ty::Iter(_) | Ty::Range(_)) {
                    self.call_helper("iter", vec![v])
                } else {
                    v
                };
                let js = self.bind(&pi.ident.to_string(), vt);
                out.push(Stmt::Let(js, Some(v)));
            }
            syn::Pat::Wild(_) => {
                if !v.is_simple() {
                    out.push(Stmt::Expr(v));
                }
            }
            _ => {
                let v = self.spill(v, out);
                let (cond, binds) = self.pattern(pat, &v, &vt)?;
                if cond.is_some() {
                    return err(
                        pat.span(),
                        "rs2js: this `let` pattern may not match; use `if let` or `let ... else`",
                    );
                }
                out.extend(binds);
            }
        }
        Ok(())
    }

    /// `if`/`else if`/`else`, and `if let`.
    pub(crate) fn if_expr(
        &mut self,
        x: &syn::ExprIf,
        dest: &Dest,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<Ty> {
        let mut then_body = Vec::new();
        self.push_scope();
        let cond = match strip(&x.cond) {
            syn::Expr::Let(l) => {
                let (v, vt) = self.scrutinee(&l.expr, out)?;
                let (cond, binds) = self.pattern(&l.pat, &v, &vt)?;
                then_body.extend(binds);
                cond.unwrap_or_else(|| Expr::lit("true"))
            }
            c => self.expr(c, out, Some(&Ty::Bool))?.0,
        };
        let want = if x.else_branch.is_some() {
            expect.cloned()
        } else {
            Some(Ty::Unit)
        };
        let then_ty = self.block_to(&x.then_branch, dest, &mut then_body, want.as_ref());
        self.pop_scope();
        let then_ty = then_ty?;
        let mut else_body = Vec::new();
        let ty = match &x.else_branch {
            Some((_, e)) => {
                let want = if matches!(self.types.shallow(&then_ty), Ty::Never) {
                    expect.cloned()
                } else {
                    Some(then_ty.clone())
                };
                let et = self.expr_to(e, dest, &mut else_body, want.as_ref())?;
                if matches!(self.types.shallow(&then_ty), Ty::Never) {
                    et
                } else {
                    then_ty
                }
            }
            None => Ty::Unit,
        };
        out.push(Stmt::If(cond, then_body, else_body));
        Ok(ty)
    }

    /// A scrutinee: read without copying, kept in a simple expression.
    pub(super) fn scrutinee(&mut self, e: &syn::Expr, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        if let syn::Expr::Reference(r) = strip(e) {
            if r.mutability.is_some() {
                return unsupported(
                    r.span(),
                    "matching on a `&mut` reference to change the matched value in place",
                );
            }
        }
        let (v, t) = self.operand(e, out, None)?;
        let v = self.spill(v, out);
        Ok((v, t))
    }

    /// `match` as an if/else chain; arms with guards use a labelled block
    /// so a failed guard falls through to the next arm.
    pub(crate) fn match_expr(
        &mut self,
        m: &syn::ExprMatch,
        dest: &Dest,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<Ty> {
        let (v, vt) = self.scrutinee(&m.expr, out)?;
        let has_guard = m.arms.iter().any(|a| a.guard.is_some());
        let mut result_ty: Option<Ty> = expect.cloned();
        let mut seen_value = false;
        let n = m.arms.len();
        let mut lowered: Vec<(Option<Expr>, Vec<Stmt>)> = Vec::new();
        let label = if has_guard {
            Some(self.fresh_name("m"))
        } else {
            None
        };
        for (i, arm) in m.arms.iter().enumerate() {
            self.push_scope();
            let r = self.match_arm(arm, &v, &vt, dest, result_ty.as_ref(), &label);
            self.pop_scope();
            let (cond, body, at) = r?;
            if !matches!(self.types.shallow(&at), Ty::Never) {
                if result_ty.is_none() {
                    result_ty = Some(at.clone());
                }
                seen_value = true;
            }
            // The last arm without a guard is taken unconditionally: rustc
            // has checked that the match is exhaustive.
            let cond = if i + 1 == n && arm.guard.is_none() {
                None
            } else {
                cond
            };
            lowered.push((cond, body));
        }
        let ty = match (result_ty, seen_value) {
            (Some(t), _) => t,
            (None, false) => Ty::Never,
            (None, true) => Ty::Unit,
        };
        if has_guard {
            let mut block = Vec::new();
            for (cond, body) in lowered {
                match cond {
                    Some(c) => block.push(Stmt::If(c, body, vec![])),
                    None => {
                        block.extend(body);
                    }
                }
            }
            out.push(Stmt::Block(label, block));
        } else {
            // Build the chain from the end.
            let mut tail: Vec<Stmt> = Vec::new();
            for (cond, body) in lowered.into_iter().rev() {
                // An irrefutable arm drops the (unreachable) arms after it.
                tail = match cond {
                    Some(c) => vec![Stmt::If(c, body, tail)],
                    None => body,
                };
            }
            out.extend(tail);
        }
        Ok(ty)
    }

    /// One arm: its condition, its body (bindings, guard, arm expression)
    /// and the arm's type.
    fn match_arm(
        &mut self,
        arm: &syn::Arm,
        v: &Expr,
        vt: &Ty,
        dest: &Dest,
        want: Option<&Ty>,
        label: &Option<String>,
    ) -> R<(Option<Expr>, Vec<Stmt>, Ty)> {
        let (cond, binds) = self.pattern(&arm.pat, v, vt)?;
        let mut body = binds;
        match &arm.guard {
            Some((_, g)) => {
                let (gx, _) = self.expr(g, &mut body, Some(&Ty::Bool))?;
                let mut inner = Vec::new();
                let at = self.expr_to(&arm.body, dest, &mut inner, want)?;
                inner.push(Stmt::Break(label.clone()));
                body.push(Stmt::If(gx, inner, vec![]));
                Ok((cond, body, at))
            }
            None => {
                let at = self.expr_to(&arm.body, dest, &mut body, want)?;
                if label.is_some() {
                    body.push(Stmt::Break(label.clone()));
                }
                Ok((cond, body, at))
            }
        }
    }

    /// Always stores the value in a fresh temporary (a later read must see
    /// the value as it was, even if the variable it came from changes).
    pub(crate) fn spill_always(&mut self, e: Expr, out: &mut Vec<Stmt>) -> Expr {
        if e.is_constant() {
            return e;
        }
        let t = self.tmp();
        out.push(Stmt::Let(t.clone(), Some(e)));
        Expr::Var(t)
    }

    /// An expression used as something to iterate: returns a JS iterable
    /// and the item type.
    pub(crate) fn iterable(&mut self, e: &syn::Expr, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        let (x, t) = match strip(e) {
            syn::Expr::Reference(r) => self.operand(&r.expr, out, None)?,
            e => self.expr(e, out, None)?,
        };
        let t = self.types.shallow(&t);
        match t {
            Ty::Vec(i) | Ty::Iter(i) | Ty::Range(i) => Ok((x, *i)),
            Ty::Option(i) => Ok((self.call_helper("opt_iter", vec![x]), *i)),
            Ty::Var(_) => {
                let i = self.types.fresh(VarKind::Any);
                self.types.unify(&t, &Ty::Vec(Box::new(i.clone())));
                Ok((x, i))
            }
            Ty::Str => unsupported(e.span(), "iterating a string directly (use `.chars()`)"),
            other => unsupported(e.span(), &format!("iterating over `{other}`")),
        }
    }
}
