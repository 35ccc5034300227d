//! Lists the files under `templates/` for `resuma new`: each becomes an
//! `include_str!` in `$OUT_DIR/templates.rs`, so adding a file to a
//! template needs no change in the Rust code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    // Read at run time, not with env!(): the compiled build script is reused
    // by a checkout at another path that shares the target directory.
    let manifest_dir =
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("templates");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut templates: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("crates/resuma-cli/templates exists")
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.is_dir())
        .collect();
    templates.sort();
    let mut code = String::from("&[\n");
    for template in &templates {
        let name = template.file_name().unwrap().to_str().unwrap();
        writeln!(code, "    ({name:?}, &[").unwrap();
        let mut files = Vec::new();
        collect(template, &mut files);
        files.sort();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let relative = file.strip_prefix(template).unwrap();
            let relative = relative.to_str().unwrap().replace('\\', "/");
            writeln!(
                code,
                "        ({relative:?}, include_str!({:?})),",
                file.display().to_string()
            )
            .unwrap();
        }
        code.push_str("    ]),\n");
    }
    code.push(']');
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("templates.rs");
    std::fs::write(out, code).unwrap();
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, files);
            println!("cargo:rerun-if-changed={}", path.display());
        } else {
            files.push(path);
        }
    }
}
