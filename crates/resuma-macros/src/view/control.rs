//! Parsing the two control-flow tags, `<For>` and `<Show>`.

use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::Token;

use super::ast::{ForNode, Node, ShowNode};
use super::parse::{parse_children, parse_template, parse_value_expr};

/// `<For each={list} key={|item| item.id} let:item> <row/> </For>`, with `<`
/// already consumed.
pub fn parse_for(input: ParseStream) -> syn::Result<Node> {
    let tag: syn::Ident = input.parse()?;
    let (mut each, mut key, mut item) = (None, None, None);
    while !input.peek(Token![>]) {
        if input.is_empty() {
            return Err(syn::Error::new(
                tag.span(),
                "the `<For` tag is never finished: add `>`",
            ));
        }
        if input.peek(Token![let]) {
            input.parse::<Token![let]>()?;
            input.parse::<Token![:]>()?;
            item = Some(input.parse::<syn::Ident>()?);
            continue;
        }
        let (name, value) = parse_named_value(input)?;
        match name.to_string().as_str() {
            "each" => each = Some(value),
            "key" => match value {
                syn::Expr::Closure(c) if c.inputs.len() == 1 => key = Some(c),
                other => {
                    return Err(syn::Error::new(
                        other.span(),
                        "`key` must be a closure of one item, e.g. `key={|todo| todo.id}`",
                    ))
                }
            },
            _ => {
                return Err(syn::Error::new(
                    name.span(),
                    format!("`<For>` takes `each`, `key` and `let:item`, not `{name}`"),
                ))
            }
        }
    }
    input.parse::<Token![>]>()?;
    let missing = |what: &str| syn::Error::new(tag.span(), format!("`<For>` needs {what}"));
    let each = each.ok_or_else(|| missing("`each={signal}`: the Signal<Vec<T>> to list"))?;
    let key =
        key.ok_or_else(|| missing("`key={|item| item.id}`: a unique, stable key per item"))?;
    let item = item.ok_or_else(|| missing("`let:item`: the name each row's item is bound to"))?;
    let mut children = parse_children(input, "For", tag.span())?;
    children.retain(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()));
    let row = match (children.len(), children.pop()) {
        (1, Some(Node::Element(row))) => row,
        _ => {
            return Err(syn::Error::new(
                tag.span(),
                "a `<For>` row must be exactly one element (e.g. `<li>...</li>`): the element carries the row's key",
            ))
        }
    };
    Ok(Node::For(Box::new(ForNode {
        each,
        key,
        item,
        row: Box::new(row),
        span: tag.span(),
    })))
}

/// `<Show when={...} fallback={view! {...}}> content </Show>`, with `<`
/// already consumed.
pub fn parse_show(input: ParseStream) -> syn::Result<Node> {
    let tag: syn::Ident = input.parse()?;
    let (mut when, mut fallback) = (None, Vec::new());
    while !input.peek(Token![>]) {
        if input.is_empty() {
            return Err(syn::Error::new(
                tag.span(),
                "the `<Show` tag is never finished: add `>`",
            ));
        }
        let (name, value) = parse_named_value(input)?;
        match name.to_string().as_str() {
            "when" => when = Some(value),
            "fallback" => fallback = fallback_nodes(value)?,
            _ => {
                return Err(syn::Error::new(
                    name.span(),
                    format!("`<Show>` takes `when` and `fallback`, not `{name}`"),
                ))
            }
        }
    }
    input.parse::<Token![>]>()?;
    let when = when.ok_or_else(|| {
        syn::Error::new(
            tag.span(),
            "`<Show>` needs `when={move || ...}` (or a Signal<bool>)",
        )
    })?;
    let children = parse_children(input, "Show", tag.span())?;
    Ok(Node::Show(ShowNode {
        when,
        fallback,
        children,
        span: tag.span(),
    }))
}

/// The fallback is written `fallback={view! { ... }}`; its template is parsed
/// here so the browser can render it too.
fn fallback_nodes(value: syn::Expr) -> syn::Result<Vec<Node>> {
    match value {
        syn::Expr::Macro(m) if m.mac.path.is_ident("view") => {
            syn::parse::Parser::parse2(parse_template, m.mac.tokens)
        }
        other => Err(syn::Error::new(
            other.span(),
            "`fallback` must be written `fallback={view! { ... }}`",
        )),
    }
}

/// `name={value}`, an attribute of `<For>` or `<Show>`.
fn parse_named_value(input: ParseStream) -> syn::Result<(syn::Ident, syn::Expr)> {
    let name: syn::Ident = input.parse()?;
    input.parse::<Token![=]>().map_err(|_| {
        syn::Error::new(
            name.span(),
            format!("`{name}` needs a value: `{name}={{...}}`"),
        )
    })?;
    Ok((name, parse_value_expr(input)?))
}
