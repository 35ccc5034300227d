//! `computed!`, `effect!` and `debounce!` (protocol.md §14).
//!
//! Each takes a dependency list and a closure. The closure is translated by
//! `rs2js` into the chunk of the enclosing component (or a chunk of its own
//! outside one); the server records it as one of the page's reactions, with
//! the ids of the dependencies, and a computed's body is also evaluated on
//! the server for its first value. The list is checked against what the
//! body reads (`NAME.get()`, `NAME.with(..)`): a read signal missing from it
//! is a compile error naming it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::Token;

use crate::view::derived::signal_reads;
use crate::view::generate::Generator;

/// Which of the three macros.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Computed,
    Effect,
    Debounce,
}

impl Kind {
    /// The macro's kind if `path` names one of them (`computed!` or
    /// `resuma::computed!`).
    pub fn of(path: &syn::Path) -> Option<Kind> {
        let last = path.segments.last()?;
        let plain = path.segments.len() == 1
            || (path.segments.len() == 2 && path.segments[0].ident == "resuma");
        if !plain {
            return None;
        }
        match last.ident.to_string().as_str() {
            "computed" => Some(Kind::Computed),
            "effect" => Some(Kind::Effect),
            "debounce" => Some(Kind::Debounce),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Computed => "computed",
            Kind::Effect => "effect",
            Kind::Debounce => "debounce",
        }
    }
}

/// `[DEPS], CLOSURE`, after `MS,` for `debounce!`.
struct Input {
    wait_ms: Option<syn::LitInt>,
    deps: Vec<syn::Ident>,
    closure: syn::ExprClosure,
}

fn parse_input(kind: Kind, input: ParseStream) -> syn::Result<Input> {
    let usage = match kind {
        Kind::Debounce => "write `debounce!(300, [query], move || ...)`: the wait in milliseconds, the signals it follows, the closure",
        Kind::Computed => "write `computed!([a, b], move || ...)`: the signals it reads, then the closure",
        Kind::Effect => "write `effect!([a, b], move || ...)`: the signals it follows, then the closure",
    };
    let fail = |span: proc_macro2::Span| syn::Error::new(span, usage);
    let wait_ms = if kind == Kind::Debounce {
        let ms: syn::LitInt = input.parse().map_err(|e| fail(e.span()))?;
        ms.base10_parse::<u32>().map_err(|_| {
            syn::Error::new(
                ms.span(),
                "the wait is a whole number of milliseconds, e.g. `300`",
            )
        })?;
        input.parse::<Token![,]>().map_err(|e| fail(e.span()))?;
        Some(ms)
    } else {
        None
    };
    let list;
    syn::bracketed!(list in input);
    let deps = list
        .parse_terminated(syn::Ident::parse, Token![,])
        .map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("the dependency list holds signal names: {usage}"),
            )
        })?
        .into_iter()
        .collect();
    input.parse::<Token![,]>().map_err(|e| fail(e.span()))?;
    let closure = match input.parse::<syn::Expr>()? {
        syn::Expr::Closure(c) if c.inputs.is_empty() => c,
        other => return Err(fail(other.span())),
    };
    let _ = input.parse::<Option<Token![,]>>()?;
    if !input.is_empty() {
        return Err(fail(input.span()));
    }
    Ok(Input {
        wait_ms,
        deps,
        closure,
    })
}

/// A signal the body reads that the list does not name.
fn check_deps(kind: Kind, input: &Input) -> syn::Result<()> {
    for read in signal_reads(&input.closure.body) {
        if !input.deps.contains(&read) {
            let mut list: Vec<String> = input.deps.iter().map(ToString::to_string).collect();
            list.push(read.to_string());
            return Err(syn::Error::new(
                read.span(),
                format!(
                    "`{read}` is read here but missing from the dependency list of `{}!`: \
                     the browser only runs it again when a listed signal changes; write `[{}]`",
                    kind.name(),
                    list.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// Expand one invocation into `gen`'s chunk.
pub fn expand_with(gen: &mut Generator, kind: Kind, tokens: TokenStream) -> TokenStream {
    match try_expand(gen, kind, tokens) {
        Ok(code) => code,
        Err(err) => err.to_compile_error(),
    }
}

fn try_expand(gen: &mut Generator, kind: Kind, tokens: TokenStream) -> syn::Result<TokenStream> {
    let input = syn::parse::Parser::parse2(|s: ParseStream| parse_input(kind, s), tokens)?;
    check_deps(kind, &input)?;
    let (symbol, captures) = gen.translate(&input.closure)?;
    let ids = captures.iter().map(|c| {
        let name = &c.name;
        quote_spanned!(name.span()=> ::resuma::__private::Capture::capture_id(&#name, &mut __resuma_scratch))
    });
    let checks = captures.iter().map(rs2js::Capture::checks);
    let deps = input
        .deps
        .iter()
        .map(|d| quote_spanned!(d.span()=> ::resuma::__private::dep_id(&#d)));
    let body = quote!(::resuma::__private::Body { chunk: __RESUMA_CHUNK, symbol: #symbol, ids: &__resuma_ids });
    let closure = &input.closure;
    let run = match kind {
        Kind::Computed => quote_spanned!(closure.span()=>
            ::resuma::__private::computed(#closure, &[#(#deps),*], #body)),
        Kind::Effect | Kind::Debounce => {
            // Effects run only in the browser: the server type-checks the
            // closure (as an async one when it awaits a server function).
            let (checked, is_async) = crate::server::checkable_handler(closure);
            let check = if is_async {
                format_ident!("check_async_effect")
            } else {
                format_ident!("check_effect")
            };
            let wait = match &input.wait_ms {
                Some(ms) => quote!(::core::option::Option::Some(#ms)),
                None => quote!(::core::option::Option::None),
            };
            quote_spanned!(closure.span()=> {
                ::resuma::__private::#check(#checked);
                ::resuma::__private::effect(&[#(#deps),*], #body, #wait)
            })
        }
    };
    Ok(quote! {
        {
            // Captured values are stored in the page state like a handler's.
            let mut __resuma_scratch = ::resuma::Html::default();
            let __resuma_ids = [#(#ids),*];
            #(#checks)*
            #run
        }
    })
}

/// The macro used on its own (not inside a `#[component]`): a chunk of its own.
pub fn expand_standalone(kind: Kind, tokens: TokenStream) -> TokenStream {
    let mut gen = Generator::default();
    let code = expand_with(&mut gen, kind, tokens);
    let items = gen.chunk_items();
    quote!({ #items #code })
}
