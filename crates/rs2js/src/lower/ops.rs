//! Operators with Rust's integer semantics: checked arithmetic (a debug
//! build's overflow panic becomes a thrown `Error`), truncating division,
//! wrapping `as` casts, two's-complement bit operations, and indexing with
//! bounds checks.

use syn::spanned::Spanned;

use super::expr::strip;
use super::{err, unsupported, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{IntTy, Ty, VarKind};

type R<T> = syn::Result<T>;

#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    And,
    Or,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

fn split_op(op: &syn::BinOp) -> Option<(Op, bool)> {
    use syn::BinOp as B;
    Some(match op {
        B::Add(_) => (Op::Add, false),
        B::Sub(_) => (Op::Sub, false),
        B::Mul(_) => (Op::Mul, false),
        B::Div(_) => (Op::Div, false),
        B::Rem(_) => (Op::Rem, false),
        B::And(_) => (Op::And, false),
        B::Or(_) => (Op::Or, false),
        B::BitAnd(_) => (Op::BitAnd, false),
        B::BitOr(_) => (Op::BitOr, false),
        B::BitXor(_) => (Op::BitXor, false),
        B::Shl(_) => (Op::Shl, false),
        B::Shr(_) => (Op::Shr, false),
        B::Eq(_) => (Op::Eq, false),
        B::Ne(_) => (Op::Ne, false),
        B::Lt(_) => (Op::Lt, false),
        B::Le(_) => (Op::Le, false),
        B::Gt(_) => (Op::Gt, false),
        B::Ge(_) => (Op::Ge, false),
        B::AddAssign(_) => (Op::Add, true),
        B::SubAssign(_) => (Op::Sub, true),
        B::MulAssign(_) => (Op::Mul, true),
        B::DivAssign(_) => (Op::Div, true),
        B::RemAssign(_) => (Op::Rem, true),
        B::BitAndAssign(_) => (Op::BitAnd, true),
        B::BitOrAssign(_) => (Op::BitOr, true),
        B::BitXorAssign(_) => (Op::BitXor, true),
        B::ShlAssign(_) => (Op::Shl, true),
        B::ShrAssign(_) => (Op::Shr, true),
        _ => return None,
    })
}

impl Lowerer {
    pub(crate) fn binary(
        &mut self,
        b: &syn::ExprBinary,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let (op, compound) = split_op(&b.op)
            .ok_or_else(|| syn::Error::new(b.op.span(), "rs2js: unknown operator"))?;
        if compound {
            return self.compound_assign(b, op, out);
        }
        match op {
            Op::And | Op::Or => {
                let (a, _) = self.expr(&b.left, out, Some(&Ty::Bool))?;
                let mut pre = Vec::new();
                let (c, _) = self.expr(&b.right, &mut pre, Some(&Ty::Bool))?;
                let js = if op == Op::And { "&&" } else { "||" };
                if pre.is_empty() {
                    return Ok((Expr::bin(js, a, c), Ty::Bool));
                }
                // The right side needs statements: evaluate it only when
                // the left side does not decide the result.
                let t = self.tmp();
                out.push(Stmt::Let(t.clone(), Some(a)));
                pre.push(Stmt::Expr(Expr::assign(Expr::var(t.clone()), c)));
                let cond = if op == Op::And {
                    Expr::var(t.clone())
                } else {
                    Expr::unary("!", Expr::var(t.clone()))
                };
                out.push(Stmt::If(cond, pre, vec![]));
                Ok((Expr::var(t), Ty::Bool))
            }
            Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                let (a, at) = self.operand(&b.left, out, None)?;
                let mut pre = Vec::new();
                let (c, ct) = self.operand(&b.right, &mut pre, Some(&at))?;
                let _ = ct;
                let mut done = vec![a];
                self.join(out, &mut done, pre);
                let a = done.pop().unwrap();
                let t = self.peek(&at);
                if let (Ty::Var(v), false) = (&t, matches!(op, Op::Eq | Op::Ne)) {
                    self.unknown_order.push((*v, b.op.span()));
                }
                Ok((self.compare(op, a, c, &t), Ty::Bool))
            }
            _ => {
                let (a, at) = self.expr(
                    &b.left,
                    out,
                    if matches!(op, Op::Shl | Op::Shr) {
                        None
                    } else {
                        expect
                    },
                )?;
                let mut pre = Vec::new();
                let want_right = if matches!(op, Op::Shl | Op::Shr) {
                    None
                } else {
                    Some(&at)
                };
                let (c, ct) = self.expr(&b.right, &mut pre, want_right)?;
                let mut done = vec![a];
                self.join(out, &mut done, pre);
                let a = done.pop().unwrap();
                let t = self.arith_type(&at, b.span())?;
                if matches!(op, Op::Shl | Op::Shr) {
                    let st = self.peek(&ct);
                    if !matches!(st, Ty::Int(_)) {
                        return err(b.right.span(), "rs2js: a shift amount must be an integer");
                    }
                }
                let x = self.arith(op, a, c, &t, b.span())?;
                Ok((x, t))
            }
        }
    }

    /// The type an arithmetic operation works in; unknown operands default
    /// to `i32` (recorded as an assumption when they are captures).
    fn arith_type(&mut self, t: &Ty, _span: proc_macro2::Span) -> R<Ty> {
        if self.int_var(t).is_some() {
            return Ok(t.clone());
        }
        let t = self.settle(t);
        if let Ty::Var(_) = t {
            // Unknown (a captured value): some integer type, fixed by later
            // uses or defaulted to `i32` when lowering ends, and reported as
            // the assumed type either way.
            let i = self.types.fresh(crate::ty::VarKind::Int);
            self.types.unify(&t, &i);
            return Ok(t);
        }
        Ok(t)
    }

    fn arith(&mut self, op: Op, a: Expr, c: Expr, t: &Ty, span: proc_macro2::Span) -> R<Expr> {
        if let Some(v) = self.int_var(t) {
            // The integer type is not known yet: the helper is picked when
            // lowering ends (see `finalize`).
            let name = match op {
                Op::Add => "add",
                Op::Sub => "sub",
                Op::Mul => "mul",
                Op::Div => "div",
                Op::Rem => "rem",
                Op::Shl => "shl",
                Op::Shr => "shr",
                Op::BitAnd => "band",
                Op::BitOr => "bor",
                Op::BitXor => "bxor",
                _ => return err(span, "rs2js: this operator is not defined for integers"),
            };
            return Ok(Expr::call(Expr::Helper(format!("{name}_#{v}")), vec![a, c]));
        }
        let t = &self.types.shallow(t);
        match t {
            Ty::Int(it) => {
                let n = it.name();
                let h = match op {
                    Op::Add => format!("add_{n}"),
                    Op::Sub => format!("sub_{n}"),
                    Op::Mul => format!("mul_{n}"),
                    Op::Div => format!("div_{n}"),
                    Op::Rem => format!("rem_{n}"),
                    Op::Shl => format!("shl_{n}"),
                    Op::Shr => format!("shr_{n}"),
                    Op::BitAnd | Op::BitOr | Op::BitXor => return Ok(self.int_bitop(op, a, c, *it)),
                    _ => unreachable!(),
                };
                Ok(self.call_helper(&h, vec![a, c]))
            }
            Ty::F64 | Ty::F32 => {
                let js = match op {
                    Op::Add => "+",
                    Op::Sub => "-",
                    Op::Mul => "*",
                    Op::Div => "/",
                    Op::Rem => "%",
                    _ => {
                        return err(
                            span,
                            format!("rs2js: this operator is not defined for `{t}`"),
                        )
                    }
                };
                let x = Expr::bin(js, a, c);
                Ok(if *t == Ty::F32 {
                    Expr::method(Expr::var("Math"), "fround", vec![x])
                } else {
                    x
                })
            }
            Ty::Bool => match op {
                Op::BitAnd => Ok(Expr::unary("!!", Expr::bin("&", a, c))),
                Op::BitOr => Ok(Expr::unary("!!", Expr::bin("|", a, c))),
                Op::BitXor => Ok(Expr::bin("!==", a, c)),
                _ => err(span, "rs2js: this operator is not defined for `bool`"),
            },
            Ty::Str if op == Op::Add => Ok(Expr::bin("+", a, c)),
            other => err(
                span,
                format!("rs2js: this operator is not supported for `{other}`"),
            ),
        }
    }

    fn int_bitop(&mut self, op: Op, a: Expr, c: Expr, it: IntTy) -> Expr {
        let js = match op {
            Op::BitAnd => "&",
            Op::BitOr => "|",
            _ => "^",
        };
        if it.wide() {
            let name = match op {
                Op::BitAnd => "band64",
                Op::BitOr => "bor64",
                _ => "bxor64",
            };
            let f = format!("{name}_{}", it.name());
            return self.call_helper(&f, vec![a, c]);
        }
        let x = Expr::bin(js, a, c);
        if it == IntTy::U32 {
            Expr::bin(">>>", x, Expr::lit("0"))
        } else {
            x
        }
    }

    pub(crate) fn int_not(&mut self, x: Expr, it: IntTy) -> Expr {
        match it {
            IntTy::I8 | IntTy::I16 | IntTy::I32 => Expr::unary("~", x),
            IntTy::U32 => Expr::bin(">>>", Expr::unary("~", x), Expr::lit("0")),
            IntTy::U8 => Expr::bin("&", Expr::unary("~", x), Expr::lit("255")),
            IntTy::U16 => Expr::bin("&", Expr::unary("~", x), Expr::lit("65535")),
            _ => self.call_helper(&format!("not_{}", it.name()), vec![x]),
        }
    }

    /// Comparison by type: `===` for values JS compares like Rust, helpers
    /// for strings (Rust orders by code point, JS by UTF-16 unit) and for
    /// compound values (structural).
    pub(crate) fn compare(&mut self, op: Op, a: Expr, c: Expr, t: &Ty) -> Expr {
        let t = self.peek(t);
        let t = self.types.resolve(&t);
        let eq_simple = match &t {
            Ty::Int(_) | Ty::F64 | Ty::F32 | Ty::Bool | Ty::Char | Ty::Str | Ty::Unit => true,
            Ty::Option(inner) => matches!(
                **inner,
                Ty::Int(_) | Ty::F64 | Ty::F32 | Ty::Bool | Ty::Char | Ty::Str
            ),
            _ => false,
        };
        let ord_simple = matches!(t, Ty::Int(_) | Ty::F64 | Ty::F32 | Ty::Bool);
        match op {
            Op::Eq | Op::Ne => {
                let x = if eq_simple {
                    Expr::bin("===", a, c)
                } else {
                    self.call_helper("eq", vec![a, c])
                };
                if op == Op::Ne {
                    match x {
                        Expr::Bin(_, l, r) => Expr::Bin("!==", l, r),
                        x => Expr::unary("!", x),
                    }
                } else {
                    x
                }
            }
            _ => {
                let js = match op {
                    Op::Lt => "<",
                    Op::Le => "<=",
                    Op::Gt => ">",
                    _ => ">=",
                };
                if ord_simple {
                    Expr::bin(js, a, c)
                } else if matches!(t, Ty::Str | Ty::Char) {
                    let cmp = self.call_helper("cmp", vec![a, c]);
                    Expr::bin(js, cmp, Expr::lit("0"))
                } else {
                    // Compound values with floats inside may be unordered:
                    // `partial_cmp` gives `None`, and every comparison is false.
                    let cmp = self.call_helper("cmp", vec![a, c]);
                    Expr::bin(js, cmp, Expr::lit("0"))
                }
            }
        }
    }

    /// `a = b`
    pub(crate) fn assign(&mut self, a: &syn::ExprAssign, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        if let syn::Expr::Infer(_) = strip(&a.left) {
            let (x, _) = self.expr(&a.right, out, None)?;
            out.push(Stmt::Expr(x));
            return Ok((Expr::undefined(), Ty::Unit));
        }
        let (target, tt) = self.assign_target(&a.left, out)?;
        let mut pre = Vec::new();
        let (v, _) = self.expr(&a.right, &mut pre, Some(&tt))?;
        out.extend(pre);
        out.push(Stmt::Expr(Expr::assign(target, v)));
        Ok((Expr::undefined(), Ty::Unit))
    }

    /// An assignment target whose sub-expressions are simple, so that it
    /// can be read and written without evaluating anything twice.
    pub(crate) fn assign_target(&mut self, e: &syn::Expr, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        if let Some(root) = place_root(e) {
            if !matches!(strip(e), syn::Expr::Path(_)) {
                let name = root.to_string();
                if matches!(
                    self.lookup(&name).map(|l| &l.kind),
                    Some(super::LocalKind::Capture(_))
                ) {
                    return err(
                        root.span(),
                        format!("rs2js: cannot change part of `{name}`: a captured value is read-only in the browser (keep it in a signal and use `.update(..)`)"),
                    );
                }
            }
        }
        match strip(e) {
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                self.assign_target(&u.expr, out)
            }
            syn::Expr::Path(p) => {
                let id = match p.path.get_ident() {
                    Some(i) => i,
                    None => return unsupported(p.span(), "assigning to this path"),
                };
                let name = id.to_string();
                match self.lookup(&name).cloned() {
                    Some(l) if matches!(l.kind, super::LocalKind::Plain) => Ok((Expr::Var(l.js), l.ty)),
                    Some(super::Local { kind: super::LocalKind::Alias(place), ty, .. }) => Ok((place, ty)),
                    Some(_) | None => err(
                        id.span(),
                        format!("rs2js: cannot assign to `{name}` here: only local variables can be assigned (a captured value is read-only in the browser; use a signal's `.set(..)`)"),
                    ),
                }
            }
            syn::Expr::Field(f) => {
                let (base, bt) = self.place(&f.base, out)?;
                let base = self.spill(base, out);
                self.field(base, &bt, &f.member, f.span())
            }
            syn::Expr::Index(ix) => self.index(ix, out),
            other => unsupported(other.span(), "assigning to this kind of expression"),
        }
    }

    fn compound_assign(
        &mut self,
        b: &syn::ExprBinary,
        op: Op,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Ty)> {
        let (target, tt) = self.assign_target(&b.left, out)?;
        let mut pre = Vec::new();
        let shift = matches!(op, Op::Shl | Op::Shr);
        let (v, vt) = self.expr(&b.right, &mut pre, if shift { None } else { Some(&tt) })?;
        out.extend(pre);
        let t = self.arith_type(&tt, b.span())?;
        let _ = vt;
        let t = if self.types.shallow(&t) == Ty::Str && op == Op::Add {
            Ty::Str
        } else {
            t
        };
        let x = self.arith(op, target.clone(), v, &t, b.span())?;
        out.push(Stmt::Expr(Expr::assign(target, x)));
        Ok((Expr::undefined(), Ty::Unit))
    }

    /// `x as T`
    pub(crate) fn cast(&mut self, c: &syn::ExprCast, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        let to = self.rust_type(&c.ty)?;
        // An unsuffixed literal cast takes its type from the cast target
        // only when the target is numeric of the same family; rustc types
        // `300 as u8` as an i32 literal (300) cast to u8 (44).
        let (x, from) = self.expr(&c.expr, out, None)?;
        let from = self.settle(&from);
        let span = c.span();
        let e = match (&from, &to) {
            (a, b) if a == b => x,
            (Ty::Int(a), Ty::Int(b)) => self.int_cast(x, *a, *b),
            (Ty::Int(_), Ty::F64) => x,
            (Ty::Int(_), Ty::F32) => Expr::method(Expr::var("Math"), "fround", vec![x]),
            (Ty::F64 | Ty::F32, Ty::Int(b)) => {
                self.call_helper(&format!("f2i_{}", b.name()), vec![x])
            }
            (Ty::F64, Ty::F32) => Expr::method(Expr::var("Math"), "fround", vec![x]),
            (Ty::F32, Ty::F64) => x,
            (Ty::Bool, Ty::Int(_)) => Expr::unary("+", x),
            (Ty::Char, Ty::Int(b)) => {
                let cp = Expr::method(x, "codePointAt", vec![Expr::lit("0")]);
                if b.bits() >= 32 || matches!(b, IntTy::I32) {
                    cp
                } else {
                    self.int_cast(cp, IntTy::U32, *b)
                }
            }
            (Ty::Int(IntTy::U8), Ty::Char) => {
                Expr::method(Expr::var("String"), "fromCodePoint", vec![x])
            }
            (Ty::Var(_), _) => {
                return err(
                    span,
                    "rs2js cannot tell the type of the value being cast; annotate it",
                )
            }
            (a, b) => return err(span, format!("rs2js: cannot cast `{a}` as `{b}`")),
        };
        Ok((e, to))
    }

    /// Integer-to-integer `as`: wraps to the target's width.
    fn int_cast(&mut self, x: Expr, from: IntTy, to: IntTy) -> Expr {
        let fits = |f: IntTy, t: IntTy| -> bool {
            if f == t {
                return true;
            }
            match (f.signed(), t.signed()) {
                (true, true) | (false, false) => t.bits() >= f.bits(),
                (false, true) => t.bits() > f.bits() || (t.wide() && f.wide()),
                (true, false) => false,
            }
        };
        // 64-bit types share the JS safe range, so i64 <-> u64 only needs a
        // sign check, done by the helper.
        if fits(from, to) {
            return x;
        }
        match to {
            IntTy::I32 => Expr::bin("|", x, Expr::lit("0")),
            IntTy::U32 => Expr::bin(">>>", x, Expr::lit("0")),
            IntTy::I8 => Expr::bin(">>", Expr::bin("<<", x, Expr::lit("24")), Expr::lit("24")),
            IntTy::I16 => Expr::bin(">>", Expr::bin("<<", x, Expr::lit("16")), Expr::lit("16")),
            IntTy::U8 => Expr::bin("&", x, Expr::lit("255")),
            IntTy::U16 => Expr::bin("&", x, Expr::lit("65535")),
            _ => self.call_helper(&format!("as_{}", to.name()), vec![x]),
        }
    }

    /// `v[i]` (bounds-checked) and `v[a..b]` / `s[a..b]` (slices, copied).
    pub(crate) fn index(&mut self, ix: &syn::ExprIndex, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        let (base, bt) = self.place(&ix.expr, out)?;
        let base = self.spill(base, out);
        let bt = self.types.shallow(&bt);
        if let syn::Expr::Range(r) = strip(&ix.index) {
            let start = match &r.start {
                Some(s) => self.expr(s, out, Some(&Ty::Int(IntTy::Usize)))?.0,
                None => Expr::lit("0"),
            };
            let end = match &r.end {
                Some(s) => {
                    let (x, _) = self.expr(s, out, Some(&Ty::Int(IntTy::Usize)))?;
                    if matches!(r.limits, syn::RangeLimits::Closed(_)) {
                        Expr::bin("+", x, Expr::lit("1"))
                    } else {
                        x
                    }
                }
                None => Expr::undefined(),
            };
            return match bt {
                Ty::Str => Ok((self.call_helper("sslice", vec![base, start, end]), Ty::Str)),
                Ty::Vec(_) => Ok((
                    self.call_helper("vslice", vec![base, start, end]),
                    bt.clone(),
                )),
                _ => err(
                    ix.span(),
                    "rs2js cannot tell what is being sliced here; annotate its type",
                ),
            };
        }
        let (i, _) = self.expr(&ix.index, out, Some(&Ty::Int(IntTy::Usize)))?;
        match bt {
            Ty::Vec(elem) => {
                let chk = self.call_helper("ix", vec![base.clone(), i]);
                Ok((Expr::index(base, chk), *elem))
            }
            Ty::Var(_) => {
                let elem = self.types.fresh(VarKind::Any);
                self.types.unify(&bt, &Ty::Vec(Box::new(elem.clone())));
                let chk = self.call_helper("ix", vec![base.clone(), i]);
                Ok((Expr::index(base, chk), elem))
            }
            Ty::Str => unsupported(
                ix.span(),
                "indexing a string by position (Rust forbids `s[i]`; use `s.chars().nth(i)`)",
            ),
            other => unsupported(ix.span(), &format!("indexing a `{other}`")),
        }
    }
}

/// The variable a place expression (`a.b[i].c`) starts from.
fn place_root(e: &syn::Expr) -> Option<&syn::Ident> {
    match strip(e) {
        syn::Expr::Path(p) => p.path.get_ident(),
        syn::Expr::Field(f) => place_root(&f.base),
        syn::Expr::Index(i) => place_root(&i.expr),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => place_root(&u.expr),
        _ => None,
    }
}
