//! Loops and labelled blocks: `loop` (with a value from `break v`),
//! `while`, `while let`, `for` over ranges, vectors, strings and
//! iterators, `break`/`continue` with labels. Each becomes a JS loop with a
//! label only when a `break`/`continue` needs one.

use syn::spanned::Spanned;

use super::expr::strip;
use super::{err, unsupported, Dest, LocalKind, LoopCtx, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{Ty, VarKind};

type R<T> = syn::Result<T>;

impl Lowerer {
    /// Enters a construct that `break` can leave with a value (a `loop`, or
    /// a labelled block, which always keeps its label): declares the result
    /// temporary unless the value is discarded, and pushes the loop context.
    /// Returns the temporary, the value's type and the JS label.
    fn enter_breakable(
        &mut self,
        rust_label: Option<String>,
        is_block: bool,
        dest: &Dest,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> (Option<String>, Ty, String) {
        let result = match dest {
            Dest::Discard => None,
            _ => {
                let t = self.tmp();
                out.push(Stmt::Let(t.clone(), None));
                Some(t)
            }
        };
        let ty = expect
            .cloned()
            .unwrap_or_else(|| self.types.fresh(VarKind::Any));
        let js_label = self.fresh_name(rust_label.as_deref().unwrap_or("l"));
        self.loops.push(LoopCtx {
            rust_label,
            js_label: js_label.clone(),
            result: result.clone(),
            ty: ty.clone(),
            is_block,
            used_label: is_block,
            has_break: false,
        });
        (result, ty, js_label)
    }

    /// `loop { .. }` with `break value`.
    pub(crate) fn loop_expr(
        &mut self,
        l: &syn::ExprLoop,
        dest: &Dest,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<Ty> {
        let label = l.label.as_ref().map(|lb| lb.name.ident.to_string());
        let (result, ty, js_label) = self.enter_breakable(label, false, dest, out, expect);
        let mut body = Vec::new();
        self.push_scope();
        let r = self.block_to(&l.body, &Dest::Discard, &mut body, None);
        self.pop_scope();
        let ctx = self.loops.pop().unwrap();
        r?;
        let lab = if ctx.used_label { Some(js_label) } else { None };
        out.push(Stmt::While(lab, Expr::lit("true"), body));
        if !ctx.has_break {
            return Ok(Ty::Never);
        }
        if let Some(t) = result {
            self.write_dest(Expr::Var(t), &ty, dest, out);
        }
        Ok(ty)
    }

    /// A labelled block `'a: { .. break 'a v; .. }`.
    pub(crate) fn labeled_block(
        &mut self,
        b: &syn::ExprBlock,
        dest: &Dest,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<Ty> {
        let label = b.label.as_ref().unwrap().name.ident.to_string();
        let (result, ty, js_label) = self.enter_breakable(Some(label), true, dest, out, expect);
        let mut body = Vec::new();
        self.push_scope();
        let inner_dest = match &result {
            Some(t) => Dest::Assign(t.clone()),
            None => Dest::Discard,
        };
        let r = self.block_to(&b.block, &inner_dest, &mut body, Some(&ty));
        self.pop_scope();
        self.loops.pop();
        r?;
        out.push(Stmt::Block(Some(js_label), body));
        if let Some(t) = result {
            self.write_dest(Expr::Var(t), &ty, dest, out);
        }
        Ok(ty)
    }

    pub(crate) fn find_loop(
        &mut self,
        label: Option<&syn::Lifetime>,
        span: proc_macro2::Span,
        is_continue: bool,
    ) -> R<usize> {
        let name = label.map(|l| l.ident.to_string());
        for i in (0..self.loops.len()).rev() {
            let l = &self.loops[i];
            match &name {
                Some(n) if l.rust_label.as_deref() == Some(n.as_str()) => {
                    if is_continue && l.is_block {
                        return err(span, "rs2js: `continue` cannot target a labelled block");
                    }
                    return Ok(i);
                }
                None if !l.is_block => return Ok(i),
                _ => {}
            }
        }
        err(span, "rs2js: `break`/`continue` outside of a loop (closures cannot break out of the loop around them)")
    }

    pub(crate) fn break_expr(&mut self, b: &syn::ExprBreak, out: &mut Vec<Stmt>) -> R<()> {
        let i = self.find_loop(b.label.as_ref(), b.span(), false)?;
        if let Some(v) = &b.expr {
            let ty = self.loops[i].ty.clone();
            let (x, _) = self.expr(v, out, Some(&ty))?;
            match self.loops[i].result.clone() {
                Some(t) => out.push(Stmt::Expr(Expr::assign(Expr::Var(t), x))),
                None => {
                    if !x.is_simple() {
                        out.push(Stmt::Expr(x));
                    }
                }
            }
        } else if !self.loops[i].is_block {
            let ty = self.loops[i].ty.clone();
            // `break` without a value gives `()`; only unify when the loop
            // is used as a value.
            if self.loops[i].result.is_some() {
                self.unify_at(
                    b.span(),
                    &ty,
                    &Ty::Unit,
                    "`break` without a value in a `loop` used as a value",
                )?;
            }
        }
        self.loops[i].has_break = true;
        let label = self.jump_label(i, b.label.is_some());
        out.push(Stmt::Break(label));
        Ok(())
    }

    pub(crate) fn continue_expr(&mut self, c: &syn::ExprContinue, out: &mut Vec<Stmt>) -> R<()> {
        let i = self.find_loop(c.label.as_ref(), c.span(), true)?;
        let label = self.jump_label(i, c.label.is_some());
        out.push(Stmt::Continue(label));
        Ok(())
    }

    /// The JS label a `break`/`continue` of loop `i` names: the loop's, if
    /// the Rust one names a label (which the loop then keeps), else none.
    fn jump_label(&mut self, i: usize, labelled: bool) -> Option<String> {
        if labelled {
            self.loops[i].used_label = true;
            Some(self.loops[i].js_label.clone())
        } else {
            None
        }
    }

    pub(crate) fn push_loop(&mut self, label: &Option<syn::Label>) -> String {
        let name = label.as_ref().map(|lb| lb.name.ident.to_string());
        let js_label = self.fresh_name(name.as_deref().unwrap_or("l"));
        self.loops.push(LoopCtx {
            rust_label: name,
            js_label: js_label.clone(),
            result: None,
            ty: Ty::Unit,
            is_block: false,
            used_label: false,
            has_break: false,
        });
        js_label
    }

    pub(crate) fn pop_loop(&mut self) -> Option<String> {
        let l = self.loops.pop().unwrap();
        if l.used_label {
            Some(l.js_label)
        } else {
            None
        }
    }

    /// `while cond { .. }` and `while let PAT = e { .. }`.
    pub(crate) fn while_expr(&mut self, w: &syn::ExprWhile, out: &mut Vec<Stmt>) -> R<()> {
        self.push_loop(&w.label);
        self.push_scope();
        let mut pre = Vec::new();
        let mut binds = Vec::new();
        let r = (|| -> R<Expr> {
            let cond = match strip(&w.cond) {
                syn::Expr::Let(l) => {
                    let (v, vt) = self.scrutinee(&l.expr, &mut pre)?;
                    let (c, b) = self.pattern(&l.pat, &v, &vt)?;
                    binds = b;
                    c.unwrap_or_else(|| Expr::lit("true"))
                }
                c => self.expr(c, &mut pre, Some(&Ty::Bool))?.0,
            };
            Ok(cond)
        })();
        let cond = match r {
            Ok(c) => c,
            Err(e) => {
                self.pop_scope();
                self.loops.pop();
                return Err(e);
            }
        };
        let mut body = Vec::new();
        let r = self.block_to(&w.body, &Dest::Discard, &mut body, Some(&Ty::Unit));
        self.pop_scope();
        let label = self.pop_loop();
        r?;
        if pre.is_empty() && binds.is_empty() {
            out.push(Stmt::While(label, cond, body));
        } else {
            let mut full = pre;
            full.push(Stmt::If(
                Expr::unary("!", cond),
                vec![Stmt::Break(None)],
                vec![],
            ));
            full.extend(binds);
            full.extend(body);
            out.push(Stmt::While(label, Expr::lit("true"), full));
        }
        Ok(())
    }

    /// `for PAT in ITER { .. }`: integer ranges become counting loops,
    /// `iter_mut()`/`&mut v` become index loops (so `*x = ..` writes the
    /// element), everything else iterates a JS iterable.
    pub(crate) fn for_expr(&mut self, f: &syn::ExprForLoop, out: &mut Vec<Stmt>) -> R<()> {
        let iter = strip(&f.expr);
        // Mutable iteration.
        let mut_base = match iter {
            syn::Expr::MethodCall(m) if m.method == "iter_mut" && m.args.is_empty() => {
                Some(&*m.receiver)
            }
            syn::Expr::Reference(r) if r.mutability.is_some() => Some(&*r.expr),
            _ => None,
        };
        if let Some(base) = mut_base {
            let (v, vt) = self.place(base, out)?;
            let v = self.spill(v, out);
            let elem = match self.types.shallow(&vt) {
                Ty::Vec(t) => *t,
                Ty::Var(_) => {
                    let e = self.types.fresh(VarKind::Any);
                    self.types.unify(&vt, &Ty::Vec(Box::new(e.clone())));
                    e
                }
                other => {
                    return unsupported(f.expr.span(), &format!("mutable iteration over `{other}`"))
                }
            };
            let name = match &*f.pat {
                syn::Pat::Ident(pi) if pi.subpat.is_none() => pi.ident.to_string(),
                p => {
                    return unsupported(
                        p.span(),
                        "a pattern in a `for` over `iter_mut()` (use a plain name)",
                    )
                }
            };
            self.push_loop(&f.label);
            self.push_scope();
            let i = self.tmp();
            let place = Expr::index(v.clone(), Expr::Var(i.clone()));
            self.bind_special(&name, "", elem, LocalKind::Alias(place));
            let mut body = Vec::new();
            let r = self.block_to(&f.body, &Dest::Discard, &mut body, Some(&Ty::Unit));
            self.pop_scope();
            let label = self.pop_loop();
            r?;
            out.push(Stmt::ForRange {
                label,
                var: i,
                start: Expr::lit("0"),
                end: Expr::member(v, "length"),
                inclusive: false,
                body,
            });
            return Ok(());
        }
        // Integer ranges.
        if let syn::Expr::Range(r) = iter {
            if let (Some(s), Some(e)) = (&r.start, &r.end) {
                let (a, at) = self.expr(s, out, None)?;
                let mut pre = Vec::new();
                let (b, _) = self.expr(e, &mut pre, Some(&at))?;
                let mut done = vec![a];
                self.join(out, &mut done, pre);
                let a = done.pop().unwrap();
                let t = at.clone();
                if !matches!(self.peek(&t), Ty::Int(_)) {
                    return unsupported(r.span(), "a `for` loop over a range of non-integers");
                }
                let a = if a.is_constant() {
                    a
                } else {
                    self.spill_always(a, out)
                };
                let b = if b.is_constant() {
                    b
                } else {
                    self.spill_always(b, out)
                };
                self.push_loop(&f.label);
                self.push_scope();
                let mut body = Vec::new();
                let counter;
                match &*f.pat {
                    syn::Pat::Ident(pi) if pi.mutability.is_none() && pi.subpat.is_none() => {
                        counter = self.bind(&pi.ident.to_string(), t.clone());
                    }
                    p => {
                        counter = self.tmp();
                        let (c, binds) = self.pattern(p, &Expr::Var(counter.clone()), &t)?;
                        if c.is_some() {
                            self.pop_scope();
                            self.loops.pop();
                            return err(p.span(), "rs2js: a `for` pattern must always match");
                        }
                        body.extend(binds);
                    }
                }
                let res = self.block_to(&f.body, &Dest::Discard, &mut body, Some(&Ty::Unit));
                self.pop_scope();
                let label = self.pop_loop();
                res?;
                out.push(Stmt::ForRange {
                    label,
                    var: counter,
                    start: a,
                    end: b,
                    inclusive: matches!(r.limits, syn::RangeLimits::Closed(_)),
                    body,
                });
                return Ok(());
            }
        }
        let (it, item_ty) = self.iterable(&f.expr, out)?;
        self.push_loop(&f.label);
        self.push_scope();
        let mut body = Vec::new();
        let var = match &*f.pat {
            syn::Pat::Ident(pi) if pi.subpat.is_none() && pi.mutability.is_none() => {
                self.bind(&pi.ident.to_string(), item_ty.clone())
            }
            p => {
                let t = self.tmp();
                match self.pattern(p, &Expr::Var(t.clone()), &item_ty) {
                    Ok((None, binds)) => body.extend(binds),
                    Ok((Some(_), _)) => {
                        self.pop_scope();
                        self.loops.pop();
                        return err(p.span(), "rs2js: a `for` pattern must always match");
                    }
                    Err(e) => {
                        self.pop_scope();
                        self.loops.pop();
                        return Err(e);
                    }
                }
                t
            }
        };
        let res = self.block_to(&f.body, &Dest::Discard, &mut body, Some(&Ty::Unit));
        self.pop_scope();
        let label = self.pop_loop();
        res?;
        out.push(Stmt::ForOf(label, var, it, body));
        Ok(())
    }
}
