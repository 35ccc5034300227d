//! The islands: each island crate goes through cargo (wasm32) →
//! wasm-bindgen → wasm-opt → the glue minified in-process → hashed files,
//! then one `manifest.json` names them all for the server.

use std::path::Path;

use super::minify_js;
use super::output;
use super::project::Project;
use super::tools::Toolbox;
use crate::shown;
use crate::sizes::{self, Row, Sizes};

/// Build every island of `project` into `out_dir`, print the size table,
/// and check `budget` (a size-budget JSON file) when given.
pub fn build(project: &Project, out_dir: &Path, budget: Option<&Path>) -> Result<(), String> {
    // Check every tool before the long compile, so a missing one fails fast.
    let toolbox = Toolbox::find(project)?;
    let wasm_files = toolbox.cargo_build()?;

    let work_dir = project.target_dir.join("resuma-build");
    let mut entries = Vec::new();
    let mut rows = Vec::new();
    let mut totals = Vec::new();
    for island in &project.islands {
        let wasm_in = wasm_files.get(&island.lib_name).ok_or_else(|| {
            format!(
                "cargo built no `{}.wasm` for island `{}`",
                island.lib_name, island.package
            )
        })?;
        let dir = work_dir.join(&island.lib_name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let (glue, wasm) = toolbox.wasm_bindgen(wasm_in, &dir, &island.lib_name)?;
        let wasm = toolbox.wasm_opt(&wasm, &dir.join(format!("{}.opt.wasm", island.lib_name)))?;
        let wasm_bytes =
            std::fs::read(&wasm).map_err(|e| format!("cannot read {}: {e}", wasm.display()))?;
        let glue_source = std::fs::read_to_string(&glue)
            .map_err(|e| format!("cannot read {}: {e}", glue.display()))?;
        let names = output::Names::for_wasm(&island.lib_name, &wasm_bytes);
        let glue_source = output::point_glue_at(&glue_source, &island.lib_name, &names.wasm)?;
        let glue_bytes = minify_js::minify_module(&glue_source, &shown(&glue))?.into_bytes();
        let entry = output::write(out_dir, &island.lib_name, names, &glue_bytes, &wasm_bytes)?;

        let (wasm_sizes, js_sizes) = (Sizes::of(&wasm_bytes), Sizes::of(&glue_bytes));
        rows.push(Row {
            island: island.lib_name.clone(),
            file: entry.wasm.clone(),
            sizes: wasm_sizes,
        });
        rows.push(Row {
            island: String::new(),
            file: entry.js.clone(),
            sizes: js_sizes,
        });
        rows.push(Row {
            island: String::new(),
            file: "(wasm + js)".into(),
            sizes: wasm_sizes.plus(js_sizes),
        });
        totals.push((island.lib_name.clone(), wasm_sizes.plus(js_sizes)));
        entries.push((island.lib_name.clone(), entry));
    }
    output::write_manifest(out_dir, &entries)?;
    println!(
        "\nwrote {} island(s) to {}\n",
        entries.len(),
        shown(out_dir)
    );
    sizes::print_table(&rows);
    if let Some(budget) = budget {
        println!();
        let over = sizes::check_budget(budget, &totals)?;
        if !over.is_empty() {
            return Err(format!(
                "over the size budget ({}):\n  {}",
                shown(budget),
                over.join("\n  ")
            ));
        }
    }
    Ok(())
}
