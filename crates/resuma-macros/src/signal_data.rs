//! `#[derive(SignalData)]`: the field types of a user's struct or enum, for
//! the translated closures of components whose signals hold it.
//!
//! A proc macro cannot read another item's definition, so the definition
//! travels the other way: the derive generates a `macro_rules!` macro with
//! the type's own name (macros live in their own namespace, so `use
//! crate::db::Todo;` imports both). When rs2js reports that a component's
//! closures use fields of types it has no definition of, `#[component]`
//! expands to a call of the first type's macro, which appends the
//! definition and calls `__component_with_types`, which calls the next
//! type's macro, and finally expands the component with all definitions.
//! So rustc supplies the real definition; a type without the derive is a
//! compile error (`cannot find macro \`User\``), which the guide explains.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream, Parser};
use syn::Token;

/// How many rounds of fetching definitions a component may take (a type's
/// fields may name further types).
const MAX_ROUNDS: u32 = 4;

pub fn derive(input: TokenStream) -> syn::Result<TokenStream> {
    let item: syn::DeriveInput = syn::parse2(input.clone())?;
    if !item.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &item.generics,
            "`SignalData` types cannot be generic: translated closures need concrete field types",
        ));
    }
    if let syn::Data::Union(u) = &item.data {
        return Err(syn::Error::new(
            u.union_token.span,
            "`SignalData` is for structs and enums (their serde JSON form crosses to the browser)",
        ));
    }
    let name = &item.ident;
    let mac = format_ident!("__resuma_signal_data_{}", name);
    Ok(quote! {
        #[doc(hidden)]
        #[allow(unused_macros)]
        macro_rules! #mac {
            ($cb:path, [$($rest:tt)*], [$($defs:tt)*], $($component:tt)*) => {
                $cb! { [$($rest)*] [$($defs)* #input] $($component)* }
            };
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        pub(crate) use #mac as #name;
    })
}

/// The call that fetches the definitions `wanted` lacks, or `None` when
/// nothing is missing (or the rounds are used up: rs2js then assumes, and
/// the assertions it asks for let rustc check).
pub fn request_missing(
    func: &syn::ItemFn,
    items: &[syn::Item],
    wanted: &BTreeSet<String>,
    round: u32,
) -> Option<TokenStream> {
    let have: BTreeSet<String> = items.iter().filter_map(item_name).collect();
    let missing: Vec<syn::Ident> = wanted
        .iter()
        .filter(|w| !have.contains(*w))
        .map(|w| format_ident!("{}", w))
        .collect();
    if missing.is_empty() || round >= MAX_ROUNDS {
        return None;
    }
    Some(call_next(func, items, &missing, round + 1))
}

fn call_next(
    func: &syn::ItemFn,
    items: &[syn::Item],
    missing: &[syn::Ident],
    round: u32,
) -> TokenStream {
    let (first, rest) = missing.split_first().expect("called with a missing type");
    quote! {
        #first! { ::resuma::__private::component_with_types, [#round; #(#rest),*], [#(#items)*], #func }
    }
}

fn item_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        _ => None,
    }
}

/// `[ROUND; REST] [DEFS] FN`: fetch the next type, or expand.
pub fn component_with_types(input: TokenStream) -> syn::Result<TokenStream> {
    let parse =
        |input: ParseStream| -> syn::Result<(u32, Vec<syn::Ident>, Vec<syn::Item>, syn::ItemFn)> {
            let rest;
            syn::bracketed!(rest in input);
            let round: syn::LitInt = rest.parse()?;
            rest.parse::<Token![;]>()?;
            let names = rest.parse_terminated(syn::Ident::parse, Token![,])?;
            let defs;
            syn::bracketed!(defs in input);
            let mut items = Vec::new();
            while !defs.is_empty() {
                items.push(defs.parse()?);
            }
            let func = input.parse()?;
            Ok((
                round.base10_parse()?,
                names.into_iter().collect(),
                items,
                func,
            ))
        };
    let (round, rest, items, func) = parse.parse2(input)?;
    if rest.is_empty() {
        crate::component::expand(func, items, round).map(one_hygiene)
    } else {
        Ok(call_next(&func, &items, &rest, round))
    }
}

/// Called from a `SignalData` macro, this macro's call site carries that
/// `macro_rules!` expansion's hygiene, unlike the user's tokens it was
/// handed; the generated code names its own locals (`__resuma_out`, …) with
/// both kinds of spans. Give every such name the call site's hygiene (at
/// its own location), so each refers to the one binding it was meant to.
fn one_hygiene(tokens: TokenStream) -> TokenStream {
    use proc_macro2::{Group, Span, TokenTree};
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Ident(mut ident) if ident.to_string().starts_with("__resuma_") => {
                ident.set_span(Span::call_site().located_at(ident.span()));
                TokenTree::Ident(ident)
            }
            TokenTree::Group(g) => {
                let mut inner = Group::new(g.delimiter(), one_hygiene(g.stream()));
                inner.set_span(g.span());
                TokenTree::Group(inner)
            }
            other => other,
        })
        .collect()
}
