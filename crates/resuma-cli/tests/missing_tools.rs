//! A missing tool stops `resuma build` before any compile, with one line
//! that names the command installing it.

use std::path::Path;
use std::process::Command;

/// `resuma build --islands-only` of the islands example with `env` set;
/// returns its stderr's lines after checking that it failed.
fn failed_build(env: (&str, &str)) -> Vec<String> {
    let manifest = Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("../../examples/islands/Cargo.toml");
    let output = Command::new(env!("CARGO_BIN_EXE_resuma"))
        .args(["build", "--islands-only", "--manifest-path"])
        .arg(manifest)
        .env(env.0, env.1)
        .output()
        .unwrap();
    assert!(!output.status.success());
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_missing_wasm_bindgen_cli_is_one_line_naming_the_install_command() {
    let lines = failed_build(("WASM_BINDGEN", "/nonexistent/wasm-bindgen"));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("error: "), "{lines:?}");
    assert!(
        lines[0].contains("cargo install wasm-bindgen-cli --version 0."),
        "{lines:?}"
    );
}

#[test]
fn a_missing_wasm_opt_is_one_line_naming_the_cargo_install_command() {
    let lines = failed_build(("RESUMA_WASM_OPT", "/nonexistent/wasm-opt"));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("error: "), "{lines:?}");
    assert!(
        lines[0].contains("cargo install wasm-opt --version 0.116.1"),
        "{lines:?}"
    );
}
