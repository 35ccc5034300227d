//! Struct and tuple values: field access (`s.name`, `t.0`) with the field
//! types of the definitions rs2js was given, and struct literals
//! (including struct-like enum variants and `..base`).

use proc_macro2::Span;
use syn::spanned::Spanned;

use super::path_names;
use super::{err, unsupported, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{Ty, VarKind};

type R<T> = syn::Result<T>;

/// A field's name as JS sees it (`name`, or `0` for a tuple field).
pub(super) fn member_name(m: &syn::Member) -> String {
    match m {
        syn::Member::Named(i) => i.to_string(),
        syn::Member::Unnamed(i) => i.index.to_string(),
    }
}

/// Types whose JSON form rs2js knows itself (server-function errors,
/// `cmp::Ordering`, parse errors): never asked of the user.
const BUILT_IN: &[&str] = &["ServerFnError", "Ordering", "ParseError"];

impl Lowerer {
    /// Records that the body uses the fields of user type `name`.
    fn want(&mut self, name: &str) {
        if !BUILT_IN.contains(&name) {
            self.wanted.insert(name.to_owned());
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
                            _ => {
                                self.want(n);
                                err(
                                    span,
                                    format!("rs2js: `{n}` has no field {idx} that rs2js knows of"),
                                )
                            }
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
                        None => {
                            self.want(n);
                            self.types.fresh(VarKind::Any)
                        }
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

    /// The field definitions of struct `ty_name`, or of its struct-like
    /// variant `variant` if it is an enum; `None` if rs2js was not shown
    /// them.
    pub(super) fn struct_fields(
        &mut self,
        ty_name: &str,
        variant: Option<&str>,
    ) -> Option<Vec<(String, syn::Type)>> {
        let known = self.structs.contains_key(ty_name) || self.enums.contains_key(ty_name);
        if !known {
            self.want(ty_name);
        }
        match variant {
            None => self.structs.get(ty_name).cloned(),
            Some(v) => self.enums.get(ty_name).and_then(|vs| {
                vs.iter()
                    .find(|(n, _)| n == v)
                    .and_then(|(_, sh)| match sh {
                        super::VariantShape::Struct(fs) => Some(fs.clone()),
                        _ => None,
                    })
            }),
        }
    }

    /// Struct literals, including struct-like enum variants and `..base`.
    pub(crate) fn struct_lit(&mut self, s: &syn::ExprStruct, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        let segs = path_names(&s.path);
        let (ty_name, variant) = match segs.as_slice() {
            [n] => (n.clone(), None),
            [e, v] if self.enums.contains_key(e) || !self.structs.contains_key(e) => {
                (e.clone(), Some(v.clone()))
            }
            _ => return unsupported(s.path.span(), "this struct path"),
        };
        let field_types = self.struct_fields(&ty_name, variant.as_deref());
        let mut fields = Vec::new();
        let mut done = Vec::new();
        for f in &s.fields {
            let name = member_name(&f.member);
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
}

pub(crate) fn is_js_ident(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}
