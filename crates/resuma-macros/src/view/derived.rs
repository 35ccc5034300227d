//! Derived views (protocol.md §14): `{move || expr}` and bare expressions
//! that read a signal, in text position or as an attribute value. The
//! server evaluates the body once and writes its real value; the body is
//! translated by `rs2js` into the view's chunk, and the marker names it and
//! the ids of what it captures, so the browser re-evaluates it whenever one
//! of those signals changes.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::generate::Generator;

/// The signals `expr` reads, as written: every `NAME.get()` and
/// `NAME.with(..)` on a plain variable, each name once, in order of first
/// use. This is the rule that makes a bare expression reactive and that
/// `computed!`'s dependency list is checked against; names bound inside
/// `expr` itself (closure parameters) are not reads of outer signals.
pub fn signal_reads(expr: &syn::Expr) -> Vec<syn::Ident> {
    struct Reads {
        found: Vec<syn::Ident>,
        bound: Vec<String>,
    }
    impl<'a> syn::visit::Visit<'a> for Reads {
        fn visit_expr_method_call(&mut self, call: &'a syn::ExprMethodCall) {
            let reads = (call.method == "get" && call.args.is_empty())
                || (call.method == "with" && call.args.len() == 1);
            if let (true, syn::Expr::Path(p)) = (reads, &*call.receiver) {
                if let Some(name) = p.path.get_ident() {
                    if !self.bound.contains(&name.to_string()) && !self.found.contains(name) {
                        self.found.push(name.clone());
                    }
                }
            }
            syn::visit::visit_expr_method_call(self, call);
        }
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            self.bound.push(p.ident.to_string());
        }
        // `format!("{}", x.get())` and the like: their arguments are
        // expressions. A nested `view!` or `js!` is not read here.
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            if mac.path.is_ident("view") || mac.path.is_ident("js") {
                return;
            }
            let args = mac.parse_body_with(
                syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
            );
            for arg in args.iter().flatten() {
                syn::visit::Visit::visit_expr(self, arg);
            }
        }
    }
    let mut reads = Reads {
        found: Vec::new(),
        bound: Vec::new(),
    };
    syn::visit::Visit::visit_expr(&mut reads, expr);
    reads.found
}

/// The derived closure of a text or attribute expression, if it is one: a
/// `move ||` closure as written, or a bare expression reading a signal
/// wrapped into one. Anything else stays static.
pub fn derived_closure(expr: &syn::Expr) -> Option<syn::ExprClosure> {
    match expr {
        syn::Expr::Closure(c) if c.inputs.is_empty() => Some(c.clone()),
        _ if !signal_reads(expr).is_empty() => {
            Some(syn::parse_quote_spanned!(expr.span()=> move || #expr))
        }
        _ => None,
    }
}

/// Where a derived value is written.
pub enum Place<'a> {
    Text,
    Attr(&'a str),
}

impl Generator {
    /// A derived text or attribute value: the server writes `closure()` and
    /// the marker (text) or `data-r-d` entry (attribute) naming the body.
    pub fn derived(&mut self, closure: &syn::ExprClosure, place: Place<'_>) {
        self.flush_pending();
        let (symbol, captures) = match self.translate(closure) {
            Ok(done) => done,
            Err(err) => {
                let err = syn::Error::new(
                    err.span(),
                    format!("{err} (this value reads a signal, so the browser re-evaluates it: it must be translatable, see the guide's \"Derived views\")"),
                );
                self.push_stmt(err.to_compile_error());
                return;
            }
        };
        let ids: Vec<TokenStream> = captures.iter().map(|c| self.capture_id(&c.name)).collect();
        // The row item is captured as `~` (checked by `<For>` itself), not
        // stored: no `Copy` check, and the closure gets a clone so the rest
        // of the row can still use the item.
        let item = self.block.item.clone();
        let checks: Vec<TokenStream> = captures
            .iter()
            .filter(|c| Some(&c.name) != item.as_ref())
            .map(rs2js::Capture::checks)
            .collect();
        let rebind_item = item
            .filter(|item| captures.iter().any(|c| &c.name == item))
            .map(|item| quote!(let #item = ::core::clone::Clone::clone(&#item);));
        let body = quote!(::resuma::__private::Body { chunk: __RESUMA_CHUNK, symbol: #symbol, ids: &__resuma_ids });
        let write = match place {
            Place::Text => quote_spanned!(closure.span()=>
                ::resuma::__private::derived_text(__resuma_out, #body, #closure)),
            Place::Attr(name) => quote_spanned!(closure.span()=>
                ::resuma::__private::derived_attr(__resuma_out, #name, #body, #closure)),
        };
        self.push_stmt(quote! {
            {
                let __resuma_ids = [#(#ids),*];
                #(#checks)*
                #rebind_item
                #write;
            }
        });
    }
}
