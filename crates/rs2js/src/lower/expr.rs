//! The expression walker: dispatches each kind of expression to the file
//! that lowers it (control flow to `stmt.rs`/`loops.rs`, literals and paths
//! to `literal.rs`, structs to `structs.rs`, closures to `closure.rs`,
//! `.await` to `server_call.rs`, operators to `ops.rs`, calls to
//! `method.rs`), and handles places, copies, unary operators, `[x; n]`,
//! `?` and ranges itself.

use syn::spanned::Spanned;

use super::{err, unsupported, Dest, LocalKind, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{IntTy, Ty, VarKind};

type R<T> = syn::Result<T>;

impl Lowerer {
    /// Lowers an expression whose value is needed.
    pub(crate) fn expr(
        &mut self,
        e: &syn::Expr,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let (x, t) = self.expr_inner(e, out, expect)?;
        if let Some(want) = expect {
            self.unify_at(e.span(), want, &t, "mismatched types")?;
        }
        Ok((x, t))
    }

    /// Lowers an expression for a destination (statement position, a
    /// temporary, or `return`). Control flow is lowered to JS statements
    /// directly rather than through a temporary.
    pub(crate) fn expr_to(
        &mut self,
        e: &syn::Expr,
        dest: &Dest,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<Ty> {
        let t = match e {
            syn::Expr::If(x) => self.if_expr(x, dest, out, expect)?,
            syn::Expr::Match(x) => self.match_expr(x, dest, out, expect)?,
            syn::Expr::Block(b) if b.label.is_none() => {
                // JS names are unique within the output, so the block's
                // statements need no JS block of their own.
                self.push_scope();
                let t = self.block_to(&b.block, dest, out, expect);
                self.pop_scope();
                t?
            }
            syn::Expr::Block(b) => self.labeled_block(b, dest, out, expect)?,
            syn::Expr::Loop(l) => self.loop_expr(l, dest, out, expect)?,
            syn::Expr::While(w) => {
                self.while_expr(w, out)?;
                Ty::Unit
            }
            syn::Expr::ForLoop(f) => {
                self.for_expr(f, out)?;
                Ty::Unit
            }
            syn::Expr::Paren(p) => return self.expr_to(&p.expr, dest, out, expect),
            syn::Expr::Group(g) => return self.expr_to(&g.expr, dest, out, expect),
            syn::Expr::Unsafe(u) => return unsupported(u.unsafe_token.span, "an `unsafe` block"),
            _ => {
                let (x, t) = self.expr_inner(e, out, expect)?;
                self.write_dest(x, &t, dest, out);
                t
            }
        };
        if let Some(want) = expect {
            self.unify_at(e.span(), want, &t, "mismatched types")?;
        }
        Ok(t)
    }

    /// Lowers a construct that produces statements (if/match/block/loop) in
    /// value position through a temporary.
    fn via_temp(
        &mut self,
        e: &syn::Expr,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let t = self.tmp();
        let at = out.len();
        out.push(Stmt::Let(t.clone(), None));
        let ty = self.expr_to(e, &Dest::Assign(t.clone()), out, expect)?;
        if matches!(self.types.shallow(&ty), Ty::Unit) {
            // No value: drop the temporary's declaration.
            out.remove(at);
            strip_assign(out, &t);
            return Ok((Expr::undefined(), ty));
        }
        Ok((Expr::Var(t), ty))
    }

    fn expr_inner(
        &mut self,
        e: &syn::Expr,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        match e {
            syn::Expr::Lit(l) => self.lit(&l.lit, expect),
            syn::Expr::Paren(p) => self.expr_inner(&p.expr, out, expect),
            syn::Expr::Group(g) => self.expr_inner(&g.expr, out, expect),
            syn::Expr::Path(p) => self.path_expr(p, expect),
            syn::Expr::Field(_) | syn::Expr::Index(_) => {
                let (x, t) = self.place(e, out)?;
                Ok(self.copy_out(x, &t))
            }
            syn::Expr::Reference(r) => {
                if r.mutability.is_some() {
                    // `&mut x` passes the place itself (objects are shared).
                    self.place(&r.expr, out)
                } else {
                    self.operand(&r.expr, out, expect)
                }
            }
            syn::Expr::Unary(u) => self.unary(u, out, expect),
            syn::Expr::Binary(b) => self.binary(b, out, expect),
            syn::Expr::Assign(a) => self.assign(a, out),
            syn::Expr::Cast(c) => self.cast(c, out),
            syn::Expr::Tuple(t) => {
                if t.elems.is_empty() {
                    return Ok((Expr::undefined(), Ty::Unit));
                }
                let want: Option<Vec<Ty>> = match expect.map(|t| self.types.shallow(t)) {
                    Some(Ty::Tuple(ts)) if ts.len() == t.elems.len() => Some(ts),
                    _ => None,
                };
                let mut done = Vec::new();
                let mut tys = Vec::new();
                for (i, el) in t.elems.iter().enumerate() {
                    let mut pre = Vec::new();
                    let (x, ty) = self.expr(el, &mut pre, want.as_ref().map(|w| &w[i]))?;
                    self.join(out, &mut done, pre);
                    done.push(x);
                    tys.push(ty);
                }
                Ok((Expr::Array(done), Ty::Tuple(tys)))
            }
            syn::Expr::Array(a) => {
                let elem = match expect.map(|t| self.types.shallow(t)) {
                    Some(Ty::Vec(t)) => *t,
                    _ => self.types.fresh(VarKind::Any),
                };
                let mut done = Vec::new();
                for el in &a.elems {
                    let mut pre = Vec::new();
                    let (x, _) = self.expr(el, &mut pre, Some(&elem))?;
                    self.join(out, &mut done, pre);
                    done.push(x);
                }
                Ok((Expr::Array(done), Ty::Vec(Box::new(elem))))
            }
            syn::Expr::Repeat(r) => self.repeat(&r.expr, &r.len, out, expect),
            syn::Expr::Struct(s) => self.struct_lit(s, out),
            syn::Expr::Call(c) => self.call(c, out, expect),
            syn::Expr::MethodCall(m) => self.method_call(m, out, expect),
            syn::Expr::Macro(m) => self.macro_expr(&m.mac, out, expect),
            syn::Expr::Closure(c) => self.closure(c, expect),
            syn::Expr::Await(a) => self.await_expr(a, out),
            syn::Expr::Try(t) => self.try_expr(t, out),
            syn::Expr::Return(r) => {
                let ret = self.fns.last().map(|f| f.ret.clone()).unwrap_or(Ty::Unit);
                match &r.expr {
                    Some(v) => {
                        self.expr_to(v, &Dest::Return, out, Some(&ret))?;
                    }
                    None => {
                        self.unify_at(r.span(), &ret, &Ty::Unit, "`return` without a value")?;
                        out.push(Stmt::Return(None));
                    }
                }
                Ok((Expr::undefined(), Ty::Never))
            }
            syn::Expr::Break(b) => {
                self.break_expr(b, out)?;
                Ok((Expr::undefined(), Ty::Never))
            }
            syn::Expr::Continue(c) => {
                self.continue_expr(c, out)?;
                Ok((Expr::undefined(), Ty::Never))
            }
            syn::Expr::If(_) | syn::Expr::Match(_) | syn::Expr::Block(_) | syn::Expr::Loop(_) => {
                self.via_temp(e, out, expect)
            }
            syn::Expr::While(_) | syn::Expr::ForLoop(_) => {
                self.expr_to(e, &Dest::Discard, out, None)?;
                Ok((Expr::undefined(), Ty::Unit))
            }
            syn::Expr::Range(r) => self.range_expr(r, out),
            syn::Expr::Let(l) => {
                unsupported(l.span(), "a `let` expression outside `if let`/`while let`")
            }
            syn::Expr::Async(a) => unsupported(a.span(), "an `async` block"),
            syn::Expr::Unsafe(u) => unsupported(u.span(), "an `unsafe` block"),
            syn::Expr::TryBlock(t) => unsupported(t.span(), "a `try` block"),
            syn::Expr::Yield(y) => unsupported(y.span(), "`yield`"),
            syn::Expr::Const(c) => unsupported(c.span(), "a `const` block"),
            syn::Expr::Infer(i) => unsupported(i.span(), "`_` in expression position"),
            _ => unsupported(e.span(), "this kind of expression"),
        }
    }

    /// Reads an operand that is only inspected (compared, formatted,
    /// passed by reference): places are not copied.
    pub(crate) fn operand(
        &mut self,
        e: &syn::Expr,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        match strip(e) {
            syn::Expr::Path(_) | syn::Expr::Field(_) | syn::Expr::Index(_) => {
                let (x, t) = self.place(e, out)?;
                if let Some(w) = expect {
                    self.unify_at(e.span(), w, &t, "mismatched types")?;
                }
                Ok((x, t))
            }
            syn::Expr::Reference(r) => self.operand(&r.expr, out, expect),
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                self.operand(&u.expr, out, expect)
            }
            _ => self.expr(e, out, expect),
        }
    }

    /// Copies a value read from a place when JS would otherwise share it:
    /// Rust copies (or moves) the value, so later mutation through either
    /// name must not show through the other.
    pub(crate) fn copy_out(&mut self, x: Expr, t: &Ty) -> (Expr, Ty) {
        let s = self.types.shallow(t);
        if s.is_js_primitive()
            || matches!(
                s,
                Ty::Signal(_) | Ty::Action(_) | Ty::Event | Ty::Fn(..) | Ty::Iter(_) | Ty::Range(_)
            )
        {
            return (x, t.clone());
        }
        if let Ty::Option(inner) = &s {
            if self.types.resolve(inner).is_js_primitive() {
                return (x, t.clone());
            }
        }
        (self.call_helper("clone", vec![x]), t.clone())
    }

    /// Lowers a place expression (a name, field, index or deref) without
    /// copying; used for receivers, assignment targets and borrows.
    pub(crate) fn place(&mut self, e: &syn::Expr, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        match e {
            syn::Expr::Paren(p) => self.place(&p.expr, out),
            syn::Expr::Group(g) => self.place(&g.expr, out),
            syn::Expr::Reference(r) => self.place(&r.expr, out),
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.place(&u.expr, out),
            syn::Expr::Path(p) => {
                if let Some(id) = p.path.get_ident() {
                    if p.qself.is_none() && (id != "None" || self.lookup("None").is_some()) {
                        return self.name_place(id);
                    }
                }
                self.path_expr(p, None)
            }
            syn::Expr::Field(f) => {
                let (base, bt) = self.place(&f.base, out)?;
                self.field(base, &bt, &f.member, f.span())
            }
            syn::Expr::Index(ix) => self.index(ix, out),
            _ => self.expr(e, out, None),
        }
    }

    /// A plain name as a place: locals as they are, captured values read
    /// through their client signal.
    pub(super) fn name_place(&mut self, id: &syn::Ident) -> R<(Expr, Ty)> {
        let name = id.to_string();
        if let Some((js, ty)) = self.local_fns.get(&name).cloned() {
            return Ok((Expr::Var(js), ty));
        }
        let local = self.capture(id)?;
        match local.kind {
            LocalKind::Capture(i) => {
                if self.captures[i].signal {
                    return Ok((Expr::Var(local.js), local.ty));
                }
                // Captured values arrive as read-only client signals, read
                // once when the handler starts (`value_reads`).
                let value = match self.captures[i].value.clone() {
                    Some(value) => value,
                    None => {
                        let value = self.fresh_name(&id.to_string());
                        self.captures[i].value = Some(value.clone());
                        value
                    }
                };
                Ok((Expr::Var(value), local.ty))
            }
            LocalKind::Alias(place) => Ok((place, local.ty)),
            _ => {
                self.note_use(&name);
                Ok((Expr::Var(local.js), local.ty))
            }
        }
    }

    fn unary(
        &mut self,
        u: &syn::ExprUnary,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        match u.op {
            syn::UnOp::Deref(_) => {
                let (x, t) = self.place(&u.expr, out)?;
                Ok(self.copy_out(x, &t))
            }
            syn::UnOp::Not(_) => {
                let (x, t) = self.expr(&u.expr, out, expect)?;
                let t = self.settle(&t);
                match t {
                    Ty::Bool => Ok((Expr::unary("!", x), Ty::Bool)),
                    Ty::Int(it) => Ok((self.int_not(x, it), t)),
                    // Unknown yet: picked when lowering ends (`finalize`),
                    // by the runtime value if the type is still unknown then.
                    Ty::Var(v) => Ok((Expr::call(Expr::Helper(format!("not@{v}")), vec![x]), t)),
                    _ => err(u.span(), format!("rs2js: cannot apply `!` to `{t}`")),
                }
            }
            syn::UnOp::Neg(_) => {
                // `-LIT` is a literal (so `-2147483648i32` is fine).
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(i),
                    ..
                }) = strip(&u.expr)
                {
                    let (x, t) = self.lit(&syn::Lit::Int(i.clone()), expect)?;
                    if let Expr::Lit(s) = x {
                        let t2 = self.types.shallow(&t);
                        if let Ty::Int(it) = t2 {
                            if !it.signed() {
                                return err(
                                    u.span(),
                                    format!("rs2js: cannot negate an unsigned `{}`", it.name()),
                                );
                            }
                        }
                        let s = if s == "0" {
                            "0".to_string()
                        } else {
                            format!("-{s}")
                        };
                        return Ok((Expr::lit(s), t));
                    }
                }
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Float(_),
                    ..
                }) = strip(&u.expr)
                {
                    let (x, t) = self.expr(&u.expr, out, expect)?;
                    if let Expr::Lit(s) = x {
                        return Ok((Expr::lit(format!("-{s}")), t));
                    }
                }
                let (x, t) = self.expr(&u.expr, out, expect)?;
                if let Some(v) = self.int_var(&t) {
                    return Ok((Expr::call(Expr::Helper(format!("neg_#{v}")), vec![x]), t));
                }
                let t = self.settle(&t);
                match t {
                    Ty::Int(it) => {
                        if !it.signed() {
                            return err(
                                u.span(),
                                format!("rs2js: cannot negate an unsigned `{}`", it.name()),
                            );
                        }
                        Ok((self.call_helper(&format!("neg_{}", it.name()), vec![x]), t))
                    }
                    Ty::F64 => Ok((Expr::unary("-", x), t)),
                    Ty::F32 => Ok((Expr::unary("-", x), t)),
                    Ty::Var(_) => {
                        let t = Ty::Int(IntTy::I32);
                        Ok((self.call_helper("neg_i32", vec![x]), t))
                    }
                    _ => err(u.span(), format!("rs2js: cannot negate `{t}`")),
                }
            }
            _ => unsupported(u.span(), "this unary operator"),
        }
    }

    /// `[x; n]`: `n` copies (each a separate copy for compound values).
    fn repeat(
        &mut self,
        x: &syn::Expr,
        n: &syn::Expr,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let elem_expect = match expect.map(|t| self.types.shallow(t)) {
            Some(Ty::Vec(t)) => Some(*t),
            _ => None,
        };
        let (xv, xt) = self.expr(x, out, elem_expect.as_ref())?;
        let (nv, _) = self.expr(n, out, Some(&Ty::Int(IntTy::Usize)))?;
        let prim = self.types.resolve(&xt).is_js_primitive();
        let e = if prim {
            self.call_helper("repeat", vec![xv, nv])
        } else {
            self.call_helper("repeatc", vec![xv, nv])
        };
        Ok((e, Ty::Vec(Box::new(xt))))
    }

    /// `e?` on `Option` (returns `None`) and `Result` (returns the `Err`).
    fn try_expr(&mut self, t: &syn::ExprTry, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        let (x, ty) = self.expr(&t.expr, out, None)?;
        let ret = self.fns.last().map(|f| f.ret.clone()).unwrap_or(Ty::Unit);
        let v = self.spill(x, out);
        match self.types.shallow(&ty) {
            Ty::Option(inner) => {
                let want = Ty::Option(Box::new(self.types.fresh(VarKind::Any)));
                self.unify_at(
                    t.question_token.span,
                    &ret,
                    &want,
                    "`?` on an Option needs the function to return an Option",
                )?;
                out.push(Stmt::If(
                    Expr::bin("===", v.clone(), Expr::null()),
                    vec![Stmt::Return(Some(Expr::null()))],
                    vec![],
                ));
                Ok((v, *inner))
            }
            Ty::Result(ok, e) => {
                let want = Ty::Result(Box::new(self.types.fresh(VarKind::Any)), e.clone());
                if !self.types.unify(&ret, &want) {
                    return err(
                        t.question_token.span,
                        "rs2js: `?` here would convert the error with `From::from`, which rs2js cannot translate; the function must return the same error type",
                    );
                }
                out.push(Stmt::If(
                    Expr::bin("in", Expr::Str("Err".into()), v.clone()),
                    vec![Stmt::Return(Some(v.clone()))],
                    vec![],
                ));
                Ok((Expr::member(v, "Ok"), *ok))
            }
            Ty::Var(_) => err(
                t.question_token.span,
                "rs2js cannot tell whether this `?` is on an Option or a Result; annotate the type",
            ),
            other => err(
                t.question_token.span,
                format!("rs2js: `?` cannot be used on `{other}`"),
            ),
        }
    }

    /// A standalone range value (iterated lazily).
    fn range_expr(&mut self, r: &syn::ExprRange, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        let (start, end) = match (&r.start, &r.end) {
            (Some(s), Some(e)) => (s, e),
            _ => return unsupported(r.span(), "an open-ended range outside indexing"),
        };
        let (a, at) = self.expr(start, out, None)?;
        let mut pre = Vec::new();
        let (b, _) = self.expr(end, &mut pre, Some(&at))?;
        let mut done = vec![a];
        self.join(out, &mut done, pre);
        let a = done.pop().unwrap();
        if !matches!(self.peek(&at), Ty::Int(_)) {
            return unsupported(r.span(), "a range over non-integers");
        }
        let inclusive = matches!(r.limits, syn::RangeLimits::Closed(_));
        let e = self.call_helper(
            "range",
            vec![
                a,
                if inclusive {
                    Expr::bin("+", b, Expr::lit("1"))
                } else {
                    b
                },
            ],
        );
        Ok((e, Ty::Range(Box::new(at))))
    }
}

/// Removes `t = ...` assignments whose value is unit (after a construct in
/// value position turned out to produce `()`), keeping side effects.
fn strip_assign(stmts: &mut [Stmt], t: &str) {
    for s in stmts.iter_mut() {
        match s {
            Stmt::Expr(Expr::Assign(target, v)) if matches!(&**target, Expr::Var(n) if n == t) => {
                let v = std::mem::replace(&mut **v, Expr::undefined());
                *s = Stmt::Expr(v);
            }
            Stmt::If(_, a, b) => {
                strip_assign(a, t);
                strip_assign(b, t);
            }
            Stmt::While(_, _, b) | Stmt::ForOf(_, _, _, b) | Stmt::Block(_, b) => {
                strip_assign(b, t)
            }
            Stmt::ForRange { body, .. } => strip_assign(body, t),
            _ => {}
        }
    }
}

/// Removes parentheses and invisible groups.
pub(crate) fn strip(e: &syn::Expr) -> &syn::Expr {
    match e {
        syn::Expr::Paren(p) => strip(&p.expr),
        syn::Expr::Group(g) => strip(&g.expr),
        e => e,
    }
}
