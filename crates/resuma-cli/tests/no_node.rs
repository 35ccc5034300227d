//! Building an app's islands needs no Node.js: `resuma build` runs cargo,
//! the wasm-bindgen CLI and a native wasm-opt, and minifies the glue
//! itself.
//!
//! The test puts `node`, `npm` and `npx` first on `PATH` as traps that
//! record being run and fail, builds the islands example, and checks that
//! the build succeeded, wrote hashed, minified files and a manifest, and
//! never ran a trap (an npm tool such as `node_modules/.bin/wasm-opt` is a
//! Node script, and would run the trap `node` through `/usr/bin/env`).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo")).join("../..")
}

/// This test's directories, under the cargo target directory.
fn test_dir(name: &str) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"))
        .join("resuma-cli-tests")
        .join(name)
}

/// An empty scratch directory.
fn scratch(name: &str) -> PathBuf {
    let dir = test_dir(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `node`, `npm`, `npx` that append their name to `ran` and exit 1.
fn node_traps(dir: &Path, ran: &Path) {
    for tool in ["node", "npm", "npx"] {
        let path = dir.join(tool);
        std::fs::write(
            &path,
            format!("#!/bin/sh\necho {tool} >> '{}'\nexit 1\n", ran.display()),
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn islands_build_with_node_unavailable() {
    let traps = scratch("node-traps");
    let ran = traps.join("ran.txt");
    node_traps(&traps, &ran);
    let out = scratch("islands-out");
    let path = std::env::join_paths(std::iter::once(traps.clone()).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_resuma"))
        .args(["build", "--islands-only", "--manifest-path"])
        .arg(repo().join("examples/islands/Cargo.toml"))
        .arg("--out")
        .arg(&out)
        .env("PATH", path)
        .env_remove("RESUMA_WASM_OPT")
        // A target directory of its own, kept between runs: the outer
        // `cargo test` holds the lock of the shared one while tests run.
        .env("CARGO_TARGET_DIR", test_dir("target"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "resuma build failed without Node.js:\n{stdout}\n{stderr}"
    );
    assert!(
        !ran.exists(),
        "the build ran {}",
        std::fs::read_to_string(&ran).unwrap_or_default()
    );

    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let counter = &manifest["islands"]["counter_island"];
    let (js, wasm) = (
        counter["js"].as_str().expect("manifest names the glue"),
        counter["wasm"].as_str().expect("manifest names the wasm"),
    );
    let glue = std::fs::read_to_string(out.join(js)).unwrap();
    assert!(
        glue.contains(wasm),
        "the glue fetches the hashed wasm {wasm}"
    );
    assert!(
        glue.lines().count() <= 3,
        "the glue is minified: {}",
        &glue[..glue.len().min(400)]
    );
    let wasm_bytes = std::fs::read(out.join(wasm)).unwrap();
    assert_eq!(&wasm_bytes[..4], b"\0asm");
    assert!(stdout.contains("(wasm + js)"), "the size table: {stdout}");
}
