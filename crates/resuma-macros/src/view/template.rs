//! Client templates: a `<For>` row, a `<Show>` branch or a component
//! compiled, at compile time, into a JavaScript function that renders the
//! same markup as the server does (protocol.md §11–12).
//!
//! A template function is `(item, $c, $h, $n) => string`: `item` is the
//! row's item (a component's template gets its props object `p` there),
//! `$c` the capture ids listed in the block's marker, `$h` the blocks
//! module's markup helpers (runtime/blocks/markup.js), `$n` the chunk's own
//! name (for handler attributes and nested markers). The `$` keeps them
//! apart from the item's name, which comes from Rust (`let:n` is common).
//! What the template may refer to is its [`TemplateScope`]; Rust
//! expressions of its values are translated by `rs2js` into small
//! functions defined once.

use syn::spanned::Spanned;

use super::ast::{Attr, Element, Modifier, Node};
use super::blocks::node_key;
use super::derived::{derived_closure, signal_reads};
use super::generate::{props_path, Generator};
use super::parse::{RAW_TEXT_ELEMENTS, VOID_ELEMENTS};
pub use super::template_scope::TemplateScope;

/// The row item among a marker's ids, as the JS expression the ids are
/// collected as (protocol.md §11).
const ROW_ITEM_ID: &str = "\"~\"";

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
    /// A marker's comma-separated ids (`ID,~,ID`): the row item's `~` as
    /// literal text, the others as their expressions. Written as parts of
    /// the string rather than `[…].join(",")`, which would build an array
    /// for every row rendered.
    fn ids(&mut self, ids: &[String]) {
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                self.lit(",");
            }
            if id == ROW_ITEM_ID {
                self.lit("~");
            } else {
                self.code(id.clone());
            }
        }
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

/// What an expression in a template is, by the rule of protocol.md §14.
enum Shown<'a> {
    /// An expression of the template's values, rendered with them.
    Value(&'a syn::Expr),
    /// A signal placed whole (`{count}`, `class={active}`).
    Signal(&'a syn::Ident),
    /// A derived value: re-evaluated when a signal it reads changes.
    Derived(Box<syn::ExprClosure>),
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
            Node::Expr(expr) => match classify(scope, expr)? {
                Shown::Value(body) => {
                    let js = scope.value_expr(body)?;
                    out.code(format!("$h.t({js})"));
                }
                Shown::Signal(ident) => {
                    let id = scope.signal_id(ident)?;
                    out.code(format!("$h.b({id})"));
                }
                Shown::Derived(closure) => {
                    let (symbol, ids, item) = self.template_derived(scope, &closure)?;
                    let body = format!("{}{symbol}", scope.exports);
                    out.code(format!("$h.d({body}, $n + \"#{symbol}\", [{ids}], {item})"));
                }
            },
            Node::Element(el) => self.template_element(scope, el, key, out)?,
            Node::Component(c) => {
                if let Some(children) = &c.children {
                    let span = children.first().map_or(c.path.span(), node_span);
                    return Err(syn::Error::new(
                        span,
                        "inside `<For>` and `<Show>`, a component cannot take children yet: pass what it shows as props",
                    ));
                }
                let index = scope.component_index(&props_path(&c.path));
                let mut props = Vec::new();
                for prop in &c.props {
                    scope.check_reachable(&prop.value)?;
                    let js = match &prop.value {
                        value if scope.mentions_value(value) => scope.value_expr(value)?,
                        syn::Expr::Path(p) if p.path.get_ident().is_some() => {
                            scope.signal_id(p.path.get_ident().expect("checked"))?
                        }
                        // A constant (`step={2}`): translated like a value.
                        value => scope.value_expr(value)?,
                    };
                    props.push(format!(
                        "{}: {js}",
                        rs2js::js_string(&prop.name.to_string())
                    ));
                }
                out.code(format!("$h.c({index}, {{ {} }})", props.join(", ")));
            }
            Node::For(list) => {
                let nested = self.list_template(list, Some(&*scope))?;
                // The server's pass over this row takes it from here.
                self.nested
                    .insert(node_key(&**list, list.span), nested.clone());
                let each = match &list.each {
                    syn::Expr::Path(p) if p.path.get_ident().is_some() => {
                        scope.signal_id(p.path.get_ident().expect("checked"))?
                    }
                    other => return Err(syn::Error::new(
                        other.span(),
                        "a `<For>` inside a row or branch lists a signal (`each={tags}` with `tags: Signal<Vec<T>>`)",
                    )),
                };
                let ids = nested.ids_in(scope)?;
                let map = nested.components_in(scope);
                let symbol = &nested.symbol;
                out.code(format!(
                    "$h.l({symbol}, $n + \"#{symbol}\", {each}, [{ids}], [{map}])"
                ));
            }
            Node::Show(show) => {
                let nested = self.show_template(show, Some(&*scope))?;
                self.nested
                    .insert(node_key(show, show.span), nested.clone());
                let ids = nested.ids_in(scope)?;
                let map = nested.components_in(scope);
                let item = match (&scope.row_item, nested.reads_row_item) {
                    (Some(item), true) => {
                        scope.reads_row_item = true;
                        item.to_string()
                    }
                    _ => "null".to_owned(),
                };
                let symbol = &nested.symbol;
                out.code(format!(
                    "$h.s({symbol}, $n + \"#{symbol}\", [{ids}], {item}, [{map}])"
                ));
            }
        }
        Ok(())
    }

    /// A derived value inside a template: its body is the same export of
    /// the chunk the server's marker names; returns that export, the JS of
    /// its capture ids, and the JS of the row item the body reads (`~`
    /// among the ids, protocol.md §11), or `null`.
    fn template_derived(
        &mut self,
        scope: &mut TemplateScope,
        closure: &syn::ExprClosure,
    ) -> syn::Result<(String, String, String)> {
        let (symbol, captures) = self.translate(closure)?;
        let mut ids = Vec::new();
        let mut item = "null".to_owned();
        for capture in &captures {
            if scope.row_item.as_ref() == Some(&capture.name) {
                // A branch inside a row then needs the item when the
                // browser swaps it in.
                scope.reads_row_item = true;
                item = capture.name.to_string();
                ids.push(ROW_ITEM_ID.to_owned());
            } else if scope.is_value(&capture.name) {
                return Err(syn::Error::new(
                    closure.span(),
                    format!(
                        "this value reads the prop `{}` and a signal, but the browser keeps only a component's \
                         signal props: make `{}` a `Signal` prop, or compute the value where the component is used \
                         and pass it as a prop",
                        capture.name, capture.name
                    ),
                ));
            } else {
                ids.push(scope.signal_id(&capture.name)?);
            }
        }
        scope.uses_exports = true;
        Ok((symbol, ids.join(", "), item))
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
            out.code(format!("$h.e({key})"));
            out.lit("\"");
        }
        // `data-r-b` and `data-r-d` entries, written after the attributes
        // as the server's `end_start_tag` does (protocol.md §3, §14).
        let mut bound: Vec<(String, String)> = Vec::new();
        let mut derived: Vec<(String, String, String)> = Vec::new();
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
                    let attr_name = rs2js::js_string(name);
                    match classify(scope, expr)? {
                        Shown::Value(body) => {
                            let js = scope.value_expr(body)?;
                            out.code(format!("$h.a({attr_name}, {js})"));
                        }
                        Shown::Signal(ident) => {
                            let id = scope.signal_id(ident)?;
                            out.code(format!("$h.a({attr_name}, $h.v({id}))"));
                            bound.push((name.clone(), id));
                        }
                        Shown::Derived(closure) => {
                            let (symbol, ids, item) = self.template_derived(scope, &closure)?;
                            let body = format!("{}{symbol}", scope.exports);
                            out.code(format!("$h.a({attr_name}, $h.x({body}, [{ids}], {item}))"));
                            derived.push((name.clone(), symbol, ids));
                        }
                    }
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
                    out.code("$n".into());
                    out.lit(&format!("#{symbol}|"));
                    let mut ids = Vec::new();
                    for capture in &captures {
                        if scope.row_item.as_ref() == Some(&capture.name) {
                            ids.push(ROW_ITEM_ID.to_owned());
                        } else if scope.is_value(&capture.name) {
                            return Err(syn::Error::new(
                                closure.span(),
                                format!(
                                    "this handler captures the prop `{}`, which the browser does not keep: a handler of a \
                                     component rendered inside `<For>`/`<Show>` can capture its signal props",
                                    capture.name
                                ),
                            ));
                        } else {
                            ids.push(scope.signal_id(&capture.name)?);
                        }
                    }
                    out.ids(&ids);
                    out.lit("\"");
                }
            }
        }
        if !bound.is_empty() {
            out.lit(" data-r-b=\"");
            for (i, (name, id)) in bound.iter().enumerate() {
                out.lit(&format!("{}{name}=", if i > 0 { " " } else { "" }));
                out.code(id.clone());
            }
            out.lit("\"");
        }
        if !derived.is_empty() {
            out.lit(" data-r-d=\"");
            for (i, (name, symbol, ids)) in derived.iter().enumerate() {
                out.lit(&format!("{}{name}=", if i > 0 { " " } else { "" }));
                out.code("$n".into());
                out.lit(&format!("#{symbol}|"));
                if !ids.is_empty() {
                    out.code(format!("[{ids}].join(\",\")"));
                }
            }
            out.lit("\"");
        }
        out.lit(">");
        if VOID_ELEMENTS.contains(&el.name.as_str()) {
            return Ok(());
        }
        for child in &el.children {
            match child {
                // Checked by the parser; taken as it is (parse.rs).
                Node::Text(text) if RAW_TEXT_ELEMENTS.contains(&el.name.as_str()) => out.lit(text),
                // (A `<title>` in a row is most likely an SVG tooltip,
                // whose content is markup: not refused.)
                Node::Expr(expr) if el.name == "textarea" => {
                    if !matches!(classify(scope, expr)?, Shown::Value(_)) {
                        return Err(syn::Error::new(
                            expr.span(),
                            "inside `<For>` and `<Show>`, a `<textarea>` shows values of the row \
                             only: its content is plain text to the browser, where a signal's or a \
                             derived value's markers cannot stand",
                        ));
                    }
                    self.template_node(scope, child, None, out)?;
                }
                _ => self.template_node(scope, child, None, out)?,
            }
        }
        out.lit(&format!("</{}>", el.name));
        Ok(())
    }
}

/// Sort a text or attribute expression of a template (the rule of
/// protocol.md §14, with the template's values as plain values).
fn classify<'a>(scope: &TemplateScope, expr: &'a syn::Expr) -> syn::Result<Shown<'a>> {
    scope.check_reachable(expr)?;
    // A closure of the values alone is just their expression.
    let body = match expr {
        syn::Expr::Closure(c) if c.inputs.is_empty() => &*c.body,
        other => other,
    };
    // An expression of the values that reads no signal changes only with
    // them; one that also reads a signal is derived, and captures the row
    // item as `~` (template_derived).
    if scope.mentions_value(body) && signal_reads(body).is_empty() {
        return Ok(Shown::Value(body));
    }
    if let syn::Expr::Path(p) = expr {
        if let (None, Some(ident)) = (&p.qself, p.path.get_ident()) {
            return Ok(Shown::Signal(ident));
        }
    }
    derived_closure(expr).map(|c| Shown::Derived(Box::new(c))).ok_or_else(|| {
        syn::Error::new(
            expr.span(),
            "inside `<For>` and `<Show>`, text and attribute values must be a signal (`{count}`), an expression of \
             the row item, or an expression that reads a signal (`{move || count.get() * 2}`), so the browser can \
             render it too",
        )
    })
}

fn node_span(node: &Node) -> proc_macro2::Span {
    match node {
        Node::Expr(e) => e.span(),
        Node::For(f) => f.span,
        Node::Show(s) => s.span,
        _ => proc_macro2::Span::call_site(),
    }
}
