//! [`ast`](super::ast) → Rust code that renders the template into the one
//! output buffer.
//!
//! Static markup of the whole template (tags, static attributes, literal
//! text) is escaped and joined here, at compile time, so rendering does a
//! single `push_str` per run of static markup. Handler closures are
//! translated by `rs2js` and gathered into one chunk module per `view!`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::ast::{Attr, Component, Element, Modifier, Node};
use super::parse::VOID_ELEMENTS;
use crate::chunk;

/// Generate the expression for a whole template.
pub fn generate(nodes: &[Node]) -> TokenStream {
    let mut gen = Generator::default();
    gen.nodes(nodes);
    gen.flush();
    let body = std::mem::take(&mut gen.stmts);
    let chunk_items = if gen.chunk.is_empty() {
        quote!()
    } else {
        chunk::emit_registration(&gen.chunk)
    };
    quote! {
        {
            #chunk_items
            ::resuma::ViewFn(move |__resuma_out: &mut ::resuma::Html| { #(#body)* })
        }
    }
}

#[derive(Default)]
struct Generator {
    /// Static markup not yet written out.
    pending: String,
    stmts: Vec<TokenStream>,
    chunk: rs2js::Chunk,
}

impl Generator {
    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let markup = std::mem::take(&mut self.pending);
            self.stmts.push(quote!(__resuma_out.raw(#markup);));
        }
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Text(text) => escape_text_into(&mut self.pending, text),
            Node::Expr(expr) => {
                self.flush();
                self.stmts.push(quote_spanned!(expr.span()=> ::resuma::IntoView::render(#expr, __resuma_out);));
            }
            Node::Fragment(children) => self.nodes(children),
            Node::Element(element) => self.element(element),
            Node::Component(component) => self.component(component),
        }
    }

    fn element(&mut self, el: &Element) {
        self.pending.push('<');
        self.pending.push_str(&el.name);
        let mut has_dynamic = false;
        for attr in &el.attrs {
            match attr {
                Attr::Static { name, value: None } => {
                    self.pending.push(' ');
                    self.pending.push_str(name);
                }
                Attr::Static { name, value: Some(value) } => {
                    self.pending.push(' ');
                    self.pending.push_str(name);
                    self.pending.push_str("=\"");
                    escape_attr_into(&mut self.pending, value);
                    self.pending.push('"');
                }
                Attr::Dynamic { name, expr } => {
                    has_dynamic = true;
                    self.flush();
                    self.stmts.push(quote_spanned!(expr.span()=>
                        ::resuma::__private::AttrValue::write_attr(&(#expr), #name, __resuma_out);
                    ));
                }
                Attr::Modifier { kind, event } => {
                    let kind = match kind {
                        Modifier::Prevent => "prevent",
                        Modifier::Stop => "stop",
                    };
                    self.pending.push_str(&format!(" data-r-{kind}:{event}"));
                }
                Attr::Event { event, closure } => self.handler(event, closure),
            }
        }
        if has_dynamic {
            self.flush();
            self.stmts.push(quote!(__resuma_out.end_start_tag();));
        } else {
            self.pending.push('>');
        }
        if VOID_ELEMENTS.contains(&el.name.as_str()) {
            return;
        }
        self.nodes(&el.children);
        self.pending.push_str("</");
        self.pending.push_str(&el.name);
        self.pending.push('>');
    }

    fn handler(&mut self, event: &str, closure: &syn::ExprClosure) {
        self.flush();
        let handler = match rs2js::translate_handler(closure) {
            Ok(handler) => handler,
            Err(err) => {
                // Report this handler's error and keep generating the rest,
                // so every broken handler is reported in one build.
                self.stmts.push(err.to_compile_error());
                return;
            }
        };
        let captures = handler.captures.clone();
        let symbol = self.chunk.add(handler);
        let ids = captures.iter().map(|c| {
            let name = &c.name;
            quote_spanned!(name.span()=> ::resuma::__private::Capture::capture_id(&#name, __resuma_out))
        });
        let assumptions = captures.iter().filter_map(|c| {
            let name = &c.name;
            let ty = qualify_signal(c.assumed_type.clone()?);
            Some(quote_spanned!(name.span()=> ::resuma::__private::assume_type::<#ty>(&#name);))
        });
        let check = if closure.asyncness.is_some() {
            format_ident!("check_async_handler")
        } else {
            format_ident!("check_handler")
        };
        self.stmts.push(quote! {
            {
                let __resuma_ids = [#(#ids),*];
                __resuma_out.handler(#event, __RESUMA_CHUNK, #symbol, &__resuma_ids);
                #(#assumptions)*
                ::resuma::__private::#check(#closure);
            }
        });
    }

    fn component(&mut self, c: &Component) {
        self.flush();
        let path = &c.path;
        let mut props_path = c.path.clone();
        let last = props_path.segments.last_mut().expect("a path has a segment");
        last.ident = format_ident!("{}Props", last.ident);
        let setters = c.props.iter().map(|p| {
            let (name, value) = (&p.name, &p.value);
            quote_spanned!(p.span=> .#name(#value))
        });
        let children = c.children.as_ref().map(|children| {
            let outer = std::mem::take(&mut self.stmts);
            self.nodes(children);
            self.flush();
            let body = std::mem::replace(&mut self.stmts, outer);
            quote! {
                .children(::resuma::Children::new(::resuma::ViewFn(move |__resuma_out: &mut ::resuma::Html| { #(#body)* })))
            }
        });
        self.stmts.push(quote_spanned! {path.span()=>
            ::resuma::IntoView::render(#path(#props_path::builder() #(#setters)* #children .build()), __resuma_out);
        });
    }
}

/// `Signal<T>` as `rs2js` names it → `::resuma::Signal<T>`, so the
/// assertion compiles whatever the user imported.
fn qualify_signal(ty: syn::Type) -> syn::Type {
    if let syn::Type::Path(tp) = &ty {
        if let Some(last) = tp.path.segments.last() {
            if last.ident == "Signal" {
                let args = &last.arguments;
                return syn::parse_quote!(::resuma::Signal #args);
            }
        }
    }
    ty
}

fn escape_text_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(ch),
        }
    }
}

fn escape_attr_into(out: &mut String, value: &str) {
    for ch in value.chars() {
        match ch {
            '"' => out.push_str("&quot;"),
            _ => escape_text_into(out, ch.encode_utf8(&mut [0; 4])),
        }
    }
}
