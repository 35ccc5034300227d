//! `#[component]`: a function with typed parameters becomes a component with
//! a props struct and a builder that checks required props at compile time.
//!
//! For `fn Counter(start: i32, #[prop(default = 1)] step: i32)` it generates
//! `CounterProps`, `CounterPropsBuilder<S0>` (one type parameter per required
//! prop, `Unset` until given, then `Set<T>`), and one marker trait per
//! required prop whose `on_unimplemented` message names the missing prop.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;

struct PropDef {
    name: syn::Ident,
    ty: syn::Type,
    docs: Vec<syn::Attribute>,
    kind: PropKind,
    into: bool,
}

enum PropKind {
    Required,
    Default(Box<syn::Expr>),
    Optional,
    Children,
}

/// Expand `func`; `items` are the definitions of the user types its
/// signals hold that earlier rounds fetched (crate::signal_data), `round`
/// how many rounds there were.
pub fn expand(func: syn::ItemFn, items: Vec<syn::Item>, round: u32) -> syn::Result<TokenStream> {
    if !func.sig.generics.params.is_empty() {
        return Err(syn::Error::new(
            func.sig.generics.span(),
            "components cannot be generic yet: use concrete prop types",
        ));
    }
    if func.sig.asyncness.is_some() {
        return Err(syn::Error::new(
            func.sig.asyncness.span(),
            "components run synchronously during the render: remove `async`",
        ));
    }
    let props = func
        .sig
        .inputs
        .iter()
        .map(prop_def)
        .collect::<syn::Result<Vec<_>>>()?;
    let vis = &func.vis;
    let name = &func.sig.ident;
    let props_name = format_ident!("{}Props", name);
    let builder_name = format_ident!("{}PropsBuilder", name);
    let fn_docs: Vec<_> = func
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .collect();
    let other_attrs: Vec<_> = func
        .attrs
        .iter()
        .filter(|a| !a.path().is_ident("doc"))
        .collect();
    let output = &func.sig.output;
    // Expand the body's `view!`s here, with one generator, so the whole
    // component's handlers form one chunk (protocol.md §4).
    let mut body = (*func.block).clone();
    let mut gen = crate::view::generate::Generator::default();
    gen.env.types = crate::types::declared_types(&func);
    gen.env.items = items.clone();
    syn::visit_mut::VisitMut::visit_block_mut(
        &mut crate::view::expand::ViewExpander { gen: &mut gen },
        &mut body,
    );
    // Closures used fields of types rs2js has no definition of: fetch them
    // (their `#[derive(SignalData)]` macros) and expand again.
    if let Some(request) = crate::signal_data::request_missing(&func, &items, &gen.wanted, round) {
        return Ok(request);
    }
    // The template the browser renders the component from inside rows and
    // branches, when it has one (crate::view::component_template).
    let template = crate::view::component_template::compile(&mut gen, &func);
    let (name_const, registration, main, mut chunks) = match gen.finish_chunk() {
        Ok(Some(code)) => {
            let source = code.source_expr();
            let main = Some(code.name().to_owned());
            (code.name_const(), code.registration(), main, vec![source])
        }
        Ok(None) => (quote!(), quote!(), None, Vec::new()),
        Err(error) => (error, quote!(), None, Vec::new()),
    };
    let browser_template = match template.map(|t| (t.chunk(main.as_deref()), t.events)) {
        Some((Ok(code), events)) => {
            chunks.push(code.source_expr());
            let reference = format!("{}#h0", code.name());
            let registration = code.registration();
            quote! {
                impl ::resuma::__private::BrowserTemplate for #props_name {
                    const TEMPLATE: &'static str = #reference;
                    const EVENTS: &'static [&'static str] = &[#(#events),*];
                }
                #registration
            }
        }
        // A template whose JavaScript does not check is left out rather
        // than failing a component that may never be used in a row.
        Some((Err(_), _)) | None => quote!(),
    };
    let chunks = quote!(&[#(&#chunks),*]);

    let required: Vec<&PropDef> = props
        .iter()
        .filter(|p| matches!(p.kind, PropKind::Required))
        .collect();
    let params: Vec<syn::Ident> = (0..required.len())
        .map(|i| format_ident!("__S{}", i))
        .collect();
    let field_names: Vec<&syn::Ident> = props.iter().map(|p| &p.name).collect();

    let struct_fields = props.iter().map(|p| {
        let (n, t, docs) = (&p.name, &p.ty, &p.docs);
        quote!(#(#docs)* pub #n: #t,)
    });
    let builder_fields = props.iter().map(|p| {
        let (n, t) = (&p.name, &p.ty);
        match required.iter().position(|r| r.name == p.name) {
            Some(i) => {
                let s = &params[i];
                quote!(#n: #s,)
            }
            None => quote!(#n: ::core::option::Option<#t>,),
        }
    });
    let unset = params.iter().map(|_| quote!(::resuma::__private::Unset));
    let builder_init = props.iter().map(|p| {
        let n = &p.name;
        if matches!(p.kind, PropKind::Required) {
            quote!(#n: ::resuma::__private::Unset,)
        } else {
            quote!(#n: ::core::option::Option::None,)
        }
    });

    let setters = props.iter().map(|p| {
        let n = &p.name;
        // An optional `Option<T>` prop is set with a plain `T`.
        let (t, wrap) = match (&p.kind, option_inner(&p.ty)) {
            (PropKind::Optional, Some(inner)) => (inner, true),
            _ => (&p.ty, false),
        };
        let (arg_ty, convert) = if p.into {
            (
                quote!(impl ::core::convert::Into<#t>),
                quote!(::core::convert::Into::into(value)),
            )
        } else {
            (quote!(#t), quote!(value))
        };
        let doc = format!("Set the `{n}` prop.");
        match required.iter().position(|r| r.name == p.name) {
            Some(i) => {
                let out_params = params.iter().enumerate().map(|(j, s)| {
                    if j == i {
                        quote!(::resuma::__private::Set<#t>)
                    } else {
                        quote!(#s)
                    }
                });
                let moves = props.iter().map(|q| {
                    let qn = &q.name;
                    if q.name == p.name {
                        quote!(#qn: ::resuma::__private::Set(#convert),)
                    } else {
                        quote!(#qn: self.#qn,)
                    }
                });
                quote! {
                    #[doc = #doc]
                    pub fn #n(self, value: #arg_ty) -> #builder_name<#(#out_params),*> {
                        #builder_name { #(#moves)* }
                    }
                }
            }
            None => {
                let convert = if wrap {
                    quote!(::core::option::Option::Some(#convert))
                } else {
                    convert
                };
                quote! {
                #[doc = #doc]
                pub fn #n(mut self, value: #arg_ty) -> Self {
                    self.#n = ::core::option::Option::Some(#convert);
                    self
                }
                }
            }
        }
    });

    let marker_traits = required.iter().map(|p| {
        let (n, t) = (&p.name, &p.ty);
        let trait_name = required_trait(name, n);
        let message = format!("missing required prop `{n}` on `<{name}>`");
        let label = format!("add `{n}={{...}}` to this `<{name}>`");
        quote! {
            #[doc(hidden)]
            #[allow(non_camel_case_types)]
            #[diagnostic::on_unimplemented(message = #message, label = #label)]
            #vis trait #trait_name { fn __take(self) -> #t; }
            impl #trait_name for ::resuma::__private::Set<#t> { fn __take(self) -> #t { self.0 } }
        }
    });
    let bounds = required.iter().zip(&params).map(|(p, s)| {
        let t = required_trait(name, &p.name);
        quote!(#s: #t)
    });
    let build_fields = props.iter().map(|p| {
        let n = &p.name;
        match &p.kind {
            PropKind::Required => {
                let t = required_trait(name, n);
                quote!(#n: #t::__take(self.#n),)
            }
            PropKind::Default(expr) => quote!(#n: self.#n.unwrap_or_else(|| #expr),),
            PropKind::Optional | PropKind::Children => quote!(#n: self.#n.unwrap_or_default(),),
        }
    });

    let props_doc = format!("Props of [`{name}`]; build them with [`{props_name}::builder`].");
    let builder_doc =
        format!("Builder of [`{props_name}`]; `build()` compiles once every required prop is set.");
    Ok(quote! {
        #[doc = #props_doc]
        #vis struct #props_name { #(#struct_fields)* }

        #[doc = #builder_doc]
        #vis struct #builder_name<#(#params),*> { #(#builder_fields)* }

        impl #props_name {
            /// The component's handler chunks, for registering them by hand
            /// with `App::register_chunks` on targets without link-time
            /// registration.
            #vis const CHUNKS: &'static [&'static ::resuma::__private::ChunkSource] = #chunks;

            /// Start building the props.
            #vis fn builder() -> #builder_name<#(#unset),*> {
                #builder_name { #(#builder_init)* }
            }
        }

        impl<#(#params),*> #builder_name<#(#params),*> {
            #(#setters)*
        }

        #(#marker_traits)*

        #registration
        #browser_template

        impl<#(#params),*> #builder_name<#(#params),*> {
            /// Finish the props. The bounds sit on the method (not the impl)
            /// so a missing prop reports the marker trait's message, which
            /// names the prop.
            #vis fn build(self) -> #props_name where #(#bounds),* {
                #props_name { #(#build_fields)* }
            }
        }

        #(#fn_docs)*
        #(#other_attrs)*
        #[allow(non_snake_case)]
        #vis fn #name(props: #props_name) #output {
            #name_const
            let #props_name { #(#field_names),* } = props;
            #body
        }
    })
}

/// `Option<T>` → `T`.
fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(tp) = ty else { return None };
    let last = tp.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

fn required_trait(component: &syn::Ident, prop: &syn::Ident) -> syn::Ident {
    format_ident!("__{}_requires_{}", component, prop)
}

fn prop_def(arg: &syn::FnArg) -> syn::Result<PropDef> {
    let syn::FnArg::Typed(pat_type) = arg else {
        return Err(syn::Error::new(
            arg.span(),
            "a component is a plain function: remove `self`",
        ));
    };
    let syn::Pat::Ident(pat) = &*pat_type.pat else {
        return Err(syn::Error::new(
            pat_type.pat.span(),
            "component props must be plain names (`start: i32`), not patterns",
        ));
    };
    let name = pat.ident.clone();
    let ty = (*pat_type.ty).clone();
    let docs = pat_type
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .cloned()
        .collect();
    let mut kind = if name == "children" {
        PropKind::Children
    } else {
        PropKind::Required
    };
    let mut into = false;
    for attr in &pat_type.attrs {
        if attr.path().is_ident("doc") {
            continue;
        }
        if !attr.path().is_ident("prop") {
            return Err(syn::Error::new(
                attr.span(),
                "only `#[prop(...)]` and doc comments are allowed on component props",
            ));
        }
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("default") {
                kind = PropKind::Default(Box::new(meta.value()?.parse()?));
            } else if meta.path.is_ident("optional") {
                kind = PropKind::Optional;
            } else if meta.path.is_ident("into") {
                into = true;
            } else {
                return Err(
                    meta.error("unknown prop option: use `default = EXPR`, `optional` or `into`")
                );
            }
            Ok(())
        })?;
    }
    Ok(PropDef {
        name,
        ty,
        docs,
        kind,
        into,
    })
}
