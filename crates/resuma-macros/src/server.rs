//! `#[server]`: an `async fn` that runs only on the server and is callable
//! from the browser (protocol.md §8).
//!
//! For `#[server] pub async fn search(q: String) -> Result<Vec<String>, ServerFnError>`
//! it generates, next to the function:
//! - on the server (`not(wasm32)`): the function itself, unchanged, so Rust
//!   code on the server calls it directly; a type naming the function,
//!   implementing `ServerFn`, for `App::register::<search>()` and
//!   `<Form action={search {}}>`; a private arguments struct that serde
//!   decodes from a body by name or by position; a `Descriptor` registered
//!   at link time with `inventory`. The type is the `pub struct Search;`
//!   given as `#[server(Search, ...)]`, or else a braced struct `search {}`
//!   with the function's name (a braced struct lives only in the type
//!   namespace, so it does not clash with the function).
//! - on `wasm32`: a function with the same signature whose body posts the
//!   arguments to the server (`resuma::server_fn::client::call`). The real
//!   body is not compiled for the browser at all.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;

mod options;

const DEFAULT_PREFIX: &str = "/_resuma/action";

pub fn expand(attr: TokenStream, func: syn::ItemFn) -> syn::Result<TokenStream> {
    let options = options::parse(attr)?;
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
    let options::Encodings {
        form,
        get,
        cbor,
        get_cbor,
    } = options.encodings;
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
    let (marker, marker_def) = marker_type(options.type_name.as_ref(), name, vis, &path)?;
    let args_ty = format_ident!("__ResumaArgs_{}", name);
    let stub_args_ty = format_ident!("__ResumaStubArgs_{}", name);
    // The stub borrows the arguments; without any, a lifetime would be unused.
    let stub_lifetime = if names.is_empty() {
        quote!()
    } else {
        quote!(<'__a>)
    };

    // The server is every target but the browser's wasm32-unknown-unknown:
    // native, and wasm32-wasip2 components (wasi:http).
    Ok(quote! {
        #[cfg(any(not(target_arch = "wasm32"), target_os = "wasi"))]
        #(#attrs)*
        #vis #sig #block

        #[cfg(all(target_arch = "wasm32", not(target_os = "wasi")))]
        #(#docs)*
        #[allow(unused_mut)]
        #vis #sig {
            #[derive(::resuma::__private::serde::Serialize)]
            #[serde(crate = "::resuma::__private::serde")]
            #[allow(non_camel_case_types)]
            struct #stub_args_ty #stub_lifetime { #(#names: &'__a #types),* }
            ::resuma::server_fn::client::call(#path, &#stub_args_ty { #(#names: &#names),* }).await
        }

        #marker_def

        #[cfg(any(not(target_arch = "wasm32"), target_os = "wasi"))]
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
                encodings: ::resuma::server_fn::__private::Encodings { form: #form, get: #get, cbor: #cbor, get_cbor: #get_cbor },
                cache_control: #cache_control,
                rate_limit: #rate_limit,
                max_body: #max_body,
                call: __resuma_call,
            };

            impl ::resuma::server_fn::ServerFn for #marker {
                const DESCRIPTOR: &'static ::resuma::server_fn::__private::Descriptor = &__RESUMA_DESCRIPTOR;
            }

            // Link-time registration natively; a wasi:http component calls
            // `App::register::<T>()`.
            #[cfg(not(target_arch = "wasm32"))]
            ::resuma::__private::inventory::submit! {
                ::resuma::server_fn::__private::Registration(&__RESUMA_DESCRIPTOR)
            }
        };
    })
}

/// The type that names the function for `App::register::<T>()` and
/// `<Form action={...}>`: the unit struct `type_name` when
/// `#[server(TypeName, ...)]` gives one, else a braced struct with the
/// function's own name. Returns the type and its definition.
fn marker_type(
    type_name: Option<&syn::Ident>,
    name: &syn::Ident,
    vis: &syn::Visibility,
    path: &str,
) -> syn::Result<(syn::Ident, TokenStream)> {
    let Some(type_name) = type_name else {
        let doc = format!(
            "Marker of the server function [`{name}()`]: `App::new().register::<{name}>()` registers it \
             explicitly, `<Form action={{{name} {{}}}}>` posts to it (served at `{path}`)."
        );
        let def = quote! {
            #[doc = #doc]
            #[allow(non_camel_case_types)]
            #vis struct #name {}
        };
        return Ok((name.clone(), def));
    };
    if type_name == name {
        return Err(syn::Error::new(
            type_name.span(),
            format!(
                "the type name `{name}` is the function's own name, and a unit struct would clash with the \
                 function; name the type differently (`AddTodo` for `fn add_todo`)"
            ),
        ));
    }
    let doc = format!(
        "The server function [`{name}()`] as a type: `App::new().register::<{type_name}>()` registers it \
         explicitly, `<Form action={{{type_name}}}>` posts to it (served at `{path}`)."
    );
    let def = quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug, Default)]
        #vis struct #type_name;
    };
    Ok((type_name.clone(), def))
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
