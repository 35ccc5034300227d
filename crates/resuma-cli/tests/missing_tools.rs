//! A missing tool stops `resuma build` before any compile, with one line
//! that names the command installing it.

use std::path::Path;
use std::process::Command;

#[test]
fn a_missing_wasm_bindgen_cli_is_one_line_naming_the_install_command() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/islands/Cargo.toml");
    let output = Command::new(env!("CARGO_BIN_EXE_resuma"))
        .args(["build", "--islands-only", "--manifest-path"])
        .arg(manifest)
        .env("WASM_BINDGEN", "/nonexistent/wasm-bindgen")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(
        lines[0].contains("cargo install wasm-bindgen-cli --version 0."),
        "{stderr}"
    );
}
