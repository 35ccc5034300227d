//! The plain data a `view!` template parses into.

use proc_macro2::Span;

/// One node of a template.
#[derive(Clone)]
pub enum Node {
    Element(Element),
    Component(Component),
    /// A string literal, already unescaped by the Rust lexer.
    Text(String),
    /// `{expr}`: anything implementing `IntoView`.
    Expr(syn::Expr),
    /// `<> ... </>`
    Fragment(Vec<Node>),
    /// `<For each={list} key={|item| item.id} let:item> row </For>`
    For(Box<ForNode>),
    /// `<Show when={...} fallback={view! {...}}> content </Show>`
    Show(ShowNode),
}

/// A keyed list: one row per item of a `Signal<Vec<T>>` (protocol.md §11).
#[derive(Clone)]
pub struct ForNode {
    pub each: syn::Expr,
    pub key: syn::ExprClosure,
    /// The name each row's item is bound to (`let:todo`).
    pub item: syn::Ident,
    /// The row: exactly one element, which gets `data-r-k`.
    pub row: Box<Element>,
    pub span: Span,
}

/// A conditional block (protocol.md §12).
#[derive(Clone)]
pub struct ShowNode {
    /// A closure `move || bool` over signals, or a `Signal<bool>`.
    pub when: syn::Expr,
    pub fallback: Vec<Node>,
    pub children: Vec<Node>,
    pub span: Span,
}

/// An HTML element, `<div class="a">...</div>`.
#[derive(Clone)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
}

/// One attribute of an element.
#[derive(Clone)]
pub enum Attr {
    /// `name="literal"`, `name=3`, or a bare boolean attribute `name`.
    Static { name: String, value: Option<String> },
    /// `name={expr}`: the value implements `AttrValue` (a signal binds it).
    Dynamic { name: String, expr: syn::Expr },
    /// `onClick={closure}` / `on:click={closure}`.
    Event {
        event: String,
        closure: syn::ExprClosure,
    },
    /// `prevent:EVENT` / `stop:EVENT`: done by the loader synchronously.
    Modifier { kind: Modifier, event: String },
}

#[derive(Clone, Copy)]
pub enum Modifier {
    Prevent,
    Stop,
}

/// A component, `<Counter start={3}>children</Counter>`.
#[derive(Clone)]
pub struct Component {
    pub path: syn::Path,
    pub props: Vec<Prop>,
    pub children: Option<Vec<Node>>,
}

/// One prop given to a component.
#[derive(Clone)]
pub struct Prop {
    pub name: syn::Ident,
    pub value: syn::Expr,
    pub span: Span,
}
