//! The external tools `resuma build` runs, found and version-checked up
//! front: cargo, the wasm-bindgen CLI (same version as the `wasm-bindgen`
//! crate in Cargo.lock) and Binaryen's `wasm-opt`. All three install with
//! cargo; none needs Node.js (the glue is minified in-process, see
//! `minify_js.rs`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::project::{locked_version, Project};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Size settings for the island build, passed as `--config` so the project
/// needs no profile of its own and native builds are unaffected.
const SIZE_PROFILE: &[&str] = &[
    "profile.release.opt-level=\"z\"",
    "profile.release.lto=true",
    "profile.release.codegen-units=1",
    "profile.release.panic=\"abort\"",
    "profile.release.debug=false",
    "profile.release.strip=\"debuginfo\"",
];

/// The version of the `wasm-opt` crate whose binary `resuma` names when
/// none is found: `cargo install wasm-opt --version 0.116.1` builds
/// Binaryen 116 from source with the machine's C++ compiler.
const WASM_OPT_CRATE_VERSION: &str = "0.116.1";

/// The oldest Binaryen that reads what rustc's wasm32 target emits.
const OLDEST_WASM_OPT: u32 = 116;

/// The WebAssembly features rustc's default wasm32 CPU emits; wasm-opt must
/// accept them in its input (and may use them in its output). Binaryen
/// releases older than 121 have no flag for the last two and accept what
/// they name as part of bulk memory and reference types, so only the flags
/// the found wasm-opt lists in its `--help` are passed.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-call-indirect-overlong",
];

pub struct Toolbox {
    cargo: PathBuf,
    manifest_path: PathBuf,
    packages: Vec<String>,
    wasm_bindgen: PathBuf,
    wasm_opt: PathBuf,
    /// The [`WASM_FEATURES`] flags this wasm-opt knows.
    wasm_opt_features: Vec<&'static str>,
}

impl Toolbox {
    pub fn find(project: &Project) -> Result<Toolbox, String> {
        let cargo = PathBuf::from(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        check_wasm_target()?;
        let wasm_bindgen =
            PathBuf::from(std::env::var("WASM_BINDGEN").unwrap_or_else(|_| "wasm-bindgen".into()));
        let wanted = locked_version(&project.workspace_root, "wasm-bindgen").ok_or_else(|| {
            format!(
                "{}/Cargo.lock has no `wasm-bindgen`: the islands must depend on resuma-islands (or wasm-bindgen)",
                project.workspace_root.display()
            )
        })?;
        let found = version_output(&wasm_bindgen, "--version").map_err(|e| {
            format!("{e}; install the wasm-bindgen CLI: cargo install wasm-bindgen-cli --version {wanted}")
        })?;
        if found.split_whitespace().nth(1) != Some(wanted.as_str()) {
            return Err(format!(
                "the wasm-bindgen CLI is `{}` but Cargo.lock has wasm-bindgen {wanted}; they must match: \
                 cargo install wasm-bindgen-cli --version {wanted}",
                found.trim()
            ));
        }
        let wasm_opt = find_wasm_opt()?;
        let wasm_opt_features = wasm_opt_features(&wasm_opt)?;
        Ok(Toolbox {
            cargo,
            manifest_path: project.manifest_path.clone(),
            packages: project.islands.iter().map(|i| i.package.clone()).collect(),
            wasm_bindgen,
            wasm_opt,
            wasm_opt_features,
        })
    }

    /// Compile every island for wasm32; returns library name → `.wasm`.
    ///
    /// `cargo rustc --crate-type cdylib` per island rather than one `cargo
    /// build`: island crates are usually also `rlib`s (the server shares
    /// their types), and cargo does not apply LTO to a crate that is built
    /// as an `rlib` too. Shared dependencies are compiled once.
    pub fn cargo_build(&self) -> Result<HashMap<String, PathBuf>, String> {
        println!(
            "building {} island(s) for {WASM_TARGET} (release, opt-level z, LTO)",
            self.packages.len()
        );
        let mut wasm = HashMap::new();
        for package in &self.packages {
            let mut cmd = Command::new(&self.cargo);
            cmd.args([
                "rustc",
                "--lib",
                "--release",
                "--target",
                WASM_TARGET,
                "--crate-type",
                "cdylib",
            ]);
            cmd.args([
                "--message-format=json-render-diagnostics",
                "-p",
                package,
                "--manifest-path",
            ])
            .arg(&self.manifest_path);
            for setting in SIZE_PROFILE {
                cmd.args(["--config", setting]);
            }
            let output = cmd
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .output()
                .map_err(|e| format!("cannot run cargo: {e}"))?;
            if !output.status.success() {
                return Err(format!(
                    "cargo could not build the island `{package}`; see its errors above"
                ));
            }
            for line in String::from_utf8_lossy(&output.stdout).lines() {
                let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                if message["reason"] != "compiler-artifact" {
                    continue;
                }
                for file in message["filenames"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|f| f.as_str())
                {
                    let path = PathBuf::from(file);
                    if path.extension().is_some_and(|e| e == "wasm") {
                        let stem = path
                            .file_stem()
                            .expect("a file name")
                            .to_string_lossy()
                            .into_owned();
                        wasm.insert(stem, path);
                    }
                }
            }
        }
        Ok(wasm)
    }

    /// `wasm-bindgen --target web`; returns (glue.js, NAME_bg.wasm).
    pub fn wasm_bindgen(
        &self,
        input: &Path,
        dir: &Path,
        name: &str,
    ) -> Result<(PathBuf, PathBuf), String> {
        let mut cmd = Command::new(&self.wasm_bindgen);
        cmd.args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            name,
            "--out-dir",
        ])
        .arg(dir)
        .arg(input);
        run(&mut cmd, "wasm-bindgen")?;
        Ok((
            dir.join(format!("{name}.js")),
            dir.join(format!("{name}_bg.wasm")),
        ))
    }

    /// `wasm-opt -Oz`.
    pub fn wasm_opt(&self, input: &Path, output: &Path) -> Result<PathBuf, String> {
        let mut cmd = Command::new(&self.wasm_opt);
        cmd.arg("-Oz")
            .args(&self.wasm_opt_features)
            .arg(input)
            .arg("-o")
            .arg(output);
        run(&mut cmd, "wasm-opt")?;
        Ok(output.to_path_buf())
    }
}

fn check_wasm_target() -> Result<(), String> {
    // Without rustup we cannot tell; cargo will say so if the target is missing.
    let Ok(output) = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
    else {
        return Ok(());
    };
    if output.status.success()
        && !String::from_utf8_lossy(&output.stdout)
            .lines()
            .any(|l| l.trim() == WASM_TARGET)
    {
        return Err(format!(
            "the Rust target {WASM_TARGET} is not installed: rustup target add {WASM_TARGET}"
        ));
    }
    Ok(())
}

/// `wasm-opt` from `$RESUMA_WASM_OPT`, else the first one on `PATH`
/// (`cargo install` puts it in `~/.cargo/bin`), checked to be a Binaryen
/// recent enough for rustc's output.
fn find_wasm_opt() -> Result<PathBuf, String> {
    let install = format!("cargo install wasm-opt --version {WASM_OPT_CRATE_VERSION}");
    let wasm_opt = match std::env::var_os("RESUMA_WASM_OPT") {
        Some(path) => PathBuf::from(path),
        None => on_path("wasm-opt").ok_or_else(|| {
            format!("cannot find wasm-opt (Binaryen) on PATH; install it: {install}")
        })?,
    };
    let version = version_output(&wasm_opt, "--version")
        .map_err(|e| format!("{e}; install wasm-opt (Binaryen): {install}"))?;
    // "wasm-opt version 116 (version_116)"
    let major: u32 = version
        .split_whitespace()
        .nth(2)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if major < OLDEST_WASM_OPT {
        return Err(format!(
            "{} is `{}`, too old for rustc's Wasm output (Binaryen {OLDEST_WASM_OPT} or later): {install}",
            wasm_opt.display(),
            version.trim()
        ));
    }
    Ok(wasm_opt)
}

/// The [`WASM_FEATURES`] flags `wasm_opt --help` lists.
fn wasm_opt_features(wasm_opt: &Path) -> Result<Vec<&'static str>, String> {
    let help = version_output(wasm_opt, "--help")?;
    let listed: std::collections::HashSet<&str> = help
        .split(|c: char| c.is_whitespace() || c == ',')
        .collect();
    Ok(WASM_FEATURES
        .iter()
        .copied()
        .filter(|flag| listed.contains(flag))
        .collect())
}

/// The first file named `tool` in a directory of `PATH`.
fn on_path(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|candidate| candidate.is_file())
}

fn version_output(tool: &Path, flag: &str) -> Result<String, String> {
    let output = Command::new(tool)
        .arg(flag)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", tool.display()))?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn run(cmd: &mut Command, what: &str) -> Result<(), String> {
    let output = cmd
        .output()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{what} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(())
}
