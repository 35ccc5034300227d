//! A component's own client template, so the browser can render it inside
//! the `<For>` rows and `<Show>` branches it inserts (protocol.md §11,
//! "Components in rows").
//!
//! A component written inside a row is a Rust function call on the server;
//! the enclosing `view!` cannot see its body (another macro call, maybe
//! another crate). So `#[component]` compiles the template itself, as an
//! export `(p, $c, $h) => string` of its own chunk taking the props object
//! `p`, and implements `resuma::__private::BrowserTemplate` on the props
//! type, naming that export. The enclosing block writes the names of its
//! components' templates into its marker; the blocks module loads them with
//! the block's template and renders them through `h.c(i, props)`.
//!
//! Only components whose template is plain enough get one: the body is one
//! `view!`, props are plain (no defaults, no children), the view renders no
//! component of its own, and its handlers capture only `Signal` props (a
//! value prop has no id the browser could find). Any other component still
//! works everywhere else; inside a row the missing impl is a compile error
//! at the use, whose note says this.

use super::ast::Node;
use super::blocks::block_events;
use super::generate::Generator;
use super::template_scope::{TemplateScope, Value};

/// The template of one component, compiled into a chunk of its own so
/// that pages which never render the component in the browser never
/// download it.
pub struct ComponentTemplate {
    /// The template function, `(p, $c, $h) => string`.
    js: String,
    helpers: Vec<String>,
    /// Whether it evaluates derived bodies of the component's chunk.
    imports_main: bool,
    /// The event types of its handlers.
    pub events: Vec<String>,
}

impl ComponentTemplate {
    /// The template's chunk, beside the component's own chunk `main`
    /// (where its handlers and derived bodies are): `n` names `main` in
    /// handler attributes and markers, `m` holds its exports.
    pub fn chunk(
        &self,
        main: Option<&str>,
    ) -> Result<crate::chunk::ChunkCode, proc_macro2::TokenStream> {
        let mut chunk = rs2js::Chunk::new();
        chunk.add(rs2js::Handler {
            js: self.js.clone(),
            js_compact: self.js.clone(),
            captures: Vec::new(),
            helpers: self.helpers.clone(),
            value_type: None,
            wanted_types: Vec::new(),
            calls_server: false,
        });
        let main = main.unwrap_or("");
        let mut prelude = String::new();
        if self.imports_main {
            prelude.push_str(&format!("import * as m from \"./{main}.js\";\n"));
        }
        prelude.push_str(&format!("const $n = {};\n", rs2js::js_string(main)));
        crate::chunk::ChunkCode::with_prelude(&chunk, &prelude)
    }
}

/// Compile `func`'s template, if it has one (see the module's comment).
pub fn compile(gen: &mut Generator, func: &syn::ItemFn) -> Option<ComponentTemplate> {
    // `view! { .. }` as the body's only statement (syn reads a braced
    // macro there as a macro statement) or as its value.
    let view = match func.block.stmts.as_slice() {
        [syn::Stmt::Expr(syn::Expr::Macro(view), None)] => &view.mac,
        [syn::Stmt::Macro(view)] if view.semi_token.is_none() => &view.mac,
        _ => return None,
    };
    if !view.path.is_ident("view") {
        return None;
    }
    let nodes =
        syn::parse::Parser::parse2(super::parse::parse_template, view.tokens.clone()).ok()?;
    // Blocks inside it would need templates of their own in this chunk.
    if has_blocks(&nodes) {
        return None;
    }
    let (mut values, mut signals) = (Vec::new(), Vec::new());
    for input in &func.sig.inputs {
        let syn::FnArg::Typed(arg) = input else {
            return None;
        };
        let syn::Pat::Ident(pat) = &*arg.pat else {
            return None;
        };
        if !arg.attrs.iter().all(|a| a.path().is_ident("doc")) || pat.ident == "children" {
            return None;
        }
        if is_signal(&arg.ty) {
            signals.push(pat.ident.clone());
        } else {
            values.push(Value {
                name: pat.ident.clone(),
                ty: Some((*arg.ty).clone()),
                js: format!("p.{}", pat.ident),
            });
        }
    }
    let mut scope = TemplateScope::component(values, signals, gen.env.items.clone());
    let body = gen.template(&mut scope, &nodes, None).ok()?;
    // A field of a type whose definition the component lacks would be
    // translated on an assumption: no template rather than a guess.
    let known: Vec<String> = scope.items.iter().filter_map(item_name).collect();
    if !scope.components.is_empty() || scope.wanted.iter().any(|w| !known.contains(w)) {
        return None;
    }
    let js = match scope.consts(None) {
        consts if consts.is_empty() => format!("(p, $c, $h) => {body}"),
        consts => format!("(() => {{ {consts}return (p, $c, $h) => {body}; }})()"),
    };
    Some(ComponentTemplate {
        js,
        helpers: scope.helpers.clone(),
        imports_main: scope.uses_exports,
        events: block_events(&nodes),
    })
}

fn has_blocks(nodes: &[Node]) -> bool {
    nodes.iter().any(|node| match node {
        Node::For(_) | Node::Show(_) => true,
        Node::Element(el) => has_blocks(&el.children),
        Node::Fragment(children) => has_blocks(children),
        Node::Component(c) => c.children.as_deref().is_some_and(has_blocks),
        Node::Text(_) | Node::Expr(_) => false,
    })
}

fn is_signal(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Signal"))
}

fn item_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        _ => None,
    }
}
