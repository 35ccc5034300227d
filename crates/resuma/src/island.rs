//! Islands on the server (protocol.md §10): the `<resuma-island>` wrapper a
//! `#[island]` component renders, the built island files an [`crate::App`]
//! serves, and the boot script pages with islands get.
//!
//! `resuma build` writes each island's wasm-bindgen glue and Wasm under
//! content-hashed names plus a `manifest.json` naming them; the app loads
//! that directory once ([`crate::App::islands_dir`]), serves its files
//! immutable under `/_resuma/islands/`, and the wrapper of a rendered island
//! carries its module's hashed URL.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::assets::Asset;
use crate::html::Html;
use crate::view::IntoView;

/// The minified boot script (built from `runtime/islands.js` by `npm run build`).
pub const ISLANDS_JS: &str = include_str!("../assets/islands.js");

/// Where island files are served.
pub const URL_PREFIX: &str = "/_resuma/islands/";

/// What `#[island(...)]` said, fixed at compile time.
#[doc(hidden)]
#[derive(Debug)]
pub struct IslandSpec {
    /// The island crate's library name, the key in `manifest.json`.
    pub module: &'static str,
    /// `visible`, `idle`, `load`, `media` or `interaction`.
    pub load: &'static str,
    /// The media query of `media(...)`, else empty.
    pub media: &'static str,
    /// The root margin of `visible`, else empty.
    pub margin: &'static str,
}

/// The props of one island, serialised by name as a JSON object.
#[doc(hidden)]
#[derive(Default)]
pub struct IslandProps(serde_json::Map<String, serde_json::Value>);

impl IslandProps {
    pub fn new() -> Self {
        IslandProps::default()
    }

    /// Add prop `name`.
    ///
    /// # Panics
    /// When the value cannot be represented as JSON (a map with non-string
    /// keys): a bug in the page, reported with the prop's name.
    pub fn prop<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        let json = serde_json::to_value(value).unwrap_or_else(|err| {
            panic!("island prop `{name}` cannot be serialised to JSON: {err}")
        });
        self.0.insert(name.to_owned(), json);
        self
    }

    /// The JSON text.
    pub fn finish(self) -> String {
        serde_json::Value::Object(self.0).to_string()
    }
}

/// The island's server-rendered body inside its wrapper.
#[doc(hidden)]
pub struct IslandView<V> {
    spec: &'static IslandSpec,
    props: String,
    body: V,
}

/// What `#[island]` components return.
#[doc(hidden)]
pub fn island_view<V: IntoView>(
    spec: &'static IslandSpec,
    props: String,
    body: V,
) -> IslandView<V> {
    IslandView { spec, props, body }
}

impl<V: IntoView> IntoView for IslandView<V> {
    fn render(self, out: &mut Html) {
        out.mark_island();
        let url = module_url(self.spec.module);
        // `display: contents` keeps the wrapper out of the layout; the boot
        // script observes the island's own boxes for `visible`.
        out.raw("<resuma-island data-r-island=\"");
        out.attr_value(url.as_deref().unwrap_or(""));
        out.raw("\" data-r-load=\"");
        out.attr_value(self.spec.load);
        if !self.spec.media.is_empty() {
            out.raw("\" data-r-media=\"");
            out.attr_value(self.spec.media);
        }
        if !self.spec.margin.is_empty() {
            out.raw("\" data-r-margin=\"");
            out.attr_value(self.spec.margin);
        }
        out.raw("\" style=\"display:contents\"><script type=\"resuma/props\">");
        out.script_json(&self.props);
        out.raw("</script>");
        self.body.render(out);
        out.raw("</resuma-island>");
    }
}

/// The built island files of an app: `manifest.json` and what it names,
/// each in the encodings we serve.
#[derive(Debug, Default)]
pub struct IslandFiles {
    /// Island name → URL of its module (the glue).
    modules: HashMap<String, String>,
    /// File name → bytes.
    files: HashMap<String, Asset>,
}

/// `manifest.json` as `resuma build` writes it.
#[derive(serde::Deserialize)]
struct Manifest {
    islands: HashMap<String, ManifestEntry>,
}

#[derive(serde::Deserialize)]
struct ManifestEntry {
    js: String,
    wasm: String,
}

impl IslandFiles {
    /// Load `dir/manifest.json` and the files it names.
    pub fn load(dir: &Path) -> Result<Self, String> {
        let manifest_path = dir.join("manifest.json");
        let text = std::fs::read_to_string(&manifest_path).map_err(|err| {
            format!(
                "cannot read {}: {err}. Build the islands first with `resuma build` (it writes that file).",
                manifest_path.display()
            )
        })?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|err| {
            format!(
                "{} is not a manifest written by `resuma build`: {err}",
                manifest_path.display()
            )
        })?;
        let mut out = IslandFiles::default();
        for (name, entry) in manifest.islands {
            for file in [&entry.js, &entry.wasm] {
                if file.contains(['/', '\\']) || file.starts_with('.') {
                    return Err(format!(
                        "{}: `{file}` is not a plain file name",
                        manifest_path.display()
                    ));
                }
                let bytes = std::fs::read(dir.join(file)).map_err(|err| {
                    format!(
                        "cannot read island file {}: {err}; run `resuma build` again",
                        dir.join(file).display()
                    )
                })?;
                let asset = Asset::new(bytes);
                // Natively at start-up; a wasi:http component compresses
                // only what a request asks for (crate::assets).
                #[cfg(not(target_arch = "wasm32"))]
                asset.precompress();
                out.files.insert(file.clone(), asset);
            }
            out.modules
                .insert(name, format!("{URL_PREFIX}{}", entry.js));
        }
        Ok(out)
    }

    /// A served file by name.
    pub fn get(&self, file: &str) -> Option<&Asset> {
        self.files.get(file)
    }

    /// The file names, sorted (the static export copies them).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.files.keys().cloned().collect();
        names.sort();
        names
    }

    /// The URL of island `name`'s module.
    pub fn module_url(&self, name: &str) -> Option<&str> {
        self.modules.get(name).map(String::as_str)
    }
}

/// The `Content-Type` of an island file.
pub fn content_type(file: &str) -> &'static str {
    if file.ends_with(".wasm") {
        "application/wasm"
    } else {
        "text/javascript; charset=utf-8"
    }
}

thread_local! {
    /// The island files of the app whose page is rendering on this thread.
    static FILES: RefCell<Option<Arc<IslandFiles>>> = const { RefCell::new(None) };
    /// Whether the page rendering on this thread rendered an island.
    static USED: Cell<bool> = const { Cell::new(false) };
}

/// Run a page render with `files` as the app's islands; returns the render's
/// result and whether it rendered an island (its response then needs
/// `'wasm-unsafe-eval'`, protocol.md §9).
pub(crate) fn render_with<R>(
    files: Option<&Arc<IslandFiles>>,
    render: impl FnOnce() -> R,
) -> (R, bool) {
    let previous = FILES.with(|f| f.replace(files.cloned()));
    let was_used = USED.with(|u| u.replace(false));
    let result = render();
    let used = USED.with(|u| u.replace(was_used));
    FILES.with(|f| *f.borrow_mut() = previous);
    (result, used)
}

fn module_url(module: &str) -> Option<String> {
    USED.with(|u| u.set(true));
    let url = FILES.with(|f| {
        f.borrow()
            .as_ref()
            .and_then(|files| files.module_url(module).map(str::to_owned))
    });
    if url.is_none() {
        tracing::warn!(
            island = module,
            "island has no built module: its HTML is served but it stays inert. Run `resuma build` and serve \
             the output with `App::islands_dir`."
        );
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    static SPEC: IslandSpec = IslandSpec {
        module: "demo",
        load: "visible",
        media: "",
        margin: "100px",
    };

    #[test]
    fn wrapper_carries_directive_and_escaped_props() {
        let props = IslandProps::new().prop("text", "</script><!--").finish();
        let (html, used) = render_with(None, || {
            crate::render_to_string(|| island_view(&SPEC, props, "body"))
        });
        assert!(used);
        assert_eq!(
            html,
            "<resuma-island data-r-island=\"\" data-r-load=\"visible\" data-r-margin=\"100px\" style=\"display:contents\">\
             <script type=\"resuma/props\">{\"text\":\"\\u003c/script\\u003e\\u003c!--\"}</script>body</resuma-island>"
        );
    }

    #[test]
    fn pages_without_islands_are_not_marked() {
        let (_, used) = render_with(None, || crate::render_to_string(|| "plain"));
        assert!(!used);
    }
}
