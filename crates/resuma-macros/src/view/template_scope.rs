//! What a client template (template.rs) may refer to, and how each name
//! reaches the browser: as a plain value (a row item, a component's prop),
//! as a signal id from the block's marker (`c[i]`), or as a signal id from
//! a component's props (`p.NAME`).

use quote::ToTokens;
use syn::spanned::Spanned;

/// A name the template function receives as a plain value.
#[derive(Clone)]
pub struct Value {
    pub name: syn::Ident,
    /// Its declared type, when known (rs2js then keeps Rust semantics).
    pub ty: Option<syn::Type>,
    /// How the template's JavaScript reaches it (`todo`, `p.label`).
    pub js: String,
}

/// What a template may refer to.
pub struct TemplateScope {
    /// Names the template gets as plain values.
    pub values: Vec<Value>,
    /// The item of the row the template is (in): a handler that captures
    /// it captures `~` (protocol.md §11), a nested `<Show>` reads it.
    pub row_item: Option<syn::Ident>,
    /// A component's signal props: their ids are `p.NAME`.
    pub signal_props: Vec<syn::Ident>,
    /// Values of an enclosing template that this one cannot reach (a
    /// nested `<For>` re-renders its rows on its own, without them).
    pub forbidden: Vec<syn::Ident>,
    /// Whether outer names may be captured (rows and branches: their ids
    /// are in the block's marker); a component's template may use only its
    /// props.
    pub captures_allowed: bool,
    /// Outer variables the template uses, in marker order (`c[i]`).
    pub captures: Vec<syn::Ident>,
    /// Value expressions translated so far: `eN = ...`.
    pub exprs: Vec<String>,
    /// Runtime helpers those expressions need.
    pub helpers: Vec<String>,
    /// The user's type definitions known to the component.
    pub items: Vec<syn::Item>,
    /// Types whose fields value expressions use without their definitions.
    pub wanted: Vec<String>,
    /// Components the template renders (`h.c(i, props)`), by props type,
    /// in the order the block's marker lists their templates.
    pub components: Vec<syn::Path>,
    /// Whether the template reads `row_item` (a `<Show>` then needs it
    /// when the browser swaps its branch).
    pub reads_row_item: bool,
    /// How the template's JavaScript reaches the chunk's exports (derived
    /// bodies): directly in the same module, as `m.` from a component's
    /// template chunk.
    pub exports: &'static str,
    /// Whether it used one.
    pub uses_exports: bool,
}

impl TemplateScope {
    fn empty(items: Vec<syn::Item>) -> Self {
        TemplateScope {
            values: Vec::new(),
            row_item: None,
            signal_props: Vec::new(),
            forbidden: Vec::new(),
            captures_allowed: true,
            captures: Vec::new(),
            exprs: Vec::new(),
            helpers: Vec::new(),
            items,
            wanted: Vec::new(),
            components: Vec::new(),
            reads_row_item: false,
            exports: "",
            uses_exports: false,
        }
    }

    /// A `<For>` row of `item` (of type `ty`, when declared), nested in
    /// `outer` if that is a template too.
    pub fn row(
        item: &syn::Ident,
        ty: Option<syn::Type>,
        items: Vec<syn::Item>,
        outer: Option<&TemplateScope>,
    ) -> Self {
        let mut scope = Self::empty(items);
        scope.values.push(Value {
            name: item.clone(),
            ty,
            js: item.to_string(),
        });
        scope.row_item = Some(item.clone());
        if let Some(outer) = outer {
            scope.forbidden = outer.unreachable(&[]);
        }
        scope
    }

    /// A `<Show>`'s branches, nested in `outer` if that is a template: a
    /// branch inside a row keeps the row's item (the browser finds it from
    /// the block's place), and nothing else of the outer template's values.
    pub fn branch(items: Vec<syn::Item>, outer: Option<&TemplateScope>) -> Self {
        let mut scope = Self::empty(items);
        if let Some(outer) = outer {
            if let Some(item) = &outer.row_item {
                if let Some(value) = outer.values.iter().find(|v| &v.name == item) {
                    scope.values.push(Value {
                        js: item.to_string(),
                        ..value.clone()
                    });
                    scope.row_item = Some(item.clone());
                }
            }
            scope.forbidden = outer.unreachable(&scope.values);
        }
        scope
    }

    /// A component's own template: its value props and signal props.
    pub fn component(
        values: Vec<Value>,
        signal_props: Vec<syn::Ident>,
        items: Vec<syn::Item>,
    ) -> Self {
        let mut scope = Self::empty(items);
        scope.values = values;
        scope.signal_props = signal_props;
        scope.captures_allowed = false;
        scope.exports = "m.";
        scope
    }

    /// This scope's values (and what it could not reach itself) that a
    /// nested template keeping only `kept` cannot reach.
    fn unreachable(&self, kept: &[Value]) -> Vec<syn::Ident> {
        self.values
            .iter()
            .map(|v| &v.name)
            .filter(|name| !kept.iter().any(|k| &k.name == *name))
            .chain(&self.forbidden)
            .cloned()
            .collect()
    }

    /// The parameter names of the template function: the row item, or `_`.
    pub fn item_param(&self) -> String {
        match &self.row_item {
            Some(item) if self.values.iter().any(|v| &v.name == item) => item.to_string(),
            _ => "_".to_owned(),
        }
    }

    /// Whether `name` is one of the template's values.
    pub fn is_value(&self, name: &syn::Ident) -> bool {
        self.values.iter().any(|v| &v.name == name)
    }

    /// Whether `tokens` mention one of the template's values.
    pub fn mentions_value(&self, tokens: &impl ToTokens) -> bool {
        let tokens = tokens.to_token_stream();
        self.values
            .iter()
            .any(|v| mentions(tokens.clone(), &v.name))
    }

    /// An error if `tokens` mention a value this template cannot reach.
    pub fn check_reachable(&self, tokens: &impl ToTokens) -> syn::Result<()> {
        let stream = tokens.to_token_stream();
        match self.forbidden.iter().find(|name| mentions(stream.clone(), name)) {
            None => Ok(()),
            Some(name) => Err(syn::Error::new(
                stream.span(),
                format!(
                    "`{name}` belongs to the enclosing row, which this nested `<For>` cannot read: the browser \
                     renders the nested list's rows on their own when its signal changes. Keep what the \
                     nested rows show in their own items, or move the markup out of the nested `<For>`"
                ),
            )),
        }
    }

    /// Index of `name` in the marker's capture list, adding it if new.
    pub fn capture_index(&mut self, name: &syn::Ident) -> usize {
        if let Some(i) = self.captures.iter().position(|c| c == name) {
            return i;
        }
        self.captures.push(name.clone());
        self.captures.len() - 1
    }

    /// The JavaScript for the id of signal `name` used by the template.
    pub fn signal_id(&mut self, name: &syn::Ident) -> syn::Result<String> {
        if self.is_value(name) {
            return Err(syn::Error::new(
                name.span(),
                format!("`{name}` is a value here (the row item or a prop), not a signal"),
            ));
        }
        self.check_reachable(name)?;
        if self.signal_props.contains(name) {
            return Ok(format!("p.{name}"));
        }
        if !self.captures_allowed {
            return Err(syn::Error::new(
                name.span(),
                format!("`{name}` is not a prop: a component the browser renders can only use its props"),
            ));
        }
        Ok(format!("$c[{}]", self.capture_index(name)))
    }

    /// Index of the component with props type `props` in the marker's list.
    pub fn component_index(&mut self, props: &syn::Path) -> usize {
        let text = props.to_token_stream().to_string();
        if let Some(i) = self
            .components
            .iter()
            .position(|p| p.to_token_stream().to_string() == text)
        {
            return i;
        }
        self.components.push(props.clone());
        self.components.len() - 1
    }

    /// Translate a Rust expression of the template's values into a JS
    /// function `eN`; returns its call.
    pub fn value_expr(&mut self, expr: &syn::Expr) -> syn::Result<String> {
        let name = format!("e{}", self.exprs.len());
        let params = self.values.iter().map(|v| {
            let (name, ty) = (
                &v.name,
                v.ty.clone().unwrap_or_else(|| syn::parse_quote!(_)),
            );
            quote::quote!(#name: #ty)
        });
        let f: syn::ItemFn = syn::parse_quote!(fn __resuma_expr(#(#params),*) -> _ { #expr });
        let translated = rs2js::translate_fn(&f, &self.items)
            .map_err(|e| syn::Error::new(expr.span(), e.to_string()))?;
        self.wanted.extend(translated.wanted_types.iter().cloned());
        self.exprs.push(format!("{name} = {}", translated.js));
        self.helpers.extend(translated.helpers);
        if let Some(item) = &self.row_item {
            self.reads_row_item |= mentions(expr.to_token_stream(), item);
        }
        let args: Vec<&str> = self.values.iter().map(|v| v.js.as_str()).collect();
        Ok(format!("{name}({})", args.join(", ")))
    }

    /// `const e0 = ..., e1 = ...;` for the translated value expressions
    /// (and `extra` first), or nothing.
    pub fn consts(&self, extra: Option<String>) -> String {
        let all: Vec<String> = extra
            .into_iter()
            .chain(self.exprs.iter().cloned())
            .collect();
        if all.is_empty() {
            String::new()
        } else {
            format!("const {}; ", all.join(", "))
        }
    }
}

/// Whether `tokens` contain the identifier `ident` anywhere.
pub fn mentions(tokens: proc_macro2::TokenStream, ident: &syn::Ident) -> bool {
    tokens.into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Ident(i) => &i == ident,
        proc_macro2::TokenTree::Group(g) => mentions(g.stream(), ident),
        _ => false,
    })
}
