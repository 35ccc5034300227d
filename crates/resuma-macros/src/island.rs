//! `#[island(load = "...")]`: a component whose client side is a Wasm
//! module. On the server it renders like any component, wrapped in a
//! `<resuma-island>` element that carries the directive, the module and the
//! props (protocol.md §10); the page's boot script mounts the module when the
//! directive fires.
//!
//! The expansion rewrites the function's body to serialise its props first
//! and hand the rendered body to `::resuma::__private::island_view`, then
//! lets [`crate::component`] build the props struct and builder as usual.

use proc_macro2::TokenStream;
use quote::quote_spanned;
use syn::spanned::Spanned;

/// The directives, as listed in error messages.
const DIRECTIVES: &str = r#""visible", "idle", "load", "media(<query>)", "interaction""#;

/// The parsed attribute.
struct Options {
    /// `visible`, `idle`, `load`, `media` or `interaction`.
    load: String,
    /// The media query of `media(...)`.
    media: String,
    /// `margin = "200px"`: the root margin of `visible`.
    margin: String,
    /// `module = "name"`: the built island module; defaults to the
    /// component's name in snake_case.
    module: Option<String>,
}

fn parse_options(attr: TokenStream) -> syn::Result<Options> {
    let mut load: Option<(String, String)> = None;
    let mut margin: Option<syn::LitStr> = None;
    let mut module = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("load") {
            let lit: syn::LitStr = meta.value()?.parse()?;
            load = Some(parse_directive(&lit)?);
        } else if meta.path.is_ident("margin") {
            margin = Some(meta.value()?.parse()?);
        } else if meta.path.is_ident("module") {
            let lit: syn::LitStr = meta.value()?.parse()?;
            let name = lit.value();
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(syn::Error::new(
                    lit.span(),
                    "`module` is the island crate's library name, like \"counter_island\"",
                ));
            }
            module = Some(name);
        } else {
            return Err(meta.error("unknown `#[island]` option: use `load = \"...\"`, `margin = \"...\"` or `module = \"...\"`"));
        }
        Ok(())
    });
    syn::parse::Parser::parse2(parser, attr)?;
    let Some((load, media)) = load else {
        return Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            format!("`#[island]` needs a directive saying when the module loads: `#[island(load = \"visible\")]`; one of {DIRECTIVES}"),
        ));
    };
    if let Some(lit) = &margin {
        if load != "visible" {
            return Err(syn::Error::new(
                lit.span(),
                "`margin` only applies to `load = \"visible\"`",
            ));
        }
    }
    Ok(Options {
        load,
        media,
        margin: margin.map(|m| m.value()).unwrap_or_default(),
        module,
    })
}

/// `"visible"` → (`visible`, ``); `"media(min-width: 40em)"` → (`media`, `(min-width: 40em)`).
fn parse_directive(lit: &syn::LitStr) -> syn::Result<(String, String)> {
    let value = lit.value();
    let value = value.trim();
    if let Some(query) = value
        .strip_prefix("media(")
        .and_then(|q| q.strip_suffix(')'))
    {
        if query.trim().is_empty() {
            return Err(syn::Error::new(
                lit.span(),
                "`media(...)` needs a media query, like \"media(min-width: 40em)\"",
            ));
        }
        // matchMedia wants the feature in parentheses: `(min-width: 40em)`;
        // a query that is already a full query (`print`, `(a) and (b)`) is kept.
        let query = query.trim();
        let query = if query.contains(':') && !query.starts_with('(') {
            format!("({query})")
        } else {
            query.to_owned()
        };
        return Ok(("media".into(), query));
    }
    match value {
        "visible" | "idle" | "load" | "interaction" => Ok((value.to_owned(), String::new())),
        other => Err(syn::Error::new(
            lit.span(),
            format!("unknown island directive {other:?}: use one of {DIRECTIVES}"),
        )),
    }
}

pub fn expand(attr: TokenStream, mut func: syn::ItemFn) -> syn::Result<TokenStream> {
    let options = parse_options(attr)?;
    let mut props = Vec::new();
    for input in &func.sig.inputs {
        if let syn::FnArg::Typed(pt) = input {
            if let syn::Pat::Ident(pi) = &*pt.pat {
                if pi.ident == "children" {
                    return Err(syn::Error::new(
                        pi.ident.span(),
                        "an island cannot take `children`: its props are sent to the browser as JSON",
                    ));
                }
                props.push((pi.ident.clone(), pt.ty.span()));
            }
            // Other shapes are reported by `component::expand`.
        }
    }
    let module = options
        .module
        .unwrap_or_else(|| snake_case(&func.sig.ident.to_string()));
    let (load, media, margin) = (&options.load, &options.media, &options.margin);
    let prop_calls = props.iter().map(|(name, span)| {
        let key = name.to_string();
        // Spanned at the prop's type so "Serialize is not implemented" points there.
        quote_spanned!(*span=> .prop(#key, &#name))
    });
    let block = &func.block;
    let body: syn::Block = syn::parse_quote! {{
        static __RESUMA_ISLAND: ::resuma::__private::IslandSpec = ::resuma::__private::IslandSpec {
            module: #module,
            load: #load,
            media: #media,
            margin: #margin,
        };
        let __resuma_props = ::resuma::__private::IslandProps::new() #(#prop_calls)* .finish();
        ::resuma::__private::island_view(&__RESUMA_ISLAND, __resuma_props, #block)
    }};
    func.block = Box::new(body);
    func.sig.output = syn::parse_quote!(-> impl ::resuma::IntoView);
    crate::component::expand(func, Vec::new(), 0)
}

/// `MarkdownPreview` → `markdown_preview`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_directives() {
        assert_eq!(snake_case("MarkdownPreview"), "markdown_preview");
        assert_eq!(snake_case("counter"), "counter");
        let lit = |s: &str| syn::LitStr::new(s, proc_macro2::Span::call_site());
        assert_eq!(
            parse_directive(&lit("idle")).unwrap(),
            ("idle".into(), String::new())
        );
        assert_eq!(
            parse_directive(&lit("media(min-width: 40em)")).unwrap(),
            ("media".into(), "(min-width: 40em)".into())
        );
        assert_eq!(
            parse_directive(&lit("media(print)")).unwrap(),
            ("media".into(), "print".into())
        );
        let err = parse_directive(&lit("hover")).unwrap_err().to_string();
        assert!(
            err.contains("\"visible\", \"idle\", \"load\", \"media(<query>)\", \"interaction\""),
            "{err}"
        );
        assert!(parse_directive(&lit("media()")).is_err());
    }
}
