//! Patterns: each pattern becomes a condition (a side-effect-free JS
//! expression over the matched value) and binding statements that run once
//! the condition holds. Values use serde's JSON forms: `Option` is the value
//! or `null`, `Result` is `{Ok: v}`/`{Err: e}`, enums are externally tagged
//! (`"Unit"`, `{"Newtype": v}`, `{"Tuple": [a, b]}`, `{"Struct": {..}}`).

use syn::spanned::Spanned;

use super::path_names;
use super::structs::member_name;
use super::{err, unsupported, Lowerer, VariantShape};
use crate::ir::{Expr, Stmt};
use crate::ty::{Ty, VarKind};

type R<T> = syn::Result<T>;

fn and(a: Option<Expr>, b: Option<Expr>) -> Option<Expr> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => Some(Expr::bin("&&", a, b)),
    }
}

impl Lowerer {
    /// Compiles `p` against the value `v` (a simple expression) of type `t`.
    pub(crate) fn pattern(
        &mut self,
        p: &syn::Pat,
        v: &Expr,
        t: &Ty,
    ) -> R<(Option<Expr>, Vec<Stmt>)> {
        let mut binds = Vec::new();
        let c = self.pat(p, v, t, &mut binds)?;
        Ok((c, binds))
    }

    fn pat(&mut self, p: &syn::Pat, v: &Expr, t: &Ty, binds: &mut Vec<Stmt>) -> R<Option<Expr>> {
        match p {
            syn::Pat::Wild(_) | syn::Pat::Rest(_) => Ok(None),
            syn::Pat::Paren(pp) => self.pat(&pp.pat, v, t, binds),
            syn::Pat::Reference(r) => self.pat(&r.pat, v, t, binds),
            syn::Pat::Type(pt) => {
                let at = self.rust_type(&pt.ty)?;
                self.unify_at(pt.span(), &at, t, "pattern type")?;
                self.pat(&pt.pat, v, t, binds)
            }
            syn::Pat::Ident(pi) => {
                if pi.by_ref.is_some() && pi.mutability.is_some() {
                    return unsupported(pi.span(), "a `ref mut` binding (changes through it would not reach the matched value)");
                }
                let name = pi.ident.to_string();
                // A bare `None` or an enum-like constant is a path pattern
                // that syn reads as an identifier.
                if pi.subpat.is_none()
                    && pi.by_ref.is_none()
                    && pi.mutability.is_none()
                    && name == "None"
                {
                    return self.path_pat_none(v, t, pi.span());
                }
                let cond = match &pi.subpat {
                    Some((_, sp)) => self.pat(sp, v, t, binds)?,
                    None => None,
                };
                let value = if pi.mutability.is_some() {
                    // A mutable copy must not share with the matched value.
                    self.copy_out(v.clone(), t).0
                } else {
                    v.clone()
                };
                let js = self.bind(&name, t.clone());
                binds.push(Stmt::Let(js, Some(value)));
                Ok(cond)
            }
            syn::Pat::Lit(l) => {
                let (x, lt) = self.lit(&l.lit, Some(t))?;
                self.unify_at(l.span(), t, &lt, "pattern type")?;
                let x = match &l.lit {
                    syn::Lit::Int(i) if i.base10_digits().starts_with('-') => x,
                    _ => x,
                };
                Ok(Some(Expr::bin("===", v.clone(), x)))
            }
            syn::Pat::Range(r) => {
                let mut cond = None;
                if let Some(s) = &r.start {
                    let (x, _) = self.pat_bound(s, t)?;
                    cond = and(cond, Some(self.range_cmp(">=", v.clone(), x, t)));
                }
                if let Some(e) = &r.end {
                    let (x, _) = self.pat_bound(e, t)?;
                    let op = if matches!(r.limits, syn::RangeLimits::Closed(_)) {
                        "<="
                    } else {
                        "<"
                    };
                    cond = and(cond, Some(self.range_cmp(op, v.clone(), x, t)));
                }
                Ok(cond)
            }
            syn::Pat::Or(o) => {
                let mut cond: Option<Expr> = None;
                for case in &o.cases {
                    let mut inner = Vec::new();
                    let c = self.pat(case, v, t, &mut inner)?;
                    if !inner.is_empty() {
                        return unsupported(
                            case.span(),
                            "an or-pattern (`A | B`) that binds variables",
                        );
                    }
                    match c {
                        None => return Ok(None),
                        Some(c) => {
                            cond = Some(match cond {
                                None => c,
                                Some(p) => Expr::bin("||", p, c),
                            })
                        }
                    }
                }
                Ok(cond)
            }
            syn::Pat::Tuple(tp) => {
                let n = tp.elems.len();
                if tp.elems.iter().any(|e| matches!(e, syn::Pat::Rest(_))) {
                    return unsupported(tp.span(), "`..` inside a tuple pattern");
                }
                let tys: Vec<Ty> = match self.types.shallow(t) {
                    Ty::Tuple(ts) if ts.len() == n => ts,
                    Ty::Var(_) => {
                        let ts: Vec<Ty> = (0..n).map(|_| self.types.fresh(VarKind::Any)).collect();
                        self.types.unify(t, &Ty::Tuple(ts.clone()));
                        ts
                    }
                    other => {
                        return err(
                            tp.span(),
                            format!("rs2js: a tuple pattern cannot match `{other}`"),
                        )
                    }
                };
                let mut cond = None;
                for (i, e) in tp.elems.iter().enumerate() {
                    let sub = Expr::index(v.clone(), Expr::lit(i.to_string()));
                    let c = self.pat(e, &sub, &tys[i], binds)?;
                    cond = and(cond, c);
                }
                Ok(cond)
            }
            syn::Pat::Path(pp) => {
                let segs = path_names(&pp.path);
                match segs.as_slice() {
                    [n] if n == "None" => self.path_pat_none(v, t, pp.span()),
                    [.., o, var] if o == "Ordering" => {
                        // `Ordering` is -1 / 0 / 1 in the browser.
                        self.unify_at(pp.span(), t, &Ty::Named("Ordering".into()), "pattern type")?;
                        let n = ordering_value(var).ok_or_else(|| {
                            syn::Error::new(pp.span(), "rs2js: unknown `Ordering` variant")
                        })?;
                        Ok(Some(Expr::bin("===", v.clone(), Expr::lit(n))))
                    }
                    [.., en, var] => {
                        self.unify_at(pp.span(), t, &Ty::Named(en.clone()), "pattern type")?;
                        Ok(Some(Expr::bin("===", v.clone(), Expr::Str(var.clone()))))
                    }
                    _ => unsupported(pp.span(), "this path pattern (constants in patterns)"),
                }
            }
            syn::Pat::TupleStruct(ts) => {
                let segs = path_names(&ts.path);
                let elems: Vec<&syn::Pat> = ts.elems.iter().collect();
                match segs.as_slice() {
                    [n] if n == "Some" => {
                        let inner = match self.types.shallow(t) {
                            Ty::Option(i) => *i,
                            _ => {
                                let i = self.types.fresh(VarKind::Any);
                                let o = self.option_of(ts.span(), i.clone())?;
                                self.unify_at(ts.span(), t, &o, "pattern type")?;
                                i
                            }
                        };
                        if elems.len() != 1 {
                            return err(ts.span(), "rs2js: `Some` takes one value");
                        }
                        let c = Expr::bin("!==", v.clone(), Expr::null());
                        let sub = self.pat(elems[0], v, &inner, binds)?;
                        Ok(and(Some(c), sub))
                    }
                    [n] if n == "Ok" || n == "Err" => {
                        let (ok, e) = match self.types.shallow(t) {
                            Ty::Result(a, b) => (*a, *b),
                            _ => {
                                let a = self.types.fresh(VarKind::Any);
                                let b = self.types.fresh(VarKind::Any);
                                self.unify_at(
                                    ts.span(),
                                    t,
                                    &Ty::Result(Box::new(a.clone()), Box::new(b.clone())),
                                    "pattern type",
                                )?;
                                (a, b)
                            }
                        };
                        if elems.len() != 1 {
                            return err(ts.span(), format!("rs2js: `{n}` takes one value"));
                        }
                        let c = Expr::bin("in", Expr::Str(n.clone()), v.clone());
                        let sub_v = Expr::member(v.clone(), n);
                        let sub_t = if n == "Ok" { ok } else { e };
                        let sub = self.pat(elems[0], &sub_v, &sub_t, binds)?;
                        Ok(and(Some(c), sub))
                    }
                    [.., en, var] => {
                        self.unify_at(ts.span(), t, &Ty::Named(en.clone()), "pattern type")?;
                        let shape = self.enums.get(en).and_then(|vs| {
                            vs.iter().find(|(n, _)| n == var).map(|(_, s)| s.clone())
                        });
                        let field_tys: Vec<Ty> = match shape {
                            Some(VariantShape::Tuple(tys)) if tys.len() == elems.len() => {
                                let mut out = Vec::new();
                                for ty in &tys {
                                    out.push(self.rust_type(ty)?);
                                }
                                out
                            }
                            Some(_) => {
                                return err(
                                    ts.span(),
                                    format!(
                                        "rs2js: `{en}::{var}` does not have {} fields",
                                        elems.len()
                                    ),
                                )
                            }
                            None => (0..elems.len())
                                .map(|_| self.types.fresh(VarKind::Any))
                                .collect(),
                        };
                        let tag = self.call_helper("tag", vec![v.clone(), Expr::Str(var.clone())]);
                        let payload = Expr::member(v.clone(), var);
                        let mut cond = Some(tag);
                        if elems.len() == 1 {
                            let c = self.pat(elems[0], &payload, &field_tys[0], binds)?;
                            cond = and(cond, c);
                        } else {
                            for (i, e) in elems.iter().enumerate() {
                                let sub = Expr::index(payload.clone(), Expr::lit(i.to_string()));
                                let c = self.pat(e, &sub, &field_tys[i], binds)?;
                                cond = and(cond, c);
                            }
                        }
                        Ok(cond)
                    }
                    [name] => {
                        // A tuple struct: newtypes are their inner value in
                        // JSON, longer ones an array.
                        self.unify_at(ts.span(), t, &Ty::Named(name.clone()), "pattern type")?;
                        let fields = self.structs.get(name).cloned().unwrap_or_default();
                        let mut cond = None;
                        for (i, e) in elems.iter().enumerate() {
                            let ft = match fields.get(i) {
                                Some((_, ty)) => self.rust_type(ty)?,
                                None => self.types.fresh(VarKind::Any),
                            };
                            let sub = if elems.len() == 1 {
                                v.clone()
                            } else {
                                Expr::index(v.clone(), Expr::lit(i.to_string()))
                            };
                            let c = self.pat(e, &sub, &ft, binds)?;
                            cond = and(cond, c);
                        }
                        Ok(cond)
                    }
                    _ => unsupported(ts.span(), "this pattern"),
                }
            }
            syn::Pat::Struct(sp) => {
                let segs = path_names(&sp.path);
                let (ty_name, variant) = match segs.as_slice() {
                    [n] => (n.clone(), None),
                    [.., e, v] => (e.clone(), Some(v.clone())),
                    _ => return unsupported(sp.span(), "this struct pattern"),
                };
                self.unify_at(sp.span(), t, &Ty::Named(ty_name.clone()), "pattern type")?;
                let field_defs = self.struct_fields(&ty_name, variant.as_deref());
                let (mut cond, base) = match &variant {
                    None => (None, v.clone()),
                    Some(var) => (
                        Some(self.call_helper("tag", vec![v.clone(), Expr::Str(var.clone())])),
                        Expr::member(v.clone(), var),
                    ),
                };
                for f in &sp.fields {
                    let fname = member_name(&f.member);
                    let ft = match &field_defs {
                        Some(fs) => match fs.iter().find(|(n, _)| *n == fname) {
                            Some((_, ty)) => self.rust_type(ty)?,
                            None => {
                                return err(
                                    f.member.span(),
                                    format!("rs2js: no field `{fname}` in `{ty_name}`"),
                                )
                            }
                        },
                        None => self.types.fresh(VarKind::Any),
                    };
                    let sub = Expr::member(base.clone(), &fname);
                    let c = self.pat(&f.pat, &sub, &ft, binds)?;
                    cond = and(cond, c);
                }
                Ok(cond)
            }
            syn::Pat::Slice(sl) => {
                let elem = match self.types.shallow(t) {
                    Ty::Vec(e) => *e,
                    _ => {
                        let e = self.types.fresh(VarKind::Any);
                        self.unify_at(sl.span(), t, &Ty::Vec(Box::new(e.clone())), "pattern type")?;
                        e
                    }
                };
                let rest_at = sl.elems.iter().position(is_rest);
                let n = sl.elems.len();
                let len = Expr::member(v.clone(), "length");
                let mut cond = Some(match rest_at {
                    None => Expr::bin("===", len.clone(), Expr::lit(n.to_string())),
                    Some(_) => Expr::bin(">=", len.clone(), Expr::lit((n - 1).to_string())),
                });
                for (i, p) in sl.elems.iter().enumerate() {
                    if is_rest(p) {
                        if let syn::Pat::Ident(pi) = p {
                            // `rest @ ..`
                            let after = n - i - 1;
                            let end = Expr::bin("-", len.clone(), Expr::lit(after.to_string()));
                            let js = self.bind(&pi.ident.to_string(), t.clone());
                            binds.push(Stmt::Let(
                                js,
                                Some(Expr::method(
                                    v.clone(),
                                    "slice",
                                    vec![Expr::lit(i.to_string()), end],
                                )),
                            ));
                        }
                        continue;
                    }
                    let idx = match rest_at {
                        Some(r) if i > r => {
                            Expr::bin("-", len.clone(), Expr::lit((n - i).to_string()))
                        }
                        _ => Expr::lit(i.to_string()),
                    };
                    let sub = Expr::index(v.clone(), idx);
                    let c = self.pat(p, &sub, &elem, binds)?;
                    cond = and(cond, c);
                }
                Ok(cond)
            }
            syn::Pat::Const(c) => unsupported(c.span(), "a `const` block pattern"),
            syn::Pat::Macro(m) => unsupported(m.span(), "a macro in pattern position"),
            _ => unsupported(p.span(), "this kind of pattern"),
        }
    }

    fn path_pat_none(&mut self, v: &Expr, t: &Ty, span: proc_macro2::Span) -> R<Option<Expr>> {
        if !matches!(self.types.shallow(t), Ty::Option(_)) {
            let i = self.types.fresh(VarKind::Any);
            self.unify_at(span, t, &Ty::Option(Box::new(i)), "pattern type")?;
        }
        Ok(Some(Expr::bin("===", v.clone(), Expr::null())))
    }

    /// A range pattern bound (a literal, possibly negative, or a char).
    fn pat_bound(&mut self, e: &syn::Expr, t: &Ty) -> R<(Expr, Ty)> {
        let mut pre = Vec::new();
        let r = self.expr(e, &mut pre, Some(t))?;
        if !pre.is_empty() || !r.0.is_constant() {
            return unsupported(e.span(), "a range pattern bound that is not a literal");
        }
        Ok(r)
    }

    fn range_cmp(&mut self, op: &'static str, a: Expr, b: Expr, t: &Ty) -> Expr {
        match self.types.resolve(t) {
            Ty::Char => {
                let ca = Expr::method(a, "codePointAt", vec![Expr::lit("0")]);
                let cb = Expr::method(b, "codePointAt", vec![Expr::lit("0")]);
                Expr::bin(op, ca, cb)
            }
            Ty::Var(_) => {
                self.types.default_numeric(t);
                Expr::bin(op, a, b)
            }
            _ => Expr::bin(op, a, b),
        }
    }
}

fn is_rest(p: &syn::Pat) -> bool {
    match p {
        syn::Pat::Rest(_) => true,
        syn::Pat::Ident(pi) => {
            matches!(&pi.subpat, Some((_, sp)) if matches!(**sp, syn::Pat::Rest(_)))
        }
        _ => false,
    }
}

/// The browser value of an `Ordering` variant.
pub(crate) fn ordering_value(var: &str) -> Option<&'static str> {
    match var {
        "Less" => Some("-1"),
        "Equal" => Some("0"),
        "Greater" => Some("1"),
        _ => None,
    }
}
