//! Literals and paths: numbers (typed by suffix, context or the
//! literal default), strings, chars, constants such as `i32::MAX` or
//! `f64::consts::PI`, local names, and enum values in their serde form.

use proc_macro2::Span;
use syn::spanned::Spanned;

use super::path_names;
use super::{err, unsupported, LocalKind, Lowerer};
use crate::ir::Expr;
use crate::ty::{IntTy, Ty, VarKind};

type R<T> = syn::Result<T>;

impl Lowerer {
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
    pub(crate) fn path_expr(&mut self, p: &syn::ExprPath, expect: Option<&Ty>) -> R<(Expr, Ty)> {
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
        let segs = path_names(&p.path);
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
