//! `#[server]`: an `async fn` that runs only on the server and is callable
//! from the browser (protocol.md §8).
//!
//! For `#[server] pub async fn search(q: String) -> Result<Vec<String>, ServerFnError>`
//! it generates, next to the function:
//! - on the server (`not(wasm32)`): the function itself, unchanged, so Rust
//!   code on the server calls it directly; a marker type `search` (a braced
//!   struct lives only in the type namespace, so it does not clash with the
//!   function) implementing `ServerFn`, for `App::register::<search>()`; a
//!   private arguments struct that serde decodes from a body by name or by
//!   position; a `Descriptor` registered at link time with `inventory`.
//! - on `wasm32`: a function with the same signature whose body posts the
//!   arguments to the server (`resuma::server_fn::client::call`). The real
//!   body is not compiled for the browser at all.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::spanned::Spanned;

const DEFAULT_PREFIX: &str = "/_resuma/action";

#[derive(Default)]
struct Options {
    prefix: Option<String>,
    endpoint: Option<String>,
    form: bool,
    get: bool,
    cbor: bool,
    cache_control: Option<String>,
    rate_limit: Option<String>,
    max_body: Option<usize>,
    /// `read_only`: the author states the function changes nothing (required
    /// with `encoding = "get"`).
    read_only: bool,
    /// Where `get` was asked for, for the error when `read_only` is missing.
    get_span: Option<proc_macro2::Span>,
}

fn parse_options(attr: TokenStream) -> syn::Result<Options> {
    let mut o = Options::default();
    let parser = syn::meta::parser(|meta| {
        let key = meta
            .path
            .get_ident()
            .map(|i| i.to_string())
            .unwrap_or_default();
        let string = |meta: &syn::meta::ParseNestedMeta| -> syn::Result<syn::LitStr> {
            meta.value()?.parse()
        };
        match key.as_str() {
            "prefix" => {
                let lit = string(&meta)?;
                let v = lit.value();
                if !v.starts_with('/') || v.contains(['{', '}', '*', '?', '#']) {
                    return Err(syn::Error::new(lit.span(), "`prefix` is a URL path starting with `/`, like \"/api\""));
                }
                o.prefix = Some(v);
            }
            "endpoint" => {
                let lit = string(&meta)?;
                let v = lit.value();
                if v.trim_matches('/').is_empty() || v.contains(['{', '}', '*', '?', '#', ' ']) {
                    return Err(syn::Error::new(lit.span(), "`endpoint` is a path below the prefix, like \"search\" or \"v2/search\""));
                }
                o.endpoint = Some(v);
            }
            "encoding" => {
                let lit = string(&meta)?;
                for part in lit.value().split(',').map(str::trim) {
                    match part.to_ascii_lowercase().as_str() {
                        "json" => {}
                        "form" | "url" | "form-urlencoded" => o.form = true,
                        "get" | "query" | "get-query" => {
                            o.get = true;
                            o.get_span = Some(lit.span());
                        }
                        "cbor" => o.cbor = true,
                        _ => {
                            return Err(syn::Error::new(
                                lit.span(),
                                format!("unknown encoding {part:?}: use \"json\" (the default), \"form\", \"get\" or \"cbor\", comma-separated"),
                            ))
                        }
                    }
                }
            }
            "cache_control" => o.cache_control = Some(string(&meta)?.value()),
            "rate_limit" => {
                let lit = string(&meta)?;
                let v = lit.value();
                if v != "off" && !valid_rate(&v) {
                    return Err(syn::Error::new(lit.span(), "`rate_limit` is \"N/s\", \"N/min\", \"N/h\" or \"off\""));
                }
                o.rate_limit = Some(v);
            }
            "max_body" => {
                let lit: syn::LitInt = meta.value()?.parse()?;
                o.max_body = Some(lit.base10_parse()?);
            }
            "read_only" => o.read_only = true,
            _ => {
                return Err(meta.error(
                    "unknown `#[server]` option: use `prefix`, `endpoint`, `encoding`, `cache_control`, `rate_limit`, `max_body` or `read_only`",
                ))
            }
        }
        Ok(())
    });
    syn::parse::Parser::parse2(parser, attr)?;
    if let (Some(span), false) = (o.get_span, o.read_only) {
        return Err(syn::Error::new(
            span,
            "`encoding = \"get\"` answers GET requests, which skip the Origin and CSRF checks (links, \
             prefetches and caches send them) while the function still sees the caller's session: it must \
             change nothing. Say so with `read_only`: `#[server(encoding = \"get\", read_only)]`",
        ));
    }
    Ok(o)
}

fn valid_rate(v: &str) -> bool {
    match v.split_once('/') {
        Some((n, unit)) => {
            n.parse::<u32>().is_ok_and(|n| (1..=1_000_000).contains(&n))
                && matches!(unit, "s" | "min" | "h")
        }
        None => false,
    }
}

pub fn expand(attr: TokenStream, func: syn::ItemFn) -> syn::Result<TokenStream> {
    let options = parse_options(attr)?;
    let sig = &func.sig;
    if sig.asyncness.is_none() {
        return Err(syn::Error::new(
            sig.fn_token.span(),
            "a `#[server]` function must be `async fn`: it is called over the network",
        ));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        return Err(syn::Error::new(
            sig.generics.span(),
            "a `#[server]` function cannot be generic: its arguments are decoded from a request",
        ));
    }
    if let syn::ReturnType::Default = sig.output {
        return Err(syn::Error::new(
            sig.span(),
            "a `#[server]` function returns `Result<T, ServerFnError>` (T: Serialize), so failures reach the caller",
        ));
    }
    let mut names = Vec::new();
    let mut types = Vec::new();
    for input in &sig.inputs {
        let syn::FnArg::Typed(pt) = input else {
            return Err(syn::Error::new(
                input.span(),
                "a `#[server]` function is a free function: remove `self`",
            ));
        };
        let syn::Pat::Ident(pi) = &*pt.pat else {
            return Err(syn::Error::new(
                pt.pat.span(),
                "`#[server]` arguments must be plain names (`q: String`): they are sent by name",
            ));
        };
        if pi.by_ref.is_some() || pi.subpat.is_some() {
            return Err(syn::Error::new(
                pt.pat.span(),
                "`#[server]` arguments must be plain names (`q: String`)",
            ));
        }
        if let syn::Type::Reference(r) = &*pt.ty {
            return Err(syn::Error::new(
                r.span(),
                "`#[server]` arguments are decoded from the request, so they must be owned types (`String`, not `&str`)",
            ));
        }
        if pi.ident.to_string().starts_with('_') {
            return Err(syn::Error::new(pi.ident.span(), "`#[server]` argument names must not start with `_`: those form fields are Resuma's (`_csrf`)"));
        }
        names.push(pi.ident.clone());
        types.push((*pt.ty).clone());
    }

    let name = &sig.ident;
    let vis = &func.vis;
    let name_str = name.to_string();
    let prefix = options
        .prefix
        .clone()
        .unwrap_or_else(|| DEFAULT_PREFIX.to_owned());
    let endpoint = options.endpoint.clone().unwrap_or_else(|| name_str.clone());
    let path = format!(
        "{}/{}",
        prefix.trim_end_matches('/'),
        endpoint.trim_start_matches('/')
    );
    let param_strs: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let expecting = format!(
        "the arguments of `{name_str}` ({}), as a JSON object by name or an array by position",
        names
            .iter()
            .zip(&types)
            .map(|(n, t)| format!("{n}: {}", quote!(#t).to_string().replace(' ', "")))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (form, get, cbor) = (options.form, options.get, options.cbor);
    let opt_str = |o: &Option<String>| match o {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    };
    let cache_control = opt_str(&options.cache_control);
    let rate_limit = opt_str(&options.rate_limit);
    let max_body = match options.max_body {
        Some(n) => quote!(::core::option::Option::Some(#n)),
        None => quote!(::core::option::Option::None),
    };
    let docs: Vec<_> = func
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .collect();
    let attrs = &func.attrs;
    let block = &func.block;
    let marker_doc = format!(
        "Marker of the server function [`{name_str}()`]: `App::new().register::<{name_str}>()` registers it \
         explicitly (served at `{path}`)."
    );
    let args_ty = format_ident!("__ResumaArgs_{}", name);
    let stub_args_ty = format_ident!("__ResumaStubArgs_{}", name);
    let _ = Span::call_site();

    Ok(quote! {
        #[cfg(not(target_arch = "wasm32"))]
        #(#attrs)*
        #vis #sig #block

        #[cfg(target_arch = "wasm32")]
        #(#docs)*
        #[allow(unused_variables)]
        #vis #sig {
            #[derive(::resuma::__private::serde::Serialize)]
            #[serde(crate = "::resuma::__private::serde")]
            #[allow(non_camel_case_types)]
            struct #stub_args_ty<'__a> { #(#names: &'__a #types),* }
            ::resuma::server_fn::client::call(#path, &#stub_args_ty { #(#names: &#names),* }).await
        }

        #[doc = #marker_doc]
        #[allow(non_camel_case_types)]
        #vis struct #name {}

        #[cfg(not(target_arch = "wasm32"))]
        const _: () = {
            #[derive(::resuma::__private::serde::Deserialize)]
            #[serde(crate = "::resuma::__private::serde", deny_unknown_fields, expecting = #expecting)]
            #[allow(non_camel_case_types)]
            struct #args_ty { #(#names: #types),* }

            fn __resuma_call(call: ::resuma::server_fn::__private::Call) -> ::resuma::server_fn::__private::Reply {
                ::resuma::server_fn::__private::run(call, &[#(#param_strs),*], |__args: #args_ty| #name(#(__args.#names),*))
            }

            static __RESUMA_DESCRIPTOR: ::resuma::server_fn::__private::Descriptor = ::resuma::server_fn::__private::Descriptor {
                name: #name_str,
                path: #path,
                params: &[#(#param_strs),*],
                encodings: ::resuma::server_fn::__private::Encodings { form: #form, get: #get, cbor: #cbor },
                cache_control: #cache_control,
                rate_limit: #rate_limit,
                max_body: #max_body,
                call: __resuma_call,
            };

            impl ::resuma::server_fn::ServerFn for #name {
                const DESCRIPTOR: &'static ::resuma::server_fn::__private::Descriptor = &__RESUMA_DESCRIPTOR;
            }

            ::resuma::__private::inventory::submit! {
                ::resuma::server_fn::__private::Registration(&__RESUMA_DESCRIPTOR)
            }
        };
    })
}

/// How `view!` type-checks a handler that awaits a server function. Such a
/// handler is written as a plain closure (`move |_| { f().await; }`: rs2js
/// makes the JS arrow `async` by itself), which is not valid Rust as is; so
/// the copy that rustc checks gets `async` added. Returns the closure to
/// check and whether it is async.
pub fn checkable_handler(closure: &syn::ExprClosure) -> (syn::ExprClosure, bool) {
    struct FindAwait(bool);
    impl<'a> syn::visit::Visit<'a> for FindAwait {
        fn visit_expr_await(&mut self, _: &'a syn::ExprAwait) {
            self.0 = true;
        }
        // An `async` block or closure inside awaits for itself.
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    }
    let mut find = FindAwait(false);
    syn::visit::Visit::visit_expr(&mut find, &closure.body);
    let mut checked = closure.clone();
    if find.0 && checked.asyncness.is_none() {
        checked.asyncness = Some(syn::token::Async(closure.or1_token.span));
    }
    let is_async = checked.asyncness.is_some();
    (checked, is_async)
}
