//! Expanding `view!` invocations inside Rust code ourselves, with one shared
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
            if is_view_macro(&m.mac.path) {
                *expr = self.expand(&m.mac);
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_stmt_mut(&mut self, stmt: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = stmt {
            if is_view_macro(&m.mac.path) {
                let expr = self.expand(&m.mac);
                *stmt = syn::Stmt::Expr(expr, m.semi_token);
                return;
            }
        }
        syn::visit_mut::visit_stmt_mut(self, stmt);
    }

    // Items nested in a body (helper fns, other components) expand their
    // own views with their own chunk.
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}
