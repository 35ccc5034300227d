//! Reading `src/pages/`: every `.rs` file, its kind and its route, by the
//! naming scheme (see `resuma::pages!`). A name outside the scheme is an
//! error naming the file and the names that are allowed.

use std::path::{Path, PathBuf};

/// What a file under the pages directory is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A page: `index.rs`, `name.rs`, `[param].rs`, `[...rest].rs`.
    Page,
    /// `_layout.rs`: wraps every page of its directory and below.
    Layout,
    /// `_middleware.rs`: runs before every page of its directory and below.
    Middleware,
    /// `_404.rs` at the top: the not-found page.
    NotFound,
    /// `_500.rs` at the top: the error page.
    Error,
}

/// One file.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) kind: Kind,
    /// The path of the file.
    pub(crate) file: PathBuf,
    /// The file relative to the pages directory, with `/`, for messages.
    pub(crate) shown: String,
    /// Rust module names from the pages directory down to the file.
    pub(crate) modules: Vec<String>,
    /// The axum route (`/notes/{id}`), or the prefix of a layout or a
    /// middleware (`/admin`).
    pub(crate) route: String,
    /// The route's parameter names.
    pub(crate) params: Vec<String>,
}

/// What a name means in a route.
enum Segment {
    Plain(String),
    Param(String),
    Rest(String),
}

const SCHEME: &str = "page files are named `index.rs`, `name.rs` (lowercase letters, digits, `-`, `_`), `[param].rs`, `[...rest].rs`, `_layout.rs`, `_middleware.rs`, and at the top `_404.rs` and `_500.rs`; directories like pages or `[param]`";

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn segment(name: &str) -> Option<Segment> {
    if let Some(inner) = name.strip_prefix("[...").and_then(|n| n.strip_suffix(']')) {
        return is_ident(inner).then(|| Segment::Rest(inner.to_owned()));
    }
    if let Some(inner) = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        return is_ident(inner).then(|| Segment::Param(inner.to_owned()));
    }
    let mut chars = name.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    plain.then(|| Segment::Plain(name.to_owned()))
}

fn module_of(segment: &Segment) -> String {
    match segment {
        Segment::Plain(name) => name.replace('-', "_"),
        Segment::Param(name) => format!("param_{name}"),
        Segment::Rest(name) => format!("rest_{name}"),
    }
}

fn route_part(segment: &Segment) -> String {
    match segment {
        Segment::Plain(name) => name.clone(),
        Segment::Param(name) => format!("{{{name}}}"),
        Segment::Rest(name) => format!("{{*{name}}}"),
    }
}

fn param_of(segment: &Segment) -> Option<String> {
    match segment {
        Segment::Plain(_) => None,
        Segment::Param(name) | Segment::Rest(name) => Some(name.clone()),
    }
}

/// Every file under `root`, sorted by path so the table is the same on
/// every machine.
pub(crate) fn scan(root: &Path) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    walk(root, "", &mut Vec::new(), &mut Vec::new(), &mut entries)?;
    entries.sort_by(|a, b| a.shown.cmp(&b.shown));
    Ok(entries)
}

fn walk(
    dir: &Path,
    shown_dir: &str,
    segments: &mut Vec<Segment>,
    modules: &mut Vec<String>,
    out: &mut Vec<Entry>,
) -> Result<(), String> {
    let read =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut names: Vec<(String, bool)> = Vec::new();
    for item in read {
        let item = item.map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
        let is_dir = item.file_type().map(|t| t.is_dir()).unwrap_or(false);
        let name = item.file_name().to_string_lossy().into_owned();
        names.push((name, is_dir));
    }
    names.sort();
    for (name, is_dir) in names {
        let shown = format!("{shown_dir}{name}");
        if is_dir {
            let Some(seg) = segment(&name).filter(|s| !matches!(s, Segment::Rest(_))) else {
                return Err(format!(
                    "the directory `{shown}` has a name outside the scheme: {SCHEME}"
                ));
            };
            modules.push(module_of(&seg));
            segments.push(seg);
            walk(
                &dir.join(&name),
                &format!("{shown}/"),
                segments,
                modules,
                out,
            )?;
            segments.pop();
            modules.pop();
            continue;
        }
        let Some(stem) = name.strip_suffix(".rs") else {
            continue; // Not Rust: a README, an image.
        };
        let top = segments.is_empty();
        let (kind, own) = match stem {
            "index" => (Kind::Page, None),
            "_layout" => (Kind::Layout, None),
            "_middleware" => (Kind::Middleware, None),
            "_404" if top => (Kind::NotFound, None),
            "_500" if top => (Kind::Error, None),
            _ => match segment(stem) {
                Some(seg) => (Kind::Page, Some(seg)),
                None => {
                    return Err(format!(
                        "the page file `{shown}` has a name outside the scheme: {SCHEME}"
                    ))
                }
            },
        };
        let all: Vec<&Segment> = segments.iter().chain(own.as_ref()).collect();
        if let Some(pos) = all.iter().position(|s| matches!(s, Segment::Rest(_))) {
            if pos + 1 != all.len() {
                return Err(format!("`{shown}`: a `[...rest]` segment must be the last"));
            }
        }
        let route = format!(
            "/{}",
            all.iter()
                .map(|s| route_part(s))
                .collect::<Vec<_>>()
                .join("/")
        );
        let module = match (&kind, &own) {
            (Kind::Page, Some(seg)) => format!("page_{}", module_of(seg)),
            (Kind::Page, None) => "page_index".to_owned(),
            (Kind::Layout, _) => "layout".to_owned(),
            (Kind::Middleware, _) => "middleware".to_owned(),
            (Kind::NotFound, _) => "not_found".to_owned(),
            (Kind::Error, _) => "error".to_owned(),
        };
        let mut path = modules.clone();
        path.push(module);
        out.push(Entry {
            kind,
            file: dir.join(&name),
            shown,
            modules: path,
            route,
            params: all.iter().filter_map(|s| param_of(s)).collect(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_scheme() {
        assert!(matches!(segment("notes"), Some(Segment::Plain(_))));
        assert!(matches!(segment("about-us"), Some(Segment::Plain(_))));
        assert!(matches!(segment("[id]"), Some(Segment::Param(_))));
        assert!(matches!(segment("[...path]"), Some(Segment::Rest(_))));
        for bad in ["Notes", "my page", "[Id]", "[]", "[a-b]", "-x", "é"] {
            assert!(segment(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_tree_becomes_routes() {
        let root = std::env::temp_dir().join(format!("resuma-pages-scan-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("notes/[id]")).unwrap();
        for f in [
            "index.rs",
            "_layout.rs",
            "_404.rs",
            "notes/[id].rs",
            "notes/[id]/edit.rs",
            "about-us.rs",
            "README.md",
        ] {
            std::fs::write(root.join(f), "").unwrap();
        }
        let entries = scan(&root).unwrap();
        let routes: Vec<(&str, &Kind, String)> = entries
            .iter()
            .map(|e| (e.route.as_str(), &e.kind, e.modules.join("::")))
            .collect();
        assert_eq!(
            routes,
            [
                ("/", &Kind::NotFound, "not_found".to_owned()),
                ("/", &Kind::Layout, "layout".to_owned()),
                ("/about-us", &Kind::Page, "page_about_us".to_owned()),
                ("/", &Kind::Page, "page_index".to_owned()),
                (
                    "/notes/{id}",
                    &Kind::Page,
                    "notes::page_param_id".to_owned()
                ),
                (
                    "/notes/{id}/edit",
                    &Kind::Page,
                    "notes::param_id::page_edit".to_owned()
                ),
            ]
        );
        assert_eq!(entries[5].params, ["id"]);
        std::fs::write(root.join("Bad Name.rs"), "").unwrap();
        let err = scan(&root).unwrap_err();
        assert!(err.contains("`Bad Name.rs`"), "{err}");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
