//! `view!`: parse → plain AST → generate, each stage in its own file.

pub mod ast;
pub mod blocks;
pub mod component_template;
pub mod control;
pub mod derived;
pub mod expand;
pub mod generate;
pub mod parse;
pub mod template;
pub mod template_scope;

/// The `view!` entry point.
pub fn expand(input: proc_macro2::TokenStream) -> syn::Result<proc_macro2::TokenStream> {
    let nodes = syn::parse::Parser::parse2(parse::parse_template, input)?;
    Ok(generate::generate(&nodes))
}
