//! The project being built, from `cargo metadata`: its package and server
//! binary, and which packages are its islands (listed in
//! `[package.metadata.resuma] islands = [...]`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

/// The project being built.
pub struct Project {
    /// The package's name (`cargo build -p`).
    pub package: String,
    /// The package's binary (the server), if it has one.
    pub bin: Option<String>,
    pub manifest_path: PathBuf,
    pub package_dir: PathBuf,
    pub workspace_root: PathBuf,
    pub target_dir: PathBuf,
    /// Empty when the project lists none.
    pub islands: Vec<Island>,
}

/// One island crate.
pub struct Island {
    /// The package name (`cargo build -p`).
    pub package: String,
    /// The library's name: the `.wasm` file's and the manifest key.
    pub lib_name: String,
    /// The package's directory (`resuma dev` watches its sources).
    pub dir: PathBuf,
}

#[derive(Deserialize)]
struct Metadata {
    packages: Vec<Package>,
    workspace_root: PathBuf,
    target_directory: PathBuf,
}

#[derive(Deserialize)]
struct Package {
    name: String,
    manifest_path: PathBuf,
    targets: Vec<Target>,
    #[serde(default)]
    metadata: serde_json::Value,
}

#[derive(Deserialize)]
struct Target {
    name: String,
    kind: Vec<String>,
    crate_types: Vec<String>,
}

pub fn load(manifest_path: &Path) -> Result<Project, String> {
    let manifest_path = manifest_path.canonicalize().map_err(|e| {
        format!(
            "cannot find the project's {}: {e} (pass --manifest-path)",
            manifest_path.display()
        )
    })?;
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--manifest-path",
        ])
        .arg(&manifest_path)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: Metadata = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cannot read cargo metadata's output: {e}"))?;
    let package = metadata
        .packages
        .iter()
        .find(|p| p.manifest_path == manifest_path)
        .ok_or_else(|| format!("{} is a workspace without a package: point --manifest-path at the app's Cargo.toml", manifest_path.display()))?;
    let listed = package.metadata["resuma"]["islands"].as_array();
    let mut islands = Vec::new();
    for name in listed.into_iter().flatten() {
        let name = name
            .as_str()
            .ok_or("`package.metadata.resuma.islands` must be a list of package names")?;
        let island = metadata.packages.iter().find(|p| p.name == name).ok_or_else(|| {
            format!("island `{name}` is not a package of this workspace: add it to `[workspace] members`")
        })?;
        let lib = island.targets.iter().find(|t| t.crate_types.iter().any(|c| c == "cdylib")).ok_or_else(|| {
            format!("island `{name}` is not built as a Wasm library: add `[lib] crate-type = [\"cdylib\", \"rlib\"]` to its Cargo.toml")
        })?;
        islands.push(Island {
            package: name.to_owned(),
            lib_name: lib.name.replace('-', "_"),
            dir: island
                .manifest_path
                .parent()
                .expect("a manifest has a directory")
                .to_path_buf(),
        });
    }
    let package_dir = manifest_path
        .parent()
        .expect("a manifest has a directory")
        .to_path_buf();
    let bin = package
        .targets
        .iter()
        .find(|t| t.kind.iter().any(|k| k == "bin"))
        .map(|t| t.name.clone());
    Ok(Project {
        package: package.name.clone(),
        bin,
        manifest_path,
        package_dir,
        workspace_root: metadata.workspace_root,
        target_dir: metadata.target_directory,
        islands,
    })
}

/// The version of `crate_name` that Cargo.lock pins, e.g. `0.2.130`.
pub fn locked_version(workspace_root: &Path, crate_name: &str) -> Option<String> {
    let lock = std::fs::read_to_string(workspace_root.join("Cargo.lock")).ok()?;
    let needle = format!("name = \"{crate_name}\"\nversion = \"");
    let start = lock.find(&needle)? + needle.len();
    let end = start + lock[start..].find('"')?;
    Some(lock[start..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_locked_version() {
        let dir = std::env::temp_dir().join(format!("resuma-cli-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("Cargo.lock"),
            "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n",
        )
        .unwrap();
        assert_eq!(
            locked_version(&dir, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(&dir, "serde"), None);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
