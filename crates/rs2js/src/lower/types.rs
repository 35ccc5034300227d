//! Types during the walk: converting the Rust types the user wrote
//! (`rust_type`), and the small inference steps every part of lowering
//! uses (`unify_at`, `settle`, `peek`, `int_var`, `option_of`).

use proc_macro2::Span;
use syn::spanned::Spanned;

use super::{err, unsupported, Lowerer};
use crate::ty::{Ty, VarKind};

impl Lowerer {
    /// Unifies or reports a type mismatch at `span`.
    pub fn unify_at(&mut self, span: Span, a: &Ty, b: &Ty, what: &str) -> syn::Result<()> {
        if self.types.unify(a, b) {
            Ok(())
        } else {
            let (a, b) = (self.types.resolve(a), self.types.resolve(b));
            err(span, format!("rs2js: {what}: expected `{a}`, found `{b}`"))
        }
    }

    /// Settles a type to something concrete enough to pick an operation,
    /// defaulting numeric literals like rustc.
    pub fn settle(&mut self, t: &Ty) -> Ty {
        self.types.default_numeric(t)
    }

    /// The type to decide an operation by, without fixing a numeric
    /// literal's type: an unsettled integer literal reads as `i32` here but
    /// may still become `u64` later (operations on it are deferred).
    pub fn peek(&self, t: &Ty) -> Ty {
        let s = self.types.shallow(t);
        match self.types.var_kind(&s) {
            Some(VarKind::Int) => Ty::Int(crate::ty::IntTy::I32),
            Some(VarKind::Float) => Ty::F64,
            _ => s,
        }
    }

    /// The inference variable of an unsettled integer literal type.
    pub fn int_var(&self, t: &Ty) -> Option<usize> {
        match self.types.shallow(t) {
            Ty::Var(v) if self.types.var_kind(&Ty::Var(v)) == Some(VarKind::Int) => Some(v),
            _ => None,
        }
    }

    /// Converts a Rust type written by the user.
    pub fn rust_type(&mut self, t: &syn::Type) -> syn::Result<Ty> {
        self.rust_type_inner(t)
    }

    fn rust_type_inner(&mut self, t: &syn::Type) -> syn::Result<Ty> {
        match t {
            syn::Type::Reference(r) => self.rust_type_inner(&r.elem),
            syn::Type::Paren(p) => self.rust_type_inner(&p.elem),
            syn::Type::Group(g) => self.rust_type_inner(&g.elem),
            syn::Type::Infer(_) => Ok(self.types.fresh(VarKind::Any)),
            syn::Type::Never(_) => Ok(Ty::Never),
            syn::Type::Tuple(tt) => {
                if tt.elems.is_empty() {
                    return Ok(Ty::Unit);
                }
                let mut ts = Vec::new();
                for e in &tt.elems {
                    ts.push(self.rust_type_inner(e)?);
                }
                Ok(Ty::Tuple(ts))
            }
            syn::Type::Slice(s) => Ok(Ty::Vec(Box::new(self.rust_type_inner(&s.elem)?))),
            syn::Type::Array(a) => Ok(Ty::Vec(Box::new(self.rust_type_inner(&a.elem)?))),
            syn::Type::Path(p) if p.qself.is_none() => {
                let seg = p.path.segments.last().unwrap();
                let name = seg.ident.to_string();
                let args: Vec<&syn::Type> = match &seg.arguments {
                    syn::PathArguments::AngleBracketed(a) => a
                        .args
                        .iter()
                        .filter_map(|a| {
                            if let syn::GenericArgument::Type(t) = a {
                                Some(t)
                            } else {
                                None
                            }
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                if let Some(i) = crate::ty::IntTy::from_name(&name) {
                    return Ok(Ty::Int(i));
                }
                let arg = |me: &mut Self, i: usize| -> syn::Result<Ty> {
                    match args.get(i) {
                        Some(t) => me.rust_type_inner(t),
                        None => Ok(me.types.fresh(VarKind::Any)),
                    }
                };
                Ok(match name.as_str() {
                    "f64" => Ty::F64,
                    "f32" => Ty::F32,
                    "bool" => Ty::Bool,
                    "char" => Ty::Char,
                    "str" | "String" => Ty::Str,
                    "i128" | "u128" => return unsupported(t.span(), "128-bit integers"),
                    "Vec" | "VecDeque" => Ty::Vec(Box::new(arg(self, 0)?)),
                    "Box" | "Rc" | "Arc" | "Cow" => arg(self, 0)?,
                    "Option" => {
                        let inner = arg(self, 0)?;
                        self.option_of(t.span(), inner)?
                    }
                    "Result" => Ty::Result(Box::new(arg(self, 0)?), Box::new(arg(self, 1)?)),
                    "Signal" | "RwSignal" => Ty::Signal(Box::new(arg(self, 0)?)),
                    "Event" => Ty::Event,
                    "Self" => return unsupported(t.span(), "the `Self` type"),
                    _ if self.structs.contains_key(&name) || self.enums.contains_key(&name) => {
                        Ty::Named(name)
                    }
                    _ if name.chars().next().is_some_and(|c| c.is_uppercase())
                        && args.is_empty() =>
                    {
                        Ty::Named(name)
                    }
                    _ => return unsupported(t.span(), &format!("the type `{name}`")),
                })
            }
            _ => unsupported(t.span(), "this kind of type"),
        }
    }

    /// `Option<inner>`, refusing `Option<Option<_>>`: both `None` and
    /// `Some(None)` would be `null` in JSON and in the browser. (`Option<()>`
    /// is fine in the browser, where `()` is `undefined`, not `null`.)
    pub fn option_of(&mut self, span: Span, inner: Ty) -> syn::Result<Ty> {
        if matches!(self.types.shallow(&inner), Ty::Option(_)) {
            return unsupported(
                span,
                "`Option<Option<_>>` (both `None` and `Some(None)` are `null` in JSON)",
            );
        }
        Ok(Ty::Option(Box::new(inner)))
    }
}
