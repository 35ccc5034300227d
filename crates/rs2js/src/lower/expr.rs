//! Expressions: literals, names, operators, calls, literals of compound
//! types, closures, and the dispatch of control flow to `stmt.rs`.

use proc_macro2::Span;
use syn::spanned::Spanned;

use super::{err, unsupported, Dest, LocalKind, Lowerer};
use crate::ir::{Arrow, Expr, Param, Stmt};
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
                Ty::Signal(_) | Ty::Event | Ty::Fn(..) | Ty::Iter(_) | Ty::Range(_)
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
    fn name_place(&mut self, id: &syn::Ident) -> R<(Expr, Ty)> {
        let name = id.to_string();
        if let Some((js, ty)) = self.local_fns.get(&name).cloned() {
            return Ok((Expr::Var(js), ty));
        }
        let local = self.capture(id)?;
        match local.kind {
            LocalKind::Capture(i) => {
                if self.captures[i].signal {
                    Ok((Expr::Var(local.js), local.ty))
                } else {
                    // Captured values arrive as read-only client signals.
                    Ok((Expr::method(Expr::Var(local.js), "get", vec![]), local.ty))
                }
            }
            LocalKind::Alias(place) => Ok((place, local.ty)),
            _ => {
                self.note_use(&name);
                Ok((Expr::Var(local.js), local.ty))
            }
        }
    }

    /// Field access on a struct, tuple, or (for `.0`) a newtype.
    pub(crate) fn field(
        &mut self,
        base: Expr,
        bt: &Ty,
        member: &syn::Member,
        span: Span,
    ) -> R<(Expr, Ty)> {
        let bt = self.types.shallow(bt);
        match member {
            syn::Member::Unnamed(i) => {
                let idx = i.index as usize;
                match &bt {
                    Ty::Tuple(ts) => {
                        let t = ts
                            .get(idx)
                            .cloned()
                            .ok_or_else(|| syn::Error::new(span, "rs2js: no such tuple field"))?;
                        Ok((Expr::index(base, Expr::lit(idx.to_string())), t))
                    }
                    Ty::Named(n) => {
                        let fields = self.structs.get(n).cloned();
                        match fields {
                            Some(fs) if fs.len() == 1 && idx == 0 => {
                                let t = self.rust_type(&fs[0].1)?;
                                Ok((base, t))
                            }
                            Some(fs) if idx < fs.len() => {
                                let t = self.rust_type(&fs[idx].1)?;
                                Ok((Expr::index(base, Expr::lit(idx.to_string())), t))
                            }
                            _ => err(
                                span,
                                format!("rs2js: `{n}` has no field {idx} that rs2js knows of"),
                            ),
                        }
                    }
                    // Unknown (a server function's result, say): taken as a
                    // tuple, which serde writes as an array. A newtype
                    // struct needs its definition (it is its inner value).
                    Ty::Var(_) => {
                        let t = self.types.fresh(VarKind::Any);
                        Ok((Expr::index(base, Expr::lit(idx.to_string())), t))
                    }
                    _ => err(span, format!("rs2js: `{bt}` has no field {idx}")),
                }
            }
            syn::Member::Named(id) => {
                let fname = id.to_string();
                let t = match &bt {
                    Ty::Named(n) => match self.structs.get(n).cloned() {
                        Some(fs) => match fs.iter().find(|(f, _)| *f == fname) {
                            Some((_, ft)) => self.rust_type(ft)?,
                            None => {
                                return err(
                                    id.span(),
                                    format!("rs2js: struct `{n}` has no field `{fname}`"),
                                )
                            }
                        },
                        None => self.types.fresh(VarKind::Any),
                    },
                    _ => self.types.fresh(VarKind::Any),
                };
                let key = fname.strip_prefix("r#").unwrap_or(&fname).to_string();
                let x = if is_js_ident(&key) {
                    Expr::member(base, &key)
                } else {
                    Expr::index(base, Expr::Str(key))
                };
                Ok((x, t))
            }
        }
    }

    /// Literals. Unsuffixed numbers take the expected type or a fresh
    /// numeric variable (defaulted to `i32`/`f64` like rustc).
    pub(crate) fn lit(&mut self, l: &syn::Lit, expect: Option<&Ty>) -> R<(Expr, Ty)> {
        match l {
            syn::Lit::Int(i) => {
                let ty = match i.suffix() {
                    "" => match expect.map(|t| self.types.shallow(t)) {
                        Some(t @ (Ty::Int(_) | Ty::F64 | Ty::F32)) => t,
                        Some(v @ Ty::Var(_)) if self.types.var_kind(&v) != Some(VarKind::Any) => v,
                        _ => self.types.fresh(VarKind::Int),
                    },
                    "f64" => Ty::F64,
                    "f32" => Ty::F32,
                    s => match IntTy::from_name(s) {
                        Some(it) => Ty::Int(it),
                        None => {
                            return unsupported(
                                i.span(),
                                &format!("an integer literal with suffix `{s}`"),
                            )
                        }
                    },
                };
                let digits = i.base10_digits();
                let (neg, digits) = match digits.strip_prefix('-') {
                    Some(d) => (true, d),
                    None => (false, digits),
                };
                let v: u128 = match digits.parse::<u128>() {
                    Ok(v) => v,
                    Err(_) => return err(i.span(), "rs2js: integer literal out of range"),
                };
                if neg && v != 0 {
                    return Ok((Expr::lit(format!("-{v}")), ty));
                }
                if v > (1u128 << 53) - 1 {
                    return err(
                        i.span(),
                        format!("rs2js cannot translate this integer literal: it is larger than 2^53 - 1, the largest integer JavaScript numbers hold exactly; {}", super::USE_JS),
                    );
                }
                Ok((Expr::lit(v.to_string()), ty))
            }
            syn::Lit::Float(f) => {
                let ty = match f.suffix() {
                    "f32" => Ty::F32,
                    "f64" => Ty::F64,
                    _ => match expect.map(|t| self.types.shallow(t)) {
                        Some(t @ (Ty::F64 | Ty::F32)) => t,
                        _ => self.types.fresh(VarKind::Float),
                    },
                };
                let v: f64 = f
                    .base10_parse()
                    .map_err(|_| syn::Error::new(f.span(), "rs2js: bad float literal"))?;
                let v = if ty == Ty::F32 { v as f32 as f64 } else { v };
                Ok((Expr::lit(js_number(v)), ty))
            }
            syn::Lit::Bool(b) => Ok((Expr::lit(b.value.to_string()), Ty::Bool)),
            syn::Lit::Str(s) => Ok((Expr::Str(s.value()), Ty::Str)),
            syn::Lit::Char(c) => Ok((Expr::Str(c.value().to_string()), Ty::Char)),
            syn::Lit::Byte(b) => Ok((Expr::lit(b.value().to_string()), Ty::Int(IntTy::U8))),
            _ => unsupported(l.span(), "this kind of literal (byte strings, C strings)"),
        }
    }

    /// Paths: local names, captures, `None`, enum unit variants, and the
    /// numeric constants (`i32::MAX`, `f64::NAN`, ...).
    fn path_expr(&mut self, p: &syn::ExprPath, expect: Option<&Ty>) -> R<(Expr, Ty)> {
        if p.qself.is_some() {
            return unsupported(p.span(), "a qualified path (`<T as Trait>::..`)");
        }
        if let Some(id) = p.path.get_ident() {
            let name = id.to_string();
            if name == "None" && self.lookup("None").is_none() {
                let inner = match expect.map(|t| self.types.shallow(t)) {
                    Some(Ty::Option(t)) => *t,
                    _ => self.types.fresh(VarKind::Any),
                };
                return Ok((Expr::null(), Ty::Option(Box::new(inner))));
            }
            let (x, t) = self.name_place(id)?;
            if let Some(l) = self.lookup(&name) {
                if let LocalKind::Capture(i) = l.kind {
                    if self.captures[i].signal {
                        return err(
                            id.span(),
                            format!("rs2js: the signal `{name}` can only be used through its methods here (`{name}.get()`, `{name}.set(..)`, `{name}.update(..)`, `{name}.with(..)`)"),
                        );
                    }
                }
            }
            return Ok(self.copy_out(x, &t));
        }
        let segs: Vec<String> = p
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        let segs: Vec<&str> = segs.iter().map(|s| s.as_str()).collect();
        let segs: &[&str] = match segs.as_slice() {
            ["std" | "core", rest @ ..] => rest,
            s => s,
        };
        let last2 = if segs.len() >= 2 {
            (segs[segs.len() - 2], segs[segs.len() - 1])
        } else {
            ("", segs[0])
        };
        if let Some(it) = IntTy::from_name(last2.0) {
            let (lo, hi) = it.min_max();
            let v = match last2.1 {
                "MAX" => {
                    if it.wide() {
                        return unsupported(
                            p.span(),
                            &format!(
                                "`{}::MAX` (larger than JavaScript numbers hold exactly)",
                                it.name()
                            ),
                        );
                    }
                    hi
                }
                "MIN" => {
                    if it.wide() && it.signed() {
                        return unsupported(
                            p.span(),
                            &format!(
                                "`{}::MIN` (larger than JavaScript numbers hold exactly)",
                                it.name()
                            ),
                        );
                    }
                    lo
                }
                "BITS" => return Ok((Expr::lit(it.bits().to_string()), Ty::Int(IntTy::U32))),
                _ => return unsupported(p.span(), &format!("the path `{}`", segs.join("::"))),
            };
            return Ok((Expr::lit(v), Ty::Int(it)));
        }
        if matches!(last2.0, "f64" | "f32" | "consts") {
            let ty = if last2.0 == "f32" || segs.first() == Some(&"f32") {
                Ty::F32
            } else {
                Ty::F64
            };
            let v = match last2.1 {
                "NAN" => "NaN".to_string(),
                "INFINITY" => "Infinity".to_string(),
                "NEG_INFINITY" => "-Infinity".to_string(),
                "MAX" if ty == Ty::F64 => "Number.MAX_VALUE".to_string(),
                "MIN" if ty == Ty::F64 => "-Number.MAX_VALUE".to_string(),
                "EPSILON" if ty == Ty::F64 => "Number.EPSILON".to_string(),
                "MIN_POSITIVE" if ty == Ty::F64 => "2.2250738585072014e-308".to_string(),
                "PI" => js_number(std::f64::consts::PI),
                "E" => js_number(std::f64::consts::E),
                "TAU" => js_number(std::f64::consts::TAU),
                "SQRT_2" => js_number(std::f64::consts::SQRT_2),
                "LN_2" => js_number(std::f64::consts::LN_2),
                "LN_10" => js_number(std::f64::consts::LN_10),
                "FRAC_PI_2" => js_number(std::f64::consts::FRAC_PI_2),
                _ => return unsupported(p.span(), &format!("the constant `{}`", segs.join("::"))),
            };
            let v = if ty == Ty::F32 && !v.contains("Infinity") && v != "NaN" {
                let f: f64 = v.parse().unwrap_or(f64::NAN);
                js_number(f as f32 as f64)
            } else {
                v
            };
            return Ok((Expr::lit(v), ty));
        }
        if segs.len() >= 2 && segs[segs.len() - 2] == "Ordering" {
            if let Some(n) = super::pat::ordering_value(segs[segs.len() - 1]) {
                return Ok((Expr::lit(n), Ty::Named("Ordering".into())));
            }
        }
        if segs.len() == 2 && self.enums.contains_key(segs[0]) {
            return self.enum_value(segs[0], segs[1], None, p.span());
        }
        if segs.len() == 2
            && segs[0].chars().next().is_some_and(|c| c.is_uppercase())
            && !self.structs.contains_key(segs[0])
        {
            // An enum rs2js has no definition of: a unit variant is its name.
            return Ok((
                Expr::Str(segs[1].to_string()),
                Ty::Named(segs[0].to_string()),
            ));
        }
        unsupported(p.span(), &format!("the path `{}`", segs.join("::")))
    }

    /// Builds an enum value in serde's externally tagged JSON form.
    pub(crate) fn enum_value(
        &mut self,
        en: &str,
        var: &str,
        payload: Option<Vec<Expr>>,
        span: Span,
    ) -> R<(Expr, Ty)> {
        let shape = self
            .enums
            .get(en)
            .and_then(|vs| vs.iter().find(|(n, _)| n == var).map(|(_, s)| s.clone()));
        let ty = Ty::Named(en.to_string());
        match (shape, payload) {
            (Some(super::VariantShape::Unit), None) | (None, None) => {
                Ok((Expr::Str(var.to_string()), ty))
            }
            (Some(super::VariantShape::Tuple(ts)), Some(mut xs)) if ts.len() == xs.len() => {
                let inner = if xs.len() == 1 {
                    xs.pop().unwrap()
                } else {
                    Expr::Array(xs)
                };
                Ok((Expr::Object(vec![(var.to_string(), inner)]), ty))
            }
            (None, Some(mut xs)) => {
                let inner = if xs.len() == 1 {
                    xs.pop().unwrap()
                } else {
                    Expr::Array(xs)
                };
                Ok((Expr::Object(vec![(var.to_string(), inner)]), ty))
            }
            _ => err(
                span,
                format!("rs2js: `{en}::{var}` is used with the wrong shape"),
            ),
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

    /// Struct literals, including struct-like enum variants and `..base`.
    fn struct_lit(&mut self, s: &syn::ExprStruct, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        let segs: Vec<String> = s
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        let (ty_name, variant) = match segs.as_slice() {
            [n] => (n.clone(), None),
            [e, v] if self.enums.contains_key(e) || !self.structs.contains_key(e) => {
                (e.clone(), Some(v.clone()))
            }
            _ => return unsupported(s.path.span(), "this struct path"),
        };
        let field_types: Option<Vec<(String, syn::Type)>> = match &variant {
            None => self.structs.get(&ty_name).cloned(),
            Some(v) => self.enums.get(&ty_name).and_then(|vs| {
                vs.iter()
                    .find(|(n, _)| n == v)
                    .and_then(|(_, sh)| match sh {
                        super::VariantShape::Struct(fs) => Some(fs.clone()),
                        _ => None,
                    })
            }),
        };
        let mut fields = Vec::new();
        let mut done = Vec::new();
        for f in &s.fields {
            let name = match &f.member {
                syn::Member::Named(i) => i.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            let want = match &field_types {
                Some(fs) => match fs.iter().find(|(n, _)| *n == name) {
                    Some((_, t)) => Some(self.rust_type(t)?),
                    None => {
                        return err(
                            f.member.span(),
                            format!("rs2js: `{ty_name}` has no field `{name}`"),
                        )
                    }
                },
                None => None,
            };
            let mut pre = Vec::new();
            let (x, _) = self.expr(&f.expr, &mut pre, want.as_ref())?;
            self.join(out, &mut done, pre);
            done.push(x);
            fields.push(name);
        }
        let mut obj: Vec<(String, Expr)> = fields.into_iter().zip(done).collect();
        // Objects keep keys in insertion order, and derived ordering and
        // serde use declaration order: build the object in that order, with
        // the values still evaluated in source order.
        if let Some(defs) = &field_types {
            let in_order = obj.iter().map(|(k, _)| k).eq(defs
                .iter()
                .map(|(k, _)| k)
                .filter(|k| obj.iter().any(|(o, _)| o == *k)));
            if !in_order {
                for (_, v) in obj.iter_mut() {
                    if !v.is_constant() {
                        let t = self.tmp();
                        let old = std::mem::replace(v, Expr::Var(t.clone()));
                        out.push(Stmt::Let(t, Some(old)));
                    }
                }
                obj.sort_by_key(|(k, _)| {
                    defs.iter().position(|(d, _)| d == k).unwrap_or(usize::MAX)
                });
            }
        }
        if let Some(rest) = &s.rest {
            // `..base`: copy the remaining fields from a copy of `base`.
            let (b, _) = self.expr(rest, out, Some(&Ty::Named(ty_name.clone())))?;
            let b = self.spill(b, out);
            let mut all = vec![("...".to_string(), b)];
            all.append(&mut obj);
            let e = self.call_helper(
                "with_fields",
                vec![all[0].1.clone(), Expr::Object(all.split_off(1))],
            );
            return Ok((e, Ty::Named(ty_name)));
        }
        let value = Expr::Object(obj);
        match variant {
            None => Ok((value, Ty::Named(ty_name))),
            Some(v) => Ok((Expr::Object(vec![(v, value)]), Ty::Named(ty_name))),
        }
    }

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

    fn closure_inner(
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

    fn await_expr(&mut self, a: &syn::ExprAwait, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        if let Some(f) = self.fns.last_mut() {
            f.is_async = true;
        }
        if self.fns.len() > 1 {
            return unsupported(
                a.span(),
                "`.await` inside a nested closure (only the handler itself may await)",
            );
        }
        match strip(&a.base) {
            syn::Expr::Call(c) => {
                let name = match strip(&c.func) {
                    syn::Expr::Path(p) if p.qself.is_none() => {
                        p.path.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::")
                    }
                    _ => return unsupported(c.func.span(), "awaiting this call (only `#[server]` functions called by name can be awaited)"),
                };
                if !self.has_runtime {
                    return unsupported(a.span(), "a server function call outside a handler");
                }
                let short = name.rsplit("::").next().unwrap().to_string();
                let mut done = Vec::new();
                for arg in &c.args {
                    let mut pre = Vec::new();
                    let (x, _) = self.expr(arg, &mut pre, None)?;
                    self.join(out, &mut done, pre);
                    done.push(x);
                }
                let call = Expr::method(
                    Expr::var("r"),
                    "call",
                    vec![Expr::Str(short), Expr::Array(done)],
                );
                let res_ty = Ty::Result(
                    Box::new(self.types.fresh(VarKind::Any)),
                    Box::new(Ty::Named("ServerFnError".into())),
                );
                Ok((Expr::unary("await ", call), res_ty))
            }
            other => unsupported(
                other.span(),
                "awaiting this expression (only `#[server]` function calls can be awaited)",
            ),
        }
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

pub(crate) fn is_js_ident(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A JS numeric literal for a finite or infinite f64.
pub(crate) fn js_number(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else if v == 0.0 && v.is_sign_negative() {
        "-0".into()
    } else {
        // Rust's shortest round-trip digits; JS reads them back exactly.
        let s = format!("{v:?}");
        s.strip_suffix(".0").map(|x| x.to_string()).unwrap_or(s)
    }
}
