//! [`ast`](super::ast) → Rust code that renders the template into the one
//! output buffer.
//!
//! Static markup of the whole template (tags, static attributes, literal
//! text) is escaped and joined here, at compile time, so rendering does a
//! single `push_str` per run of static markup. Handler closures are
//! translated by `rs2js` and gathered into one chunk module per `view!`,
//! together with the client templates of `<For>` rows and `<Show>` branches.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::ast::{Attr, Component, Element, Modifier, Node};
use super::blocks::{NestedBlock, NodeKey};
use super::derived::{derived_closure, signal_reads, Place};
use super::parse::{RAW_TEXT_ELEMENTS, VOID_ELEMENTS};
use super::template_scope::mentions;
use crate::chunk;

/// Generate the expression for a standalone `view!`: the view plus its
/// chunk's registration.
pub fn generate(nodes: &[Node]) -> TokenStream {
    let mut gen = Generator::default();
    let view = gen.view_expr(nodes);
    let chunk_items = gen.chunk_items();
    quote! {
        {
            #chunk_items
            #view
        }
    }
}

/// Where a captured name's id comes from while generating a block's body.
#[derive(Clone, Default)]
pub(super) struct BlockCaptures {
    /// The `<For>` row item's name: captured as the row item (`~`).
    pub(super) item: Option<syn::Ident>,
    /// Names whose ids were computed once for the block, in
    /// `__resuma_caps[i]` (the ids the block's marker lists).
    pub(super) names: Vec<syn::Ident>,
}

/// `Badge` → `BadgeProps`: the props type of a component's path.
pub fn props_path(component: &syn::Path) -> syn::Path {
    let mut path = component.clone();
    let last = path.segments.last_mut().expect("a path has a segment");
    last.ident = format_ident!("{}Props", last.ident);
    path
}

/// A closure already translated: its export, its captures, its value type
/// and whether it may call a server function.
type Translated = (String, Vec<rs2js::Capture>, Option<syn::Type>, bool);

#[derive(Default)]
pub struct Generator {
    /// Static markup not yet written out.
    pending: String,
    /// Inside `<svg>` or `<math>` (and not back in HTML through a
    /// `<foreignObject>`): there a `<title>` is an ordinary element whose
    /// content is markup, not text.
    foreign: bool,
    pub(super) stmts: Vec<TokenStream>,
    chunk: rs2js::Chunk,
    /// Each handler closure is translated once, whether the server markup
    /// or a client template asks first.
    translated: HashMap<String, Translated>,
    /// The value type of the closure translated last, if rs2js fixed it.
    pub last_value_type: Option<syn::Type>,
    /// Whether the closure translated last may call a server function
    /// ([`rs2js::Handler::calls_server`]).
    last_calls_server: bool,
    /// User types whose fields translated closures use without rs2js
    /// having their definitions (crate::signal_data fetches them).
    pub wanted: std::collections::BTreeSet<String>,
    /// Set when the macro expanded last was a `computed!`.
    pub last_computed: Option<()>,
    pub(super) block: BlockCaptures,
    /// Templates of `<For>`/`<Show>` blocks nested in other templates,
    /// compiled when the enclosing template met them and taken from here
    /// by the server's pass over the same nodes.
    pub(super) nested: HashMap<NodeKey, NestedBlock>,
    /// What the enclosing `#[component]` declares (crate::types), for rs2js.
    pub env: rs2js::Env,
}

impl Generator {
    /// The `ViewFn` expression for `nodes`; handlers go into this
    /// generator's chunk, named by the `__RESUMA_CHUNK` const that
    /// [`Generator::chunk_items`] defines in an enclosing scope.
    pub fn view_expr(&mut self, nodes: &[Node]) -> TokenStream {
        let outer_stmts = std::mem::take(&mut self.stmts);
        let outer_pending = std::mem::take(&mut self.pending);
        self.nodes(nodes);
        self.flush();
        let body = std::mem::replace(&mut self.stmts, outer_stmts);
        self.pending = outer_pending;
        quote!(::resuma::ViewFn(move |__resuma_out: &mut ::resuma::Html| { #(#body)* }))
    }

    /// The finished chunk, if any handler or template was compiled; `Err`
    /// holds a compile error when its JavaScript does not parse.
    pub fn finish_chunk(&self) -> Result<Option<chunk::ChunkCode>, TokenStream> {
        if self.chunk.is_empty() {
            return Ok(None);
        }
        chunk::ChunkCode::new(&self.chunk).map(Some)
    }

    /// The chunk's name const and registration (nothing if no handler).
    pub fn chunk_items(&self) -> TokenStream {
        match self.finish_chunk() {
            Ok(Some(code)) => {
                let (name, registration) = (code.name_const(), code.registration());
                quote!(#name #registration)
            }
            Ok(None) => quote!(),
            Err(error) => error,
        }
    }

    /// Expand `view!`s nested in a user expression into this same chunk.
    fn nested(&mut self, expr: &syn::Expr) -> syn::Expr {
        let mut expr = expr.clone();
        syn::visit_mut::VisitMut::visit_expr_mut(
            &mut super::expand::ViewExpander { gen: self },
            &mut expr,
        );
        expr
    }

    /// Write out pending static markup (for sibling generator files).
    pub(super) fn flush_pending(&mut self) {
        self.flush();
    }

    /// Add a generated statement (for sibling generator files).
    pub(super) fn push_stmt(&mut self, stmt: TokenStream) {
        self.stmts.push(stmt);
    }

    pub(super) fn flush(&mut self) {
        if !self.pending.is_empty() {
            let markup = std::mem::take(&mut self.pending);
            self.stmts.push(quote!(__resuma_out.raw(#markup);));
        }
    }

    pub(super) fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Text(text) => resuma_protocol::escape::text_into(&mut self.pending, text),
            Node::Expr(expr) if self.is_derived(expr) => {
                let closure = derived_closure(expr).expect("checked just above");
                self.derived(&closure, Place::Text);
            }
            Node::Expr(expr) => {
                self.flush();
                let expr = self.row_value(expr);
                let expr = self.nested(&expr);
                self.stmts.push(
                    quote_spanned!(expr.span()=> ::resuma::IntoView::render(#expr, __resuma_out);),
                );
            }
            Node::Fragment(children) => self.nodes(children),
            Node::Element(element) => self.element(element, None),
            Node::Component(component) => self.component(component),
            Node::For(list) => self.list(list),
            Node::Show(show) => self.show(show),
        }
    }

    /// An element; `key` is the expression of a `<For>` row's key.
    pub(super) fn element(&mut self, el: &Element, key: Option<TokenStream>) {
        self.pending.push('<');
        self.pending.push_str(&el.name);
        if let Some(key) = key {
            self.flush();
            self.stmts
                .push(quote!(__resuma_out.attr("data-r-k", &#key);));
        }
        let mut has_dynamic = false;
        for attr in &el.attrs {
            match attr {
                Attr::Static { name, value: None } => {
                    self.pending.push(' ');
                    self.pending.push_str(name);
                }
                Attr::Static {
                    name,
                    value: Some(value),
                } => {
                    self.pending.push(' ');
                    self.pending.push_str(name);
                    self.pending.push_str("=\"");
                    resuma_protocol::escape::attr_into(&mut self.pending, value);
                    self.pending.push('"');
                }
                Attr::Dynamic { name, expr } if self.is_derived(expr) => {
                    has_dynamic = true;
                    let closure = derived_closure(expr).expect("checked just above");
                    self.derived(&closure, Place::Attr(name));
                }
                Attr::Dynamic { name, expr } => {
                    has_dynamic = true;
                    self.flush();
                    let expr = self.row_value(expr);
                    let expr = self.nested(&expr);
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
        // The content of these two is text to the HTML parser, where no
        // marker can stand (crate resuma's text_element.rs): the renderer
        // is told where it starts and ends.
        let textarea = el.name == "textarea" && !self.foreign;
        let text_element = (textarea || (el.name == "title" && !self.foreign))
            && el
                .children
                .iter()
                .any(|child| !matches!(child, Node::Text(_)));
        if text_element {
            self.flush();
            self.stmts
                .push(quote!(__resuma_out.text_element_start(#textarea);));
        } else if has_dynamic {
            self.flush();
            self.stmts.push(quote!(__resuma_out.end_start_tag();));
        } else {
            self.pending.push('>');
        }
        if VOID_ELEMENTS.contains(&el.name.as_str()) {
            return;
        }
        if RAW_TEXT_ELEMENTS.contains(&el.name.as_str()) {
            // Only string literals, checked by the parser: as they are.
            for child in &el.children {
                if let Node::Text(text) = child {
                    self.pending.push_str(text);
                }
            }
        } else if text_element {
            self.text_element_children(el);
            self.flush();
            self.stmts.push(quote!(__resuma_out.text_element_end();));
        } else {
            if textarea && starts_with_line_break(&el.children) {
                // The HTML parser drops a line break right after
                // `<textarea>`: one more keeps the text's own.
                self.pending.push('\n');
            }
            let outer = self.foreign;
            self.foreign = match el.name.as_str() {
                "svg" | "math" => true,
                "foreignObject" => false,
                _ => outer,
            };
            self.nodes(&el.children);
            self.foreign = outer;
        }
        self.pending.push_str("</");
        self.pending.push_str(&el.name);
        self.pending.push('>');
    }

    /// The content of a `<textarea>` or `<title>`. A derived value would
    /// need markers, which these elements cannot hold, so it is refused at
    /// compile time.
    fn text_element_children(&mut self, el: &Element) {
        for child in &el.children {
            match child {
                Node::Expr(expr) if self.is_derived(expr) => {
                    let message = format!(
                        "a derived value cannot update inside <{}>: the browser reads this \
                         element's content as plain text, where its markers cannot stand. \
                         Show a signal instead (in a <textarea>, a signal that is the whole \
                         content is bound to its value), or a value computed on the server",
                        el.name
                    );
                    self.stmts
                        .push(syn::Error::new(expr.span(), message).to_compile_error());
                }
                _ => self.node(child),
            }
        }
    }

    /// Whether `expr` is a derived value here: derived by the rule of
    /// protocol.md §14, and not an expression of the row item alone (which
    /// the row's template renders with the row, see template.rs). One that
    /// reads the item and a signal is derived, capturing the item as `~`.
    fn is_derived(&self, expr: &syn::Expr) -> bool {
        derived_closure(expr).is_some()
            && !self.block.item.as_ref().is_some_and(|item| {
                mentions(quote::ToTokens::to_token_stream(expr), item)
                    && signal_reads(expr).is_empty()
            })
    }

    /// A row's `{move || todo.title.len()}` is the value of its body,
    /// borrowing the item rather than moving it into a closure.
    fn row_value(&self, expr: &syn::Expr) -> syn::Expr {
        match (expr, &self.block.item) {
            (syn::Expr::Closure(c), Some(_)) if c.inputs.is_empty() => {
                let body = &c.body;
                syn::parse_quote_spanned!(c.span()=> (|| #body)())
            }
            _ => expr.clone(),
        }
    }

    /// Translate a handler (once) into the chunk: its export name and captures.
    pub fn translate(
        &mut self,
        closure: &syn::ExprClosure,
    ) -> syn::Result<(String, Vec<rs2js::Capture>)> {
        // Keyed by the closure's text: the client template and the server
        // markup of a row must name the same export, and identical closures
        // may share one.
        let key = quote::ToTokens::to_token_stream(closure).to_string();
        if let Some((symbol, captures, value_type, calls_server)) = self.translated.get(&key) {
            self.last_value_type = value_type.clone();
            self.last_calls_server = *calls_server;
            return Ok((symbol.clone(), captures.clone()));
        }
        let handler = rs2js::translate_handler_in(closure, &self.env)?;
        let captures = handler.captures.clone();
        self.last_value_type = handler.value_type.clone();
        self.last_calls_server = handler.calls_server;
        self.wanted.extend(handler.wanted_types.iter().cloned());
        let symbol = self.chunk.add(handler);
        self.translated.insert(
            key,
            (
                symbol.clone(),
                captures.clone(),
                self.last_value_type.clone(),
                self.last_calls_server,
            ),
        );
        Ok((symbol, captures))
    }

    /// Add a non-handler export (a client template) to the chunk.
    pub(super) fn export(&mut self, js: String, helpers: Vec<String>) -> String {
        self.chunk.add(rs2js::Handler {
            js_compact: js.clone(),
            js,
            captures: Vec::new(),
            helpers,
            value_type: None,
            wanted_types: Vec::new(),
            calls_server: false,
        })
    }

    /// The id expression of capture `name` in the current block.
    pub(super) fn capture_id(&self, name: &syn::Ident) -> TokenStream {
        if self.block.item.as_ref() == Some(name) {
            return quote!(::resuma::Html::ROW_ITEM);
        }
        if let Some(i) = self.block.names.iter().position(|n| n == name) {
            return quote!(__resuma_caps[#i]);
        }
        quote_spanned!(name.span()=> ::resuma::__private::Capture::capture_id(&#name, __resuma_out))
    }

    fn handler(&mut self, event: &str, closure: &syn::ExprClosure) {
        self.flush();
        let (symbol, captures) = match self.translate(closure) {
            Ok(done) => done,
            Err(err) => {
                // Report this handler's error and keep generating the rest,
                // so every broken handler is reported in one build.
                self.stmts.push(err.to_compile_error());
                return;
            }
        };
        let ids: Vec<TokenStream> = captures.iter().map(|c| self.capture_id(&c.name)).collect();
        // Server calls go through the full core's `call` (protocol.md §6).
        let full_core = self
            .last_calls_server
            .then(|| quote!(__resuma_out.require_full_core();));
        let item = self.block.item.clone();
        // rs2js's compile-time checks of each capture (assumed type, Copy
        // for values); the row item is checked by `<For>` itself.
        let assumptions: Vec<TokenStream> = captures
            .iter()
            .filter(|c| Some(&c.name) != item.as_ref())
            .map(rs2js::Capture::checks)
            .collect();
        // A handler that awaits a server function is checked as an async closure.
        let (closure, is_async) = crate::server::checkable_handler(closure);
        let check = if is_async {
            format_ident!("check_async_handler")
        } else {
            format_ident!("check_handler")
        };
        // In a `<For>` row the closure would move the row's item; type-check
        // it against a clone so the rest of the row can still use the item.
        let rebind_item = item
            .as_ref()
            .map(|item| quote!(let #item = ::core::clone::Clone::clone(&#item);));
        self.stmts.push(quote! {
            {
                let __resuma_ids = [#(#ids),*];
                __resuma_out.handler(#event, __RESUMA_CHUNK, #symbol, &__resuma_ids);
                #full_core
                #(#assumptions)*
                #rebind_item
                ::resuma::__private::#check(#closure);
            }
        });
    }

    fn component(&mut self, c: &Component) {
        self.flush();
        let path = &c.path;
        let props_path = props_path(&c.path);
        let setters: Vec<TokenStream> = c
            .props
            .iter()
            .map(|p| {
                let (name, value) = (&p.name, self.nested(&p.value));
                quote_spanned!(p.span=> .#name(#value))
            })
            .collect();
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

    /// Generate `body` with `block` as the capture context; returns its statements.
    pub(super) fn block_body(
        &mut self,
        block: BlockCaptures,
        body: impl FnOnce(&mut Self),
    ) -> Vec<TokenStream> {
        self.flush();
        let outer_stmts = std::mem::take(&mut self.stmts);
        let outer_block = std::mem::replace(&mut self.block, block);
        body(self);
        self.flush();
        self.block = outer_block;
        std::mem::replace(&mut self.stmts, outer_stmts)
    }
}

/// Whether an element's content starts with a line break in literal text.
fn starts_with_line_break(children: &[Node]) -> bool {
    matches!(children.first(), Some(Node::Text(text)) if text.starts_with('\n'))
}
