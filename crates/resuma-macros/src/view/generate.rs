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

use super::ast::{Attr, Component, Element, ForNode, Modifier, Node, ShowNode};
use super::derived::{derived_closure, Place};
use super::parse::VOID_ELEMENTS;
use super::template::TemplateScope;
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
struct BlockCaptures {
    /// The `<For>` row item's name: captured as the row item (`~`).
    item: Option<syn::Ident>,
    /// Names whose ids were computed once for the block, in
    /// `__resuma_caps[i]` (the ids the block's marker lists).
    names: Vec<syn::Ident>,
}

#[derive(Default)]
pub struct Generator {
    /// Static markup not yet written out.
    pending: String,
    stmts: Vec<TokenStream>,
    chunk: rs2js::Chunk,
    /// Each handler closure is translated once, whether the server markup
    /// or a client template asks first.
    translated: HashMap<String, (String, Vec<rs2js::Capture>, Option<syn::Type>)>,
    /// The value type of the closure translated last, if rs2js fixed it.
    pub last_value_type: Option<syn::Type>,
    /// User types whose fields translated closures use without rs2js
    /// having their definitions (crate::signal_data fetches them).
    pub wanted: std::collections::BTreeSet<String>,
    /// Set when the macro expanded last was a `computed!`.
    pub last_computed: Option<()>,
    block: BlockCaptures,
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
            Node::Text(text) => resuma_protocol::escape::text_into(&mut self.pending, text),
            Node::Expr(expr) if self.block.item.is_none() && derived_closure(expr).is_some() => {
                let closure = derived_closure(expr).expect("checked just above");
                self.derived(&closure, Place::Text);
            }
            Node::Expr(expr) => {
                self.flush();
                let expr = self.nested(expr);
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
    fn element(&mut self, el: &Element, key: Option<TokenStream>) {
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
                Attr::Dynamic { name, expr }
                    if self.block.item.is_none() && derived_closure(expr).is_some() =>
                {
                    has_dynamic = true;
                    let closure = derived_closure(expr).expect("checked just above");
                    self.derived(&closure, Place::Attr(name));
                }
                Attr::Dynamic { name, expr } => {
                    has_dynamic = true;
                    self.flush();
                    let expr = self.nested(expr);
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

    /// Translate a handler (once) into the chunk: its export name and captures.
    pub fn translate(
        &mut self,
        closure: &syn::ExprClosure,
    ) -> syn::Result<(String, Vec<rs2js::Capture>)> {
        // Keyed by the closure's text: the client template and the server
        // markup of a row must name the same export, and identical closures
        // may share one.
        let key = quote::ToTokens::to_token_stream(closure).to_string();
        if let Some((symbol, captures, value_type)) = self.translated.get(&key) {
            self.last_value_type = value_type.clone();
            return Ok((symbol.clone(), captures.clone()));
        }
        let handler = rs2js::translate_handler_in(closure, &self.env)?;
        let captures = handler.captures.clone();
        self.last_value_type = handler.value_type.clone();
        self.wanted.extend(handler.wanted_types.iter().cloned());
        let symbol = self.chunk.add(handler);
        self.translated.insert(
            key,
            (
                symbol.clone(),
                captures.clone(),
                self.last_value_type.clone(),
            ),
        );
        Ok((symbol, captures))
    }

    /// Add a non-handler export (a client template) to the chunk.
    fn export(&mut self, js: String, helpers: Vec<String>) -> String {
        self.chunk.add(rs2js::Handler {
            js_compact: js.clone(),
            js,
            captures: Vec::new(),
            helpers,
            value_type: None,
            wanted_types: Vec::new(),
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
                #(#assumptions)*
                #rebind_item
                ::resuma::__private::#check(#closure);
            }
        });
    }

    fn component(&mut self, c: &Component) {
        self.flush();
        let path = &c.path;
        let mut props_path = c.path.clone();
        let last = props_path
            .segments
            .last_mut()
            .expect("a path has a segment");
        last.ident = format_ident!("{}Props", last.ident);
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
    fn block_body(
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

    /// `<For>` (protocol.md §11).
    fn list(&mut self, list: &ForNode) {
        self.flush();
        let item = &list.item;
        let key_fn = &list.key;
        // The client template first: it decides which outer names the block
        // captures (and in which order the marker lists them).
        let mut scope = TemplateScope::new(Some(item.clone()));
        // The item's type, when the list's signal declares it
        // (`Signal<Vec<Todo>>`): row expressions and handlers then know it.
        scope.item_ty = self.list_item_type(&list.each);
        scope.items = self.env.items.clone();
        let outer_item_ty = match &scope.item_ty {
            Some(t) => self.env.types.insert(item.to_string(), t.clone()),
            None => self.env.types.remove(&item.to_string()),
        };
        let template = (|| -> syn::Result<String> {
            let key_param = match &key_fn.inputs[0] {
                syn::Pat::Type(t) => (*t.pat).clone(),
                other => other.clone(),
            };
            let key_body = &key_fn.body;
            let item_ty = scope.item_param_type();
            let key_item: syn::ItemFn =
                syn::parse_quote!(fn __resuma_key(#key_param: #item_ty) -> _ { #key_body });
            let key_js = rs2js::translate_fn(&key_item, &scope.items)
                .map_err(|e| syn::Error::new(key_fn.span(), e.to_string()))?;
            scope.helpers.extend(key_js.helpers.clone());
            let row = self.template_row(&mut scope, &list.row, &format!("k({item})"))?;
            let consts = std::iter::once(format!("k = {}", key_js.js))
                .chain(scope.exprs.iter().cloned())
                .collect::<Vec<_>>()
                .join(", ");
            Ok(format!(
                "(() => {{ const {consts}; return {{ k, r: ({item}, c, h, n) => {row} }}; }})()"
            ))
        })();
        self.wanted.extend(scope.wanted.iter().cloned());
        let template = match template {
            Ok(t) => t,
            Err(err) => {
                self.restore_type(item, outer_item_ty);
                self.stmts.push(err.to_compile_error());
                return;
            }
        };
        let symbol = self.export(template, scope.helpers.clone());
        let names = scope.captures.clone();
        let each = &list.each;
        let body = self.block_body(
            BlockCaptures {
                item: Some(item.clone()),
                names: names.clone(),
            },
            |gen| {
                gen.element(&list.row, Some(quote!(__resuma_key)));
            },
        );
        self.restore_type(item, outer_item_ty);
        let cap_ids = names.iter().map(|n| quote_spanned!(n.span()=> ::resuma::__private::Capture::capture_id(&#n, __resuma_out)));
        let count = names.len();
        // Rows the browser adds later have handlers too, even if the list
        // starts empty.
        let events = block_events(std::slice::from_ref(&Node::Element((*list.row).clone())));
        self.stmts.push(quote_spanned! {list.span=>
            {
                let (__resuma_list_id, __resuma_items) = ::resuma::__private::list_items(&(#each));
                let __resuma_caps: [u32; #count] = [#(#cap_ids),*];
                #(__resuma_out.listen(#events);)*
                __resuma_out.list_start(__resuma_list_id, __RESUMA_CHUNK, #symbol, &__resuma_caps);
                for #item in __resuma_items {
                    let __resuma_key = ::resuma::__private::key_of(&#item, #key_fn);
                    #(#body)*
                }
                __resuma_out.block_end();
            }
        });
    }

    /// `T` when `each` is a variable declared `Signal<Vec<T>>`.
    fn list_item_type(&self, each: &syn::Expr) -> Option<syn::Type> {
        let syn::Expr::Path(p) = each else {
            return None;
        };
        let declared = self.env.types.get(&p.path.get_ident()?.to_string())?;
        let inner = |t: &syn::Type, name: &str| -> Option<syn::Type> {
            let syn::Type::Path(tp) = t else { return None };
            let last = tp.path.segments.last()?;
            if last.ident != name {
                return None;
            }
            match &last.arguments {
                syn::PathArguments::AngleBracketed(a) => match a.args.first()? {
                    syn::GenericArgument::Type(t) => Some(t.clone()),
                    _ => None,
                },
                _ => None,
            }
        };
        inner(&inner(declared, "Signal")?, "Vec")
    }

    /// Put back the declared type `name` had outside a `<For>` row.
    fn restore_type(&mut self, name: &syn::Ident, outer: Option<syn::Type>) {
        match outer {
            Some(t) => self.env.types.insert(name.to_string(), t),
            None => self.env.types.remove(&name.to_string()),
        };
    }

    /// `<Show>` (protocol.md §12).
    fn show(&mut self, show: &ShowNode) {
        self.flush();
        let mut scope = TemplateScope::new(None);
        let result = (|| -> syn::Result<(String, String, String)> {
            // The condition: a closure is translated as a handler that writes
            // its value into a sink signal (`~` in the marker); a plain
            // expression must be a `Signal<bool>`, read directly.
            let when = match &show.when {
                syn::Expr::Closure(c) => {
                    let body = &c.body;
                    let sink: syn::ExprClosure =
                        syn::parse_quote_spanned!(c.span()=> move |_| __resuma_sink.set({ #body }));
                    let handler = rs2js::translate_handler_in(&sink, &self.env)?;
                    let order: Vec<String> = handler
                        .captures
                        .iter()
                        .map(|cap| {
                            if cap.name == "__resuma_sink" {
                                "-1".to_owned()
                            } else {
                                scope.capture_index(&cap.name).to_string()
                            }
                        })
                        .collect();
                    scope.helpers.extend(handler.helpers.clone());
                    format!("w: {}, wc: [{}]", handler.js, order.join(", "))
                }
                other => {
                    match other {
                        syn::Expr::Path(p) if p.path.get_ident().is_some() => {
                            let i = scope.capture_index(p.path.get_ident().unwrap());
                            format!("w: null, wc: [{i}]")
                        }
                        _ => return Err(syn::Error::new(
                            other.span(),
                            "`when` must be a closure (`move || ...`) or a Signal<bool> variable",
                        )),
                    }
                }
            };
            let yes = self.template(&mut scope, &show.children, None)?;
            let no = self.template(&mut scope, &show.fallback, None)?;
            Ok((when, yes, no))
        })();
        let (when, yes, no) = match result {
            Ok(parts) => parts,
            Err(err) => {
                self.stmts.push(err.to_compile_error());
                return;
            }
        };
        let template = format!("{{ {when}, y: (_, c, h, n) => {yes}, f: (_, c, h, n) => {no} }}");
        let symbol = self.export(template, scope.helpers.clone());
        let names = scope.captures.clone();
        let block = BlockCaptures {
            item: None,
            names: names.clone(),
        };
        let yes_body = self.block_body(block.clone(), |gen| gen.nodes(&show.children));
        let no_body = self.block_body(block, |gen| gen.nodes(&show.fallback));
        let cap_ids = names.iter().map(|n| quote_spanned!(n.span()=> ::resuma::__private::Capture::capture_id(&#n, __resuma_out)));
        let condition = match &show.when {
            syn::Expr::Closure(c) => {
                quote_spanned!(c.span()=> ::resuma::__private::show_condition(#c))
            }
            other => quote_spanned!(other.span()=> ::resuma::Signal::<bool>::get(&(#other))),
        };
        let count = names.len();
        let branches = if no_body.is_empty() {
            quote!(if __resuma_shown { #(#yes_body)* })
        } else {
            quote!(if __resuma_shown { #(#yes_body)* } else { #(#no_body)* })
        };
        // Either branch may be inserted later, with its handlers.
        let events = block_events(
            show.children
                .iter()
                .chain(&show.fallback)
                .cloned()
                .collect::<Vec<_>>()
                .as_slice(),
        );
        self.stmts.push(quote_spanned! {show.span=>
            {
                let __resuma_caps: [u32; #count] = [#(#cap_ids),*];
                let __resuma_shown: bool = #condition;
                #(__resuma_out.listen(#events);)*
                __resuma_out.show_start(__RESUMA_CHUNK, #symbol, &__resuma_caps, __resuma_shown);
                #branches
                __resuma_out.block_end();
            }
        });
    }
}

/// The event types of every handler in `nodes` (a `<For>` row or `<Show>`
/// branches), each once.
fn block_events(nodes: &[Node]) -> Vec<String> {
    fn walk(nodes: &[Node], out: &mut Vec<String>) {
        for node in nodes {
            match node {
                Node::Element(el) => {
                    for attr in &el.attrs {
                        if let Attr::Event { event, .. } = attr {
                            if !out.contains(event) {
                                out.push(event.clone());
                            }
                        }
                    }
                    walk(&el.children, out);
                }
                Node::Fragment(children) => walk(children, out),
                // Nested blocks and components are refused inside blocks.
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(nodes, &mut out);
    out
}
