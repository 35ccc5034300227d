//! Client templates: a `<For>` row or a `<Show>` branch compiled, at compile
//! time, into a JavaScript function that renders the same markup as the
//! server does (protocol.md §11–12).
//!
//! A template function is `(item, c, h, n) => string`: `item` is the row's
//! item (unused by `<Show>` branches), `c` the capture ids listed in the
//! block's marker, `h` the core's markup helpers (`h.t` text, `h.a`
//! attribute, `h.e` escaped attribute value, `h.b` bound text of a signal),
//! `n` the chunk's own name (for handler attributes). Rust expressions of
//! the item are translated by `rs2js` into small functions defined once.

use quote::ToTokens;
use syn::spanned::Spanned;

use super::ast::{Attr, Element, Modifier, Node};
use super::generate::Generator;
use super::parse::VOID_ELEMENTS;

/// What a template may refer to.
pub struct TemplateScope {
    /// The row item's name, for `<For>` rows.
    pub item: Option<syn::Ident>,
    /// Outer variables the template uses, in marker order (`c[i]`).
    pub captures: Vec<syn::Ident>,
    /// Item expressions translated so far: `const eN = ...`.
    pub exprs: Vec<String>,
    /// Runtime helpers those expressions need.
    pub helpers: Vec<String>,
    /// The row item's declared type, if the list's signal declares it.
    pub item_ty: Option<syn::Type>,
    /// The user's type definitions known to the component.
    pub items: Vec<syn::Item>,
    /// Types whose fields item expressions use without their definitions.
    pub wanted: Vec<String>,
}

impl TemplateScope {
    pub fn new(item: Option<syn::Ident>) -> Self {
        TemplateScope {
            item,
            captures: Vec::new(),
            exprs: Vec::new(),
            helpers: Vec::new(),
            item_ty: None,
            items: Vec::new(),
            wanted: Vec::new(),
        }
    }

    /// The row item's parameter type in translated item functions.
    pub fn item_param_type(&self) -> syn::Type {
        self.item_ty.clone().unwrap_or_else(|| syn::parse_quote!(_))
    }

    /// Index of `name` in the marker's capture list, adding it if new.
    pub fn capture_index(&mut self, name: &syn::Ident) -> usize {
        if let Some(i) = self.captures.iter().position(|c| c == name) {
            return i;
        }
        self.captures.push(name.clone());
        self.captures.len() - 1
    }

    fn is_item(&self, ident: &syn::Ident) -> bool {
        self.item.as_ref() == Some(ident)
    }

    fn mentions_item(&self, expr: &syn::Expr) -> bool {
        let Some(item) = &self.item else { return false };
        mentions(expr.to_token_stream(), item)
    }

    /// Translate a Rust expression of the item into a JS function `eN`.
    fn item_expr(&mut self, expr: &syn::Expr) -> syn::Result<String> {
        let item = self.item.clone().expect("item expressions only in rows");
        let name = format!("e{}", self.exprs.len());
        let item_ty = self.item_param_type();
        let f: syn::ItemFn = syn::parse_quote!(fn __resuma_expr(#item: #item_ty) -> _ { #expr });
        let translated = rs2js::translate_fn(&f, &self.items)
            .map_err(|e| syn::Error::new(expr.span(), e.to_string()))?;
        self.wanted.extend(translated.wanted_types.iter().cloned());
        self.exprs.push(format!("{name} = {}", translated.js));
        self.helpers.extend(translated.helpers);
        Ok(format!("{name}({item})"))
    }
}

fn mentions(tokens: proc_macro2::TokenStream, ident: &syn::Ident) -> bool {
    tokens.into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Ident(i) => &i == ident,
        proc_macro2::TokenTree::Group(g) => mentions(g.stream(), ident),
        _ => false,
    })
}

/// Accumulates the `+`-joined parts of the returned string.
#[derive(Default)]
struct Parts {
    parts: Vec<String>,
    literal: String,
}

impl Parts {
    fn lit(&mut self, s: &str) {
        self.literal.push_str(s);
    }
    fn code(&mut self, js: String) {
        self.flush();
        self.parts.push(js);
    }
    fn flush(&mut self) {
        if !self.literal.is_empty() {
            let lit = std::mem::take(&mut self.literal);
            self.parts.push(rs2js::js_string(&lit));
        }
    }
    fn finish(mut self) -> String {
        self.flush();
        if self.parts.is_empty() {
            "\"\"".into()
        } else {
            self.parts.join(" + ")
        }
    }
}

impl Generator {
    /// Compile `nodes` into the body of a template function; `key` adds
    /// `data-r-k` to the row's element.
    pub fn template(
        &mut self,
        scope: &mut TemplateScope,
        nodes: &[Node],
        key: Option<&str>,
    ) -> syn::Result<String> {
        let mut parts = Parts::default();
        for node in nodes {
            self.template_node(scope, node, key, &mut parts)?;
        }
        Ok(parts.finish())
    }

    /// Compile a `<For>` row element, with `data-r-k` from `key` (JS).
    pub fn template_row(
        &mut self,
        scope: &mut TemplateScope,
        row: &Element,
        key: &str,
    ) -> syn::Result<String> {
        let mut parts = Parts::default();
        self.template_element(scope, row, Some(key), &mut parts)?;
        Ok(parts.finish())
    }

    fn template_node(
        &mut self,
        scope: &mut TemplateScope,
        node: &Node,
        key: Option<&str>,
        out: &mut Parts,
    ) -> syn::Result<()> {
        match node {
            Node::Text(text) => {
                let mut escaped = String::new();
                resuma_protocol::escape::text_into(&mut escaped, text);
                out.lit(&escaped);
            }
            Node::Fragment(children) => {
                for child in children {
                    self.template_node(scope, child, None, out)?;
                }
            }
            Node::Expr(expr) => {
                if scope.mentions_item(expr) {
                    let js = scope.item_expr(expr)?;
                    out.code(format!("h.t({js})"));
                } else if let Some(ident) = bare_ident(expr) {
                    let i = scope.capture_index(ident);
                    out.code(format!("h.b(c[{i}])"));
                } else {
                    return Err(syn::Error::new(
                        expr.span(),
                        "inside `<For>` and `<Show>`, text must be a signal (`{count}`) or an expression of the row item, \
                         so the browser can render it too",
                    ));
                }
            }
            Node::Element(el) => self.template_element(scope, el, key, out)?,
            Node::Component(c) => {
                return Err(syn::Error::new(
                    c.path.span(),
                    "components inside `<For>` rows and `<Show>` branches are not supported yet: write the markup inline",
                ))
            }
            Node::For(f) => return Err(syn::Error::new(f.span, "a `<For>` inside a `<For>` or `<Show>` is not supported yet")),
            Node::Show(s) => return Err(syn::Error::new(s.span, "a `<Show>` inside a `<For>` or `<Show>` is not supported yet")),
        }
        Ok(())
    }

    fn template_element(
        &mut self,
        scope: &mut TemplateScope,
        el: &Element,
        key: Option<&str>,
        out: &mut Parts,
    ) -> syn::Result<()> {
        out.lit(&format!("<{}", el.name));
        if let Some(key) = key {
            out.lit(" data-r-k=\"");
            out.code(format!("h.e({key})"));
            out.lit("\"");
        }
        for attr in &el.attrs {
            match attr {
                Attr::Static { name, value: None } => out.lit(&format!(" {name}")),
                Attr::Static {
                    name,
                    value: Some(value),
                } => {
                    let mut escaped = String::new();
                    resuma_protocol::escape::attr_into(&mut escaped, value);
                    out.lit(&format!(" {name}=\"{escaped}\""));
                }
                Attr::Dynamic { name, expr } => {
                    if !scope.mentions_item(expr) {
                        return Err(syn::Error::new(
                            expr.span(),
                            "inside `<For>` and `<Show>`, attribute values must be expressions of the row item \
                             (bound signal attributes there are not supported yet)",
                        ));
                    }
                    let js = scope.item_expr(expr)?;
                    out.code(format!("h.a({}, {js})", rs2js::js_string(name)));
                }
                Attr::Modifier { kind, event } => {
                    let kind = match kind {
                        Modifier::Prevent => "prevent",
                        Modifier::Stop => "stop",
                    };
                    out.lit(&format!(" data-r-{kind}:{event}"));
                }
                Attr::Event { event, closure } => {
                    let (symbol, captures) = self.translate(closure)?;
                    out.lit(&format!(" data-r-on:{event}=\""));
                    out.code("n".into());
                    out.lit(&format!("#{symbol}|"));
                    let ids: Vec<String> = captures
                        .iter()
                        .map(|c| {
                            if scope.is_item(&c.name) {
                                "\"~\"".to_owned()
                            } else {
                                format!("c[{}]", scope.capture_index(&c.name))
                            }
                        })
                        .collect();
                    if !ids.is_empty() {
                        out.code(format!("[{}].join(\",\")", ids.join(", ")));
                    }
                    out.lit("\"");
                }
            }
        }
        out.lit(">");
        if VOID_ELEMENTS.contains(&el.name.as_str()) {
            return Ok(());
        }
        for child in &el.children {
            self.template_node(scope, child, None, out)?;
        }
        out.lit(&format!("</{}>", el.name));
        Ok(())
    }
}

fn bare_ident(expr: &syn::Expr) -> Option<&syn::Ident> {
    match expr {
        syn::Expr::Path(p) if p.qself.is_none() => p.path.get_ident(),
        _ => None,
    }
}
