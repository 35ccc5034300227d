//! The plain data a `view!` template parses into.

use proc_macro2::Span;

/// One node of a template.
pub enum Node {
    Element(Element),
    Component(Component),
    /// A string literal, already unescaped by the Rust lexer.
    Text(String),
    /// `{expr}`: anything implementing `IntoView`.
    Expr(syn::Expr),
    /// `<> ... </>`
    Fragment(Vec<Node>),
}

/// An HTML element, `<div class="a">...</div>`.
pub struct Element {
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
}

/// One attribute of an element.
pub enum Attr {
    /// `name="literal"`, `name=3`, or a bare boolean attribute `name`.
    Static { name: String, value: Option<String> },
    /// `name={expr}`: the value implements `AttrValue` (a signal binds it).
    Dynamic { name: String, expr: syn::Expr },
    /// `onClick={closure}` / `on:click={closure}`.
    Event { event: String, closure: syn::ExprClosure },
    /// `prevent:EVENT` / `stop:EVENT`: done by the loader synchronously.
    Modifier { kind: Modifier, event: String },
}

#[derive(Clone, Copy)]
pub enum Modifier {
    Prevent,
    Stop,
}

/// A component, `<Counter start={3}>children</Counter>`.
pub struct Component {
    pub path: syn::Path,
    pub props: Vec<Prop>,
    pub children: Option<Vec<Node>>,
}

/// One prop given to a component.
pub struct Prop {
    pub name: syn::Ident,
    pub value: syn::Expr,
    pub span: Span,
}
