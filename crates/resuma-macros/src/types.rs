//! The declared types a component's closures may capture, gathered from the
//! component's signature and body for `rs2js` (its `Env`): a proc macro
//! sees no types, but it does see what the author wrote down.
//!
//! Declarations read: parameters (`count: Signal<u32>`, `start: i32`),
//! annotated lets (`let s: Signal<T> = …`, `let n: u32 = …`), and signals
//! whose initial value says its type: `use_signal::<T>(…)`, a suffixed
//! literal (`use_signal(2u32)`), a bool, char or string (`String::new()`,
//! `"…".to_string()`), a struct literal, or a parameter of known type
//! (`use_signal(start)`). An unsuffixed `use_signal(0)` declares nothing:
//! rustc may infer another integer type from later uses, so rs2js assumes
//! and the macro's assertion lets rustc decide.

use std::collections::HashMap;

use syn::visit::Visit;

/// Name → declared type, in the order the body declares them (a later
/// declaration of the same name wins, as shadowing does).
pub fn declared_types(func: &syn::ItemFn) -> HashMap<String, syn::Type> {
    let mut found = Declarations::default();
    for input in &func.sig.inputs {
        if let syn::FnArg::Typed(pt) = input {
            if let syn::Pat::Ident(pi) = &*pt.pat {
                found.types.insert(pi.ident.to_string(), (*pt.ty).clone());
            }
        }
    }
    found.visit_block(&func.block);
    found.types
}

#[derive(Default)]
struct Declarations {
    types: HashMap<String, syn::Type>,
}

impl<'a> Visit<'a> for Declarations {
    fn visit_local(&mut self, local: &'a syn::Local) {
        let (name, annotated) = match &local.pat {
            syn::Pat::Ident(pi) => (pi.ident.to_string(), None),
            syn::Pat::Type(pt) => match &*pt.pat {
                syn::Pat::Ident(pi) => (pi.ident.to_string(), Some((*pt.ty).clone())),
                _ => return syn::visit::visit_local(self, local),
            },
            _ => return syn::visit::visit_local(self, local),
        };
        let inferred = local
            .init
            .as_ref()
            .and_then(|init| self.signal_type(&init.expr));
        match annotated.or(inferred) {
            Some(t) => {
                self.types.insert(name, t);
            }
            // A new binding without a known type hides an older one.
            None => {
                self.types.remove(&name);
            }
        }
        syn::visit::visit_local(self, local);
    }

    // Closures and nested items declare their own names.
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_item(&mut self, _: &'a syn::Item) {}
}

impl Declarations {
    /// `Signal<T>` if `expr` is a `use_signal` call whose `T` is written down.
    fn signal_type(&self, expr: &syn::Expr) -> Option<syn::Type> {
        let syn::Expr::Call(call) = expr else {
            return None;
        };
        let syn::Expr::Path(f) = &*call.func else {
            return None;
        };
        let last = f.path.segments.last()?;
        if last.ident != "use_signal" {
            return None;
        }
        let inner = match &last.arguments {
            syn::PathArguments::AngleBracketed(a) => match a.args.first()? {
                syn::GenericArgument::Type(t) => Some(t.clone()),
                _ => None,
            },
            _ => call.args.first().and_then(|arg| self.value_type(arg)),
        }?;
        Some(syn::parse_quote!(::resuma::Signal<#inner>))
    }

    /// The type of an initial value, when it is written in the value itself.
    fn value_type(&self, expr: &syn::Expr) -> Option<syn::Type> {
        match expr {
            syn::Expr::Lit(lit) => match &lit.lit {
                syn::Lit::Int(i) if !i.suffix().is_empty() => syn::parse_str(i.suffix()).ok(),
                syn::Lit::Float(f) if !f.suffix().is_empty() => syn::parse_str(f.suffix()).ok(),
                syn::Lit::Bool(_) => Some(syn::parse_quote!(bool)),
                syn::Lit::Char(_) => Some(syn::parse_quote!(char)),
                _ => None,
            },
            syn::Expr::Struct(s) if s.qself.is_none() => {
                let path = &s.path;
                Some(syn::parse_quote!(#path))
            }
            syn::Expr::Path(p) => {
                let name = p.path.get_ident()?.to_string();
                self.types.get(&name).cloned()
            }
            syn::Expr::Call(call) => {
                let syn::Expr::Path(f) = &*call.func else {
                    return None;
                };
                let names: Vec<String> = f
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                matches!(names.as_slice(), ["String", "new" | "from"])
                    .then(|| syn::parse_quote!(String))
            }
            syn::Expr::MethodCall(m)
                if matches!(
                    m.method.to_string().as_str(),
                    "to_string" | "to_owned" | "into"
                ) && matches!(&*m.receiver, syn::Expr::Lit(l) if matches!(l.lit, syn::Lit::Str(_))) =>
            {
                // `"…".into()` could be another type; `to_string`/`to_owned` cannot.
                (m.method != "into").then(|| syn::parse_quote!(String))
            }
            _ => None,
        }
    }
}
