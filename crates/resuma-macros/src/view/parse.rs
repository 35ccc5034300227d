//! Tokens → [`ast`](super::ast). Every error points at the token that caused
//! it and says in a sentence what to write instead.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{token, Token};

use super::ast::{Attr, Component, Element, Modifier, Node, Prop};

/// Elements that never have children or a closing tag.
pub const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Parse a whole template: nodes until the end of input.
pub fn parse_template(input: ParseStream) -> syn::Result<Vec<Node>> {
    let mut nodes = Vec::new();
    while !input.is_empty() {
        if input.peek(Token![<]) && input.peek2(Token![/]) {
            let (name, span) = parse_closing_tag(input)?;
            return Err(syn::Error::new(
                span,
                format!("unexpected closing tag `</{name}>`: no element is open here"),
            ));
        }
        nodes.push(parse_node(input)?);
    }
    Ok(nodes)
}

fn parse_node(input: ParseStream) -> syn::Result<Node> {
    if input.peek(Token![<]) {
        if input.peek2(Token![>]) {
            return parse_fragment(input);
        }
        return parse_tag(input);
    }
    if input.peek(syn::LitStr) {
        let lit: syn::LitStr = input.parse()?;
        return Ok(Node::Text(lit.value()));
    }
    if input.peek(token::Brace) {
        return Ok(Node::Expr(parse_braced_expr(input)?));
    }
    let tt: proc_macro2::TokenTree = input.parse()?;
    let what = tt.to_string();
    let hint = match &tt {
        proc_macro2::TokenTree::Ident(_) => format!(
            "text must be a string literal (\"{what}\") and Rust expressions go in braces ({{{what}}})"
        ),
        proc_macro2::TokenTree::Literal(_) => format!("only string literals are text; write \"{what}\" or {{{what}}}"),
        _ => "expected an element (`<div>`), a string literal (\"text\") or an expression in braces (`{value}`)".into(),
    };
    Err(syn::Error::new(
        tt.span(),
        format!("unexpected `{what}` in view: {hint}"),
    ))
}

fn parse_fragment(input: ParseStream) -> syn::Result<Node> {
    let open: Token![<] = input.parse()?;
    input.parse::<Token![>]>()?;
    let children = parse_children(input, "", open.span)?;
    Ok(Node::Fragment(children))
}

fn parse_tag(input: ParseStream) -> syn::Result<Node> {
    input.parse::<Token![<]>()?;
    if input.peek(syn::Ident)
        && (input.peek2(syn::Ident) || input.peek2(Token![>]) || input.peek2(Token![let]))
    {
        let fork = input.fork();
        let name: syn::Ident = fork.parse()?;
        if name == "For" {
            return super::control::parse_for(input);
        }
        if name == "Show" {
            return super::control::parse_show(input);
        }
    }
    if starts_component(input) {
        return parse_component(input);
    }
    let (name, name_span) = parse_name(input, false)?;
    let mut attrs = Vec::new();
    while !(input.peek(Token![>]) || input.peek(Token![/])) {
        if input.is_empty() {
            return Err(syn::Error::new(
                name_span,
                format!("the start tag `<{name}` is never finished: add `>`"),
            ));
        }
        let span = input.span();
        let attr = parse_attr(input)?;
        if let Attr::Static {
            name: attr_name, ..
        }
        | Attr::Dynamic {
            name: attr_name, ..
        } = &attr
        {
            // The HTML parser keeps only the first of two attributes with one
            // (case-insensitive) name: a second would never show, and a bound
            // one would read back wrong in the browser (protocol.md §5).
            let given_before = attrs.iter().any(|a| match a {
                Attr::Static { name, .. } | Attr::Dynamic { name, .. } => {
                    name.eq_ignore_ascii_case(attr_name)
                }
                _ => false,
            });
            if given_before {
                return Err(syn::Error::new(
                    span,
                    format!("the attribute `{attr_name}` is given twice on `<{name}>`: the browser keeps only the first"),
                ));
            }
        }
        attrs.push(attr);
    }
    let is_void = VOID_ELEMENTS.contains(&name.as_str());
    if input.peek(Token![/]) {
        input.parse::<Token![/]>()?;
        input.parse::<Token![>]>()?;
        return Ok(Node::Element(Element {
            name,
            attrs,
            children: Vec::new(),
        }));
    }
    input.parse::<Token![>]>()?;
    let children = if is_void {
        Vec::new()
    } else {
        parse_children(input, &name, name_span)?
    };
    Ok(Node::Element(Element {
        name,
        attrs,
        children,
    }))
}

fn starts_component(input: ParseStream) -> bool {
    let fork = input.fork();
    match fork.call(syn::Ident::parse_any) {
        Ok(ident) => {
            ident
                .to_string()
                .starts_with(|c: char| c.is_ascii_uppercase())
                || fork.peek(Token![::])
        }
        Err(_) => false,
    }
}

fn parse_component(input: ParseStream) -> syn::Result<Node> {
    let path = syn::Path::parse_mod_style(input)?;
    let display = path_string(&path);
    let mut props: Vec<Prop> = Vec::new();
    while !(input.peek(Token![>]) || input.peek(Token![/])) {
        if input.is_empty() {
            return Err(syn::Error::new(
                path.span(),
                format!("the tag `<{display}` is never finished: add `/>` or `>`"),
            ));
        }
        let name = input.call(syn::Ident::parse_any)?;
        if input.peek(Token![-]) || input.peek(Token![:]) {
            return Err(input.error(format!(
                "component props are Rust names: `{name}` cannot contain `-` or `:`"
            )));
        }
        if name == "children" {
            return Err(syn::Error::new(
                name.span(),
                "pass children between the tags, not as a `children` prop",
            ));
        }
        if let Some(dup) = props.iter().find(|p| p.name == name) {
            let _ = dup;
            return Err(syn::Error::new(
                name.span(),
                format!("the prop `{name}` is given twice"),
            ));
        }
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            parse_value_expr(input)?
        } else {
            syn::parse_quote_spanned!(name.span()=> true)
        };
        props.push(Prop {
            span: name.span(),
            name,
            value,
        });
    }
    if input.peek(Token![/]) {
        input.parse::<Token![/]>()?;
        input.parse::<Token![>]>()?;
        return Ok(Node::Component(Component {
            path,
            props,
            children: None,
        }));
    }
    input.parse::<Token![>]>()?;
    let children = parse_children(input, &display, path.span())?;
    Ok(Node::Component(Component {
        path,
        props,
        children: Some(children),
    }))
}

/// Parse children up to and including the closing tag of `open` (`""` for a
/// fragment).
pub(super) fn parse_children(
    input: ParseStream,
    open: &str,
    open_span: Span,
) -> syn::Result<Vec<Node>> {
    let mut children = Vec::new();
    loop {
        if input.is_empty() {
            let shown = if open.is_empty() {
                "<>".to_owned()
            } else {
                format!("<{open}>")
            };
            let close = if open.is_empty() {
                "</>".to_owned()
            } else {
                format!("</{open}>")
            };
            return Err(syn::Error::new(
                open_span,
                format!("`{shown}` is never closed: add `{close}`"),
            ));
        }
        if input.peek(Token![<]) && input.peek2(Token![/]) {
            let (name, span) = parse_closing_tag(input)?;
            if name == open {
                return Ok(children);
            }
            let expected = if open.is_empty() {
                "</>".to_owned()
            } else {
                format!("</{open}>")
            };
            let found = if name.is_empty() {
                "</>".to_owned()
            } else {
                format!("</{name}>")
            };
            let mut message =
                format!("mismatched closing tag: expected `{expected}`, found `{found}`");
            if VOID_ELEMENTS.contains(&name.as_str()) {
                message = format!(
                    "`<{name}>` is a void element and has no closing tag: remove `</{name}>`"
                );
            }
            return Err(syn::Error::new(span, message));
        }
        if RAW_TEXT_ELEMENTS.contains(&open) {
            children.push(parse_raw_text(input, open)?);
            continue;
        }
        children.push(parse_node(input)?);
    }
}

/// Elements whose content the browser takes as it is, with no entities
/// decoded: escaping their text would change it (`a > b` in CSS).
pub const RAW_TEXT_ELEMENTS: &[&str] = &["script", "style"];

/// The content of a `<style>` or `<script>`: string literals only, written
/// as they are. An expression is refused: escaped, its text would arrive
/// changed; unescaped, a value could end the element and inject markup.
fn parse_raw_text(input: ParseStream, open: &str) -> syn::Result<Node> {
    if !input.peek(syn::LitStr) {
        let next: proc_macro2::TokenTree = input.parse()?;
        return Err(syn::Error::new(
            next.span(),
            format!(
                "`<{open}>` takes string literals only: the browser does not decode its text, \
                 so a value could not be escaped there. Put the text in a string literal (a \
                 page's own styles can also go in `App::head`)"
            ),
        ));
    }
    let lit: syn::LitStr = input.parse()?;
    let text = lit.value();
    // The parser ends the element at `</style` (any case) and may treat
    // `<!--` in a script specially: such text cannot be written as is.
    let lower = text.to_ascii_lowercase();
    if lower.contains(&format!("</{open}")) || lower.contains("<!--") {
        return Err(syn::Error::new(
            lit.span(),
            format!("`<{open}>` text cannot contain `</{open}` or `<!--`: the browser would end or misread the element there"),
        ));
    }
    Ok(Node::Text(text))
}

/// `</name>` or `</>`; returns the name (empty for a fragment) and its span.
fn parse_closing_tag(input: ParseStream) -> syn::Result<(String, Span)> {
    let lt: Token![<] = input.parse()?;
    input.parse::<Token![/]>()?;
    if input.peek(Token![>]) {
        input.parse::<Token![>]>()?;
        return Ok((String::new(), lt.span));
    }
    let (name, span) = if starts_component(input) {
        let path = syn::Path::parse_mod_style(input)?;
        (path_string(&path), path.span())
    } else {
        parse_name(input, false)?
    };
    input.parse::<Token![>]>()?;
    Ok((name, span))
}

/// An element or attribute name: identifiers joined by `-` (and by `:` for
/// attributes such as `on:click`).
fn parse_name(input: ParseStream, allow_colon: bool) -> syn::Result<(String, Span)> {
    let first = input
        .call(syn::Ident::parse_any)
        .map_err(|e| syn::Error::new(e.span(), "expected a tag or attribute name here"))?;
    let mut name = first.to_string();
    let mut span = first.span();
    loop {
        let sep = if input.peek(Token![-]) {
            input.parse::<Token![-]>()?;
            '-'
        } else if allow_colon && input.peek(Token![:]) && !input.peek(Token![::]) {
            input.parse::<Token![:]>()?;
            ':'
        } else {
            break;
        };
        let part = input.call(syn::Ident::parse_any).map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("expected a name part after `{name}{sep}`"),
            )
        })?;
        name.push(sep);
        name.push_str(&part.to_string());
        span = span.join(part.span()).unwrap_or(span);
    }
    Ok((name, span))
}

fn parse_attr(input: ParseStream) -> syn::Result<Attr> {
    let (name, span) = parse_name(input, true)?;
    if name.starts_with("data-r-") {
        return Err(syn::Error::new(
            span,
            format!("`{name}`: attributes starting with `data-r-` are reserved for Resuma"),
        ));
    }
    if let Some((kind, event)) = modifier(&name) {
        if input.peek(Token![=]) {
            return Err(input.error(format!("`{name}` takes no value")));
        }
        return Ok(Attr::Modifier {
            kind,
            event: event.to_owned(),
        });
    }
    if let Some(event) = event_name(&name) {
        if !input.peek(Token![=]) {
            return Err(syn::Error::new(
                span,
                format!("`{name}` needs a handler: `{name}={{move |_| ...}}`"),
            ));
        }
        input.parse::<Token![=]>()?;
        let expr = parse_value_expr(input)?;
        return match expr {
            syn::Expr::Closure(closure) => Ok(Attr::Event { event, closure }),
            other => Err(syn::Error::new(
                other.span(),
                format!(
                    "the `{name}` handler must be a closure written right here, e.g. \
                     `{name}={{move |_| count.set(count.get() + 1)}}`, so it can be translated to JavaScript"
                ),
            )),
        };
    }
    if !input.peek(Token![=]) {
        return Ok(Attr::Static { name, value: None });
    }
    input.parse::<Token![=]>()?;
    if input.peek(syn::Lit) {
        let lit: syn::Lit = input.parse()?;
        let value = match &lit {
            syn::Lit::Str(s) => s.value(),
            syn::Lit::Int(i) => i.base10_digits().to_owned(),
            syn::Lit::Float(f) => f.base10_digits().to_owned(),
            syn::Lit::Bool(b) => {
                return Ok(if b.value {
                    Attr::Static { name, value: None }
                } else {
                    Attr::Dynamic {
                        name,
                        expr: syn::parse_quote!(false),
                    }
                });
            }
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    "attribute values are string or number literals, or `{expressions}`",
                ))
            }
        };
        return Ok(Attr::Static {
            name,
            value: Some(value),
        });
    }
    if input.peek(token::Brace) {
        let expr = parse_value_expr(input)?;
        return Ok(Attr::Dynamic { name, expr });
    }
    Err(input.error(format!(
        "the value of `{name}` must be a literal (\"text\") or an expression in braces ({{value}})"
    )))
}

/// `{expr}`: exactly one expression in braces.
fn parse_braced_expr(input: ParseStream) -> syn::Result<syn::Expr> {
    let content;
    let braces = syn::braced!(content in input);
    if content.is_empty() {
        return Err(syn::Error::new(
            braces.span.join(),
            "empty braces: put an expression inside, e.g. `{count}`",
        ));
    }
    let expr: syn::Expr = content.parse()?;
    if !content.is_empty() {
        return Err(
            content.error("expected the end of this `{...}` block: braces hold one expression")
        );
    }
    Ok(expr)
}

/// `{expr}` or a literal, as an expression.
pub(super) fn parse_value_expr(input: ParseStream) -> syn::Result<syn::Expr> {
    if input.peek(token::Brace) {
        return parse_braced_expr(input);
    }
    if input.peek(syn::Lit) {
        let lit: syn::Lit = input.parse()?;
        return Ok(syn::Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit,
        }));
    }
    Err(input.error("expected a literal or an expression in braces (`{value}`)"))
}

/// `onClick` → `click`, `on:click` → `click`, `onKeyDown` → `keydown`.
fn event_name(attr: &str) -> Option<String> {
    if let Some(event) = attr.strip_prefix("on:") {
        return Some(event.to_owned());
    }
    let rest = attr.strip_prefix("on")?;
    if rest.starts_with(|c: char| c.is_ascii_uppercase()) && !rest.contains([':', '-']) {
        return Some(rest.to_ascii_lowercase());
    }
    None
}

fn modifier(attr: &str) -> Option<(Modifier, &str)> {
    if let Some(event) = attr.strip_prefix("prevent:") {
        return Some((Modifier::Prevent, event));
    }
    attr.strip_prefix("stop:")
        .map(|event| (Modifier::Stop, event))
}

fn path_string(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_names() {
        assert_eq!(event_name("onClick").as_deref(), Some("click"));
        assert_eq!(event_name("onKeyDown").as_deref(), Some("keydown"));
        assert_eq!(
            event_name("on:pointerenter").as_deref(),
            Some("pointerenter")
        );
        assert_eq!(event_name("one"), None);
        assert_eq!(event_name("online"), None);
    }
}
