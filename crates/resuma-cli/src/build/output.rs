//! Content-hashed output files and `manifest.json` (protocol.md §10).

use std::path::{Path, PathBuf};

use resuma::assets::content_hash;

/// The hashed names of one island's files.
pub struct Names {
    pub wasm: String,
}

impl Names {
    /// `NAME-HASH.wasm`; the glue's name is known only after it has been
    /// pointed at this one (its bytes change), see [`write`].
    pub fn for_wasm(name: &str, wasm: &[u8]) -> Names {
        Names {
            wasm: format!("{name}-{}.wasm", content_hash(wasm)),
        }
    }
}

/// What the manifest records for an island.
#[derive(Debug, serde::Serialize)]
pub struct Entry {
    pub js: String,
    pub wasm: String,
}

/// wasm-bindgen's glue fetches `NAME_bg.wasm` next to itself by default;
/// make it fetch the hashed file instead, so a page needs one URL per island.
pub fn point_glue_at(glue: &str, name: &str, hashed_wasm: &str) -> Result<String, String> {
    let default = format!("'{name}_bg.wasm'");
    match glue.matches(&default).count() {
        1 => Ok(glue.replace(&default, &format!("'{hashed_wasm}'"))),
        n => Err(format!(
            "expected wasm-bindgen's glue to name {default} once, found it {n} times: is the wasm-bindgen CLI a different version?"
        )),
    }
}

/// Write the island's files under their hashed names.
pub fn write(
    out_dir: &Path,
    name: &str,
    names: Names,
    glue: &[u8],
    wasm: &[u8],
) -> Result<Entry, String> {
    std::fs::create_dir_all(out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let js = format!("{name}-{}.js", content_hash(glue));
    write_file(&out_dir.join(&js), glue)?;
    write_file(&out_dir.join(&names.wasm), wasm)?;
    Ok(Entry {
        js,
        wasm: names.wasm,
    })
}

/// Write `manifest.json` and delete the files an earlier build named that
/// this one does not.
pub fn write_manifest(out_dir: &Path, entries: &[(String, Entry)]) -> Result<(), String> {
    let path = out_dir.join("manifest.json");
    let keep: Vec<&str> = entries
        .iter()
        .flat_map(|(_, e)| [e.js.as_str(), e.wasm.as_str()])
        .collect();
    if let Ok(old) = std::fs::read_to_string(&path) {
        if let Ok(old) = serde_json::from_str::<serde_json::Value>(&old) {
            for entry in old["islands"]
                .as_object()
                .into_iter()
                .flat_map(|m| m.values())
            {
                for file in [&entry["js"], &entry["wasm"]]
                    .into_iter()
                    .filter_map(|f| f.as_str())
                {
                    if !keep.contains(&file) && !file.contains(['/', '\\']) {
                        let _ = std::fs::remove_file(out_dir.join(file));
                    }
                }
            }
        }
    }
    let islands: serde_json::Map<String, serde_json::Value> = entries
        .iter()
        .map(|(name, entry)| {
            (
                name.clone(),
                serde_json::to_value(entry).expect("plain strings"),
            )
        })
        .collect();
    let json = serde_json::json!({ "islands": islands });
    write_file(
        &path,
        format!(
            "{}\n",
            serde_json::to_string_pretty(&json).expect("plain JSON")
        )
        .as_bytes(),
    )
}

fn write_file(path: &PathBuf, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glue_points_at_the_hashed_wasm() {
        let glue = "module_or_path = new URL('demo_bg.wasm', import.meta.url);";
        let out = point_glue_at(glue, "demo", "demo-0123456789ab.wasm").unwrap();
        assert_eq!(
            out,
            "module_or_path = new URL('demo-0123456789ab.wasm', import.meta.url);"
        );
        assert!(point_glue_at("no reference", "demo", "x.wasm").is_err());
    }

    #[test]
    fn names_are_content_hashed() {
        let a = Names::for_wasm("demo", b"one");
        let b = Names::for_wasm("demo", b"two");
        assert!(
            a.wasm.starts_with("demo-")
                && a.wasm.ends_with(".wasm")
                && a.wasm.len() == "demo-".len() + 12 + 5
        );
        assert_ne!(a.wasm, b.wasm);
    }
}
