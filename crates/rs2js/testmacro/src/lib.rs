//! `handler!(closure)` translates the closure with rs2js at compile time.
//! On success it expands to a `&'static str` of the JS; on failure to the
//! translator's error, at the span it names. rs2js's trybuild tests use it
//! to check the wording and position of every "cannot translate" error.

use proc_macro::TokenStream;

/// Translates a handler closure; expands to a block running the captures'
/// compile-time checks and evaluating to the JS source as a string.
#[proc_macro]
pub fn handler(input: TokenStream) -> TokenStream {
    let closure = syn::parse_macro_input!(input as syn::ExprClosure);
    match rs2js::translate_handler(&closure) {
        Ok(h) => {
            let js = h.js;
            let checks = h.captures.iter().map(|c| c.checks());
            quote::quote!({ #(#checks)* #js }).into()
        }
        Err(e) => e.to_compile_error().into(),
    }
}
