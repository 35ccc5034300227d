//! Expanding `view!` (and `computed!`, `effect!`, `debounce!`) invocations
//! inside Rust code ourselves, with one shared
//! [`Generator`], instead of leaving them to the compiler.
//!
//! This is what makes a component's handlers one chunk: `#[component]`
//! expands every `view!` in its body (and every `view!` nested in those
//! views' expressions, such as rows built with `.map(|x| view! {...})`)
//! into the same chunk, then registers that chunk once.

use syn::visit_mut::VisitMut;

use super::generate::Generator;

/// Replaces `view! { ... }` with its generated code, in place.
pub struct ViewExpander<'a> {
    pub gen: &'a mut Generator,
}

fn is_view_macro(path: &syn::Path) -> bool {
    path.segments.last().is_some_and(|s| s.ident == "view")
        && (path.segments.len() == 1 || path.segments.first().is_some_and(|s| s.ident == "resuma"))
}

impl ViewExpander<'_> {
    /// The expansion of `mac` if it is one of ours: `view!`, `computed!`,
    /// `effect!`, `debounce!`.
    fn ours(&mut self, mac: &syn::Macro) -> Option<syn::Expr> {
        if is_view_macro(&mac.path) {
            return Some(self.expand(mac));
        }
        let kind = crate::reactive::Kind::of(&mac.path)?;
        let code = crate::reactive::expand_with(self.gen, kind, mac.tokens.clone());
        self.gen.last_computed = (kind == crate::reactive::Kind::Computed).then_some(());
        Some(syn::Expr::Verbatim(code))
    }

    fn expand(&mut self, mac: &syn::Macro) -> syn::Expr {
        let expr =
            match syn::parse::Parser::parse2(super::parse::parse_template, mac.tokens.clone()) {
                Ok(nodes) => self.gen.view_expr(&nodes),
                Err(err) => err.to_compile_error(),
            };
        syn::Expr::Verbatim(expr)
    }
}

impl VisitMut for ViewExpander<'_> {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::Macro(m) = expr {
            if let Some(expanded) = self.ours(&m.mac) {
                *expr = expanded;
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_stmt_mut(&mut self, stmt: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = stmt {
            if let Some(expr) = self.ours(&m.mac) {
                *stmt = syn::Stmt::Expr(expr, m.semi_token);
                return;
            }
        }
        syn::visit_mut::visit_stmt_mut(self, stmt);
    }

    // `let len = computed!(…)`: rs2js has just fixed the body's value
    // type, so later closures know `len` is a `Signal` of it.
    fn visit_local_mut(&mut self, local: &mut syn::Local) {
        syn::visit_mut::visit_local_mut(self, local);
        let computed = local.init.as_ref().is_some_and(|init| {
            matches!(&*init.expr, syn::Expr::Verbatim(_)) && self.gen.last_computed.take().is_some()
        });
        if let (true, syn::Pat::Ident(pi)) = (computed, &local.pat) {
            if let Some(t) = self.gen.last_value_type.clone() {
                let t: syn::Type = syn::parse_quote!(::resuma::Signal<#t>);
                self.gen.env.types.insert(pi.ident.to_string(), t);
            }
        }
    }

    // Items nested in a body (helper fns, other components) expand their
    // own views with their own chunk.
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}
