//! The two blocks, `<For>` lists (protocol.md §11) and `<Show>`
//! conditionals (§12): each has a client template, compiled into the
//! view's chunk, and server code that renders it between its markers.
//!
//! A block may stand inside another block's row or branch. Its template is
//! then compiled when the enclosing template meets it (which learns what it
//! captures and which components it renders, to pass them on), and the
//! server's pass over the same nodes finds it compiled.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::ast::{ForNode, Node, ShowNode};
use super::generate::{BlockCaptures, Generator};
use super::template_scope::TemplateScope;

/// A block's compiled template, as the enclosing template or the server
/// code needs it.
#[derive(Clone)]
pub struct NestedBlock {
    /// The template's export in the chunk.
    pub symbol: String,
    /// Outer names the block captures, in marker order.
    pub captures: Vec<syn::Ident>,
    /// Props types of the components it renders, in marker order.
    pub components: Vec<syn::Path>,
    /// Whether it reads the item of the row it stands in.
    pub reads_row_item: bool,
}

impl NestedBlock {
    /// The JS of its capture ids, from inside the template `outer`.
    pub fn ids_in(&self, outer: &mut TemplateScope) -> syn::Result<String> {
        let ids = self
            .captures
            .iter()
            .map(|name| outer.signal_id(name))
            .collect::<syn::Result<Vec<_>>>()?;
        Ok(ids.join(", "))
    }

    /// Positions of its components in `outer`'s list (which gets them).
    pub fn components_in(&self, outer: &mut TemplateScope) -> String {
        let map: Vec<String> = self
            .components
            .iter()
            .map(|p| outer.component_index(p).to_string())
            .collect();
        map.join(", ")
    }

    /// `[<P as BrowserTemplate>::TEMPLATE, …]` and the event types of those
    /// components, registered with the page.
    fn server_components(&self) -> (TokenStream, TokenStream) {
        let paths = &self.components;
        let count = paths.len();
        let list = quote! {{
            let __resuma_components: [&str; #count] = [#(<#paths as ::resuma::__private::BrowserTemplate>::TEMPLATE),*];
            __resuma_components
        }};
        let listen = quote! {
            #(for __resuma_event in <#paths as ::resuma::__private::BrowserTemplate>::EVENTS {
                __resuma_out.listen(__resuma_event);
            })*
        };
        (list, listen)
    }
}

/// Which nested block a cache entry is: the node's address (both passes
/// walk the one parsed template) and its span (so that a node of a view
/// generated earlier, freed since, can never be taken for it).
pub type NodeKey = (usize, String);

pub fn node_key<T>(node: &T, span: proc_macro2::Span) -> NodeKey {
    (node as *const T as usize, format!("{span:?}"))
}

impl Generator {
    /// Compile the template of `<For>` `list`, standing in the template
    /// `outer` if given.
    pub fn list_template(
        &mut self,
        list: &ForNode,
        outer: Option<&TemplateScope>,
    ) -> syn::Result<NestedBlock> {
        let item = &list.item;
        let key_fn = &list.key;
        // The item's type, when the list's signal declares it
        // (`Signal<Vec<Todo>>`): row expressions and handlers then know it.
        let item_ty = self.list_item_type(&list.each);
        let mut scope = TemplateScope::row(item, item_ty.clone(), self.env.items.clone(), outer);
        let outer_ty = self.set_type(item, item_ty);
        let template = (|| -> syn::Result<String> {
            let key_param = match &key_fn.inputs[0] {
                syn::Pat::Type(t) => (*t.pat).clone(),
                other => other.clone(),
            };
            let key_body = &key_fn.body;
            let item_ty = scope.values[0]
                .ty
                .clone()
                .unwrap_or_else(|| syn::parse_quote!(_));
            let key_item: syn::ItemFn =
                syn::parse_quote!(fn __resuma_key(#key_param: #item_ty) -> _ { #key_body });
            let key_js = rs2js::translate_fn(&key_item, &scope.items)
                .map_err(|e| syn::Error::new(key_fn.span(), e.to_string()))?;
            scope.helpers.extend(key_js.helpers.clone());
            let row = self.template_row(&mut scope, &list.row, &format!("k({item})"))?;
            let consts = scope.consts(Some(format!("k = {}", key_js.js)));
            Ok(format!(
                "(() => {{ {consts}return {{ k, r: ({item}, $c, $h, $n) => {row} }}; }})()"
            ))
        })();
        self.set_type(item, outer_ty);
        self.wanted.extend(scope.wanted.iter().cloned());
        let symbol = self.export(template?, scope.helpers.clone());
        Ok(NestedBlock {
            symbol,
            captures: scope.captures,
            components: scope.components,
            reads_row_item: false,
        })
    }

    /// `<For>`: the server's markup (protocol.md §11).
    pub(super) fn list(&mut self, list: &ForNode) {
        self.flush();
        let item = &list.item;
        let key_fn = &list.key;
        // The client template first: it decides which outer names the block
        // captures (and in which order the marker lists them). A nested
        // list's was compiled by the enclosing template.
        let compiled = match self.nested.remove(&node_key(list, list.span)) {
            Some(block) => Ok(block),
            None => self.list_template(list, None),
        };
        let block = match compiled {
            Ok(block) => block,
            Err(err) => {
                self.stmts.push(err.to_compile_error());
                return;
            }
        };
        let item_ty = self.list_item_type(&list.each);
        let outer_ty = self.set_type(item, item_ty);
        let names = block.captures.clone();
        let body = self.block_body(
            BlockCaptures {
                item: Some(item.clone()),
                names: names.clone(),
            },
            |gen| gen.element(&list.row, Some(quote!(__resuma_key))),
        );
        self.set_type(item, outer_ty);
        let cap_ids: Vec<TokenStream> = names.iter().map(|n| self.capture_id(n)).collect();
        let count = names.len();
        let (components, listen) = block.server_components();
        let symbol = &block.symbol;
        let each = &list.each;
        // Rows the browser adds later have handlers too, even if the list
        // starts empty.
        let events = block_events(std::slice::from_ref(&Node::Element((*list.row).clone())));
        self.stmts.push(quote_spanned! {list.span=>
            {
                let (__resuma_list_id, __resuma_items) = ::resuma::__private::list_items(&(#each));
                let __resuma_caps: [u32; #count] = [#(#cap_ids),*];
                #(__resuma_out.listen(#events);)*
                #listen
                __resuma_out.list_start(__resuma_list_id, __RESUMA_CHUNK, #symbol, &__resuma_caps, &#components);
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

    /// Declare (or forget) `name`'s type for rs2js; returns what it was.
    fn set_type(&mut self, name: &syn::Ident, ty: Option<syn::Type>) -> Option<syn::Type> {
        match ty {
            Some(t) => self.env.types.insert(name.to_string(), t),
            None => self.env.types.remove(&name.to_string()),
        }
    }

    /// Compile the template of `<Show>` `show`, standing in the template
    /// `outer` if given.
    pub fn show_template(
        &mut self,
        show: &ShowNode,
        outer: Option<&TemplateScope>,
    ) -> syn::Result<NestedBlock> {
        let mut scope = TemplateScope::branch(self.env.items.clone(), outer);
        scope.check_reachable(&show.when)?;
        // The condition: a closure is translated as a handler that writes
        // its value into a sink signal (`-1`), reading the row item at
        // `-2`; a plain expression must be a `Signal<bool>`, read directly.
        let when = match &show.when {
            syn::Expr::Closure(c) => {
                let body = &c.body;
                let sink: syn::ExprClosure =
                    syn::parse_quote_spanned!(c.span()=> move |_| __resuma_sink.set({ #body }));
                let handler = rs2js::translate_handler_in(&sink, &self.env)?;
                let mut order = Vec::new();
                for cap in &handler.captures {
                    order.push(if cap.name == "__resuma_sink" {
                        "-1".to_owned()
                    } else if scope.row_item.as_ref() == Some(&cap.name) {
                        scope.reads_row_item = true;
                        "-2".to_owned()
                    } else {
                        scope.capture_index(&cap.name).to_string()
                    });
                }
                scope.helpers.extend(handler.helpers.clone());
                format!("w: {}, wc: [{}]", handler.js, order.join(", "))
            }
            syn::Expr::Path(p) if p.path.get_ident().is_some() => {
                let i = scope.capture_index(p.path.get_ident().expect("checked"));
                format!("w: null, wc: [{i}]")
            }
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    "`when` must be a closure (`move || ...`) or a Signal<bool> variable",
                ))
            }
        };
        let yes = self.template(&mut scope, &show.children, None)?;
        let no = self.template(&mut scope, &show.fallback, None)?;
        self.wanted.extend(scope.wanted.iter().cloned());
        let param = scope.item_param();
        let reads_item = if scope.reads_row_item { ", i: 1" } else { "" };
        let object = format!(
            "{{ {when}, y: ({param}, $c, $h, $n) => {yes}, f: ({param}, $c, $h, $n) => {no}{reads_item} }}"
        );
        let template = match scope.consts(None) {
            consts if consts.is_empty() => object,
            consts => format!("(() => {{ {consts}return {object}; }})()"),
        };
        let symbol = self.export(template, scope.helpers.clone());
        Ok(NestedBlock {
            symbol,
            captures: scope.captures,
            components: scope.components,
            reads_row_item: scope.reads_row_item,
        })
    }

    /// `<Show>`: the server's markup (protocol.md §12).
    pub(super) fn show(&mut self, show: &ShowNode) {
        self.flush();
        let compiled = match self.nested.remove(&node_key(show, show.span)) {
            Some(block) => Ok(block),
            None => self.show_template(show, None),
        };
        let block = match compiled {
            Ok(block) => block,
            Err(err) => {
                self.stmts.push(err.to_compile_error());
                return;
            }
        };
        let names = block.captures.clone();
        // A branch inside a row still captures the row's item as `~`.
        let captures = BlockCaptures {
            item: self.block.item.clone(),
            names: names.clone(),
        };
        let yes_body = self.block_body(captures.clone(), |gen| gen.nodes(&show.children));
        let no_body = self.block_body(captures, |gen| gen.nodes(&show.fallback));
        let cap_ids: Vec<TokenStream> = names.iter().map(|n| self.capture_id(n)).collect();
        // Evaluated where it stands, borrowing (not moving) a row's item.
        let condition = match &show.when {
            syn::Expr::Closure(c) => {
                let body = &c.body;
                quote_spanned!(c.span()=> ::resuma::__private::show_condition(|| #body))
            }
            other => quote_spanned!(other.span()=> ::resuma::Signal::<bool>::get(&(#other))),
        };
        let count = names.len();
        let branches = if no_body.is_empty() {
            quote!(if __resuma_shown { #(#yes_body)* })
        } else {
            quote!(if __resuma_shown { #(#yes_body)* } else { #(#no_body)* })
        };
        let (components, listen) = block.server_components();
        let symbol = &block.symbol;
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
                #listen
                __resuma_out.show_start(__RESUMA_CHUNK, #symbol, &__resuma_caps, __resuma_shown, &#components);
                #branches
                __resuma_out.block_end();
            }
        });
    }
}

/// The event types of every handler in `nodes` (a `<For>` row or `<Show>`
/// branches, and the blocks nested in them), each once. Components add
/// theirs through `BrowserTemplate::EVENTS`.
pub fn block_events(nodes: &[Node]) -> Vec<String> {
    fn walk(nodes: &[Node], out: &mut Vec<String>) {
        for node in nodes {
            match node {
                Node::Element(el) => {
                    for attr in &el.attrs {
                        if let super::ast::Attr::Event { event, .. } = attr {
                            if !out.contains(event) {
                                out.push(event.clone());
                            }
                        }
                    }
                    walk(&el.children, out);
                }
                Node::Fragment(children) => walk(children, out),
                Node::For(list) => walk(
                    std::slice::from_ref(&Node::Element((*list.row).clone())),
                    out,
                ),
                Node::Show(show) => {
                    walk(&show.children, out);
                    walk(&show.fallback, out);
                }
                Node::Component(_) | Node::Text(_) | Node::Expr(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(nodes, &mut out);
    out
}
