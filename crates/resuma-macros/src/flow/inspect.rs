//! What a page file defines, read with `syn`: which of `view`, `load`,
//! `head`, `check`, `CACHE_CONTROL` and `PRERENDER` it has, and which route parameters
//! its `load` receives through `Path(...)`.

use syn::{FnArg, Item, Pat};

/// The items of one file that the route table uses.
#[derive(Debug, Default)]
pub(crate) struct Items {
    pub(crate) view: bool,
    pub(crate) load: Option<Loader>,
    pub(crate) head: bool,
    pub(crate) check: bool,
    pub(crate) cache_control: bool,
    pub(crate) prerender: bool,
}

/// The `load` function's view of the path.
#[derive(Debug, Default)]
pub(crate) struct Loader {
    /// Names bound inside a `Path(...)` argument pattern.
    pub(crate) bound: Vec<String>,
    /// Whether an argument takes a `Path<...>` whole (a struct of
    /// parameters): then any parameter may be in it.
    pub(crate) whole_path: bool,
}

/// Read `source`; `None` when it does not parse (rustc reports that
/// through the module itself, with the real spans).
pub(crate) fn items(source: &str) -> Option<Items> {
    let file = syn::parse_file(source).ok()?;
    let mut items = Items::default();
    for item in file.items {
        match item {
            Item::Fn(f) => match f.sig.ident.to_string().as_str() {
                "view" => items.view = true,
                "head" => items.head = true,
                "check" => items.check = true,
                "load" => items.load = Some(loader(&f.sig)),
                _ => {}
            },
            Item::Const(c) if c.ident == "CACHE_CONTROL" => items.cache_control = true,
            Item::Const(c) if c.ident == "PRERENDER" => items.prerender = true,
            _ => {}
        }
    }
    Some(items)
}

fn loader(sig: &syn::Signature) -> Loader {
    let mut found = Loader::default();
    for arg in &sig.inputs {
        let FnArg::Typed(arg) = arg else { continue };
        match &*arg.pat {
            Pat::TupleStruct(p) if last_is(&p.path, "Path") => {
                for elem in &p.elems {
                    bind(elem, &mut found.bound);
                }
            }
            Pat::Struct(p) if last_is(&p.path, "Path") => found.whole_path = true,
            _ => {
                if let syn::Type::Path(t) = &*arg.ty {
                    if last_is(&t.path, "Path") {
                        found.whole_path = true;
                    }
                }
            }
        }
    }
    found
}

fn last_is(path: &syn::Path, name: &str) -> bool {
    path.segments.last().is_some_and(|s| s.ident == name)
}

/// Names a pattern binds: `id`, `(a, b)`, `Params { id, .. }`.
fn bind(pat: &Pat, out: &mut Vec<String>) {
    match pat {
        Pat::Ident(p) => out.push(p.ident.to_string()),
        Pat::Tuple(p) => p.elems.iter().for_each(|e| bind(e, out)),
        Pat::Struct(p) => p.fields.iter().for_each(|f| match &f.member {
            syn::Member::Named(name) => out.push(name.to_string()),
            syn::Member::Unnamed(_) => bind(&f.pat, out),
        }),
        Pat::TupleStruct(p) => p.elems.iter().for_each(|e| bind(e, out)),
        Pat::Type(p) => bind(&p.pat, out),
        Pat::Reference(p) => bind(&p.pat, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_items_and_the_path_bindings() {
        let found = items(
            "pub async fn load(Path((id, slug)): Path<(u32, String)>, q: Query<Q>) -> Result<N, PageError> { todo!() }
             pub fn head(n: &N) -> Head { todo!() }
             pub fn view(n: N) -> impl IntoView {}
             pub const CACHE_CONTROL: &str = \"private\";
             pub const PRERENDER: bool = true;",
        )
        .unwrap();
        assert!(found.view && found.head && found.cache_control && found.prerender && !found.check);
        let load = found.load.unwrap();
        assert_eq!(load.bound, ["id", "slug"]);
        assert!(!load.whole_path);
        let whole = items("async fn load(p: axum::extract::Path<P>) {}").unwrap();
        assert!(whole.load.unwrap().whole_path);
        assert!(items("fn (").is_none());
    }
}
