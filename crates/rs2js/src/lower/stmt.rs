//! Statements and control flow: blocks, `let`, `if`/`if let`, `match`,
//! `loop`/`while`/`while let`/`for`, labels, `break`/`continue`.

use syn::spanned::Spanned;

use super::expr::strip;
use super::{err, unsupported, Dest, LocalKind, LoopCtx, Lowerer};
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
    fn scrutinee(&mut self, e: &syn::Expr, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
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

    /// `loop { .. }` with `break value`.
    pub(crate) fn loop_expr(
        &mut self,
        l: &syn::ExprLoop,
        dest: &Dest,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<Ty> {
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
        let label = l.label.as_ref().map(|lb| lb.name.ident.to_string());
        let js_label = self.fresh_name(label.as_deref().unwrap_or("l"));
        self.loops.push(LoopCtx {
            rust_label: label,
            js_label: js_label.clone(),
            result: result.clone(),
            ty: ty.clone(),
            is_block: false,
            used_label: false,
            has_break: false,
        });
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
        let js_label = self.fresh_name(&label);
        self.loops.push(LoopCtx {
            rust_label: Some(label),
            js_label: js_label.clone(),
            result: result.clone(),
            ty: ty.clone(),
            is_block: true,
            used_label: true,
            has_break: false,
        });
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

    fn find_loop(
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
        let label = if b.label.is_some() {
            self.loops[i].used_label = true;
            Some(self.loops[i].js_label.clone())
        } else {
            None
        };
        out.push(Stmt::Break(label));
        Ok(())
    }

    pub(crate) fn continue_expr(&mut self, c: &syn::ExprContinue, out: &mut Vec<Stmt>) -> R<()> {
        let i = self.find_loop(c.label.as_ref(), c.span(), true)?;
        let label = if c.label.is_some() {
            self.loops[i].used_label = true;
            Some(self.loops[i].js_label.clone())
        } else {
            None
        };
        out.push(Stmt::Continue(label));
        Ok(())
    }

    fn push_loop(&mut self, label: &Option<syn::Label>) -> String {
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

    fn pop_loop(&mut self) -> Option<String> {
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
