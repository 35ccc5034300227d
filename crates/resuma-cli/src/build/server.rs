//! The app's server binary: `cargo build` of the project's package, with
//! rustc's errors kept (rendered, and the first one's file and line) so
//! that `resuma dev` can show them in the browser.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::project::Project;
use crate::shown;

/// Which cargo profile.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// `dev`: quick to build (`resuma dev`, the static export).
    Dev,
    /// `release`: what a deployment runs.
    Release,
}

/// Why the binary was not built.
pub struct BuildFailure {
    /// One line: the first error with its file and line, or what went wrong.
    pub summary: String,
    /// Every error and warning as rustc renders them (no colours).
    pub rendered: String,
}

/// `cargo build` the project's server binary; returns its path.
pub fn cargo_build(project: &Project, profile: Profile) -> Result<PathBuf, BuildFailure> {
    let failure = |summary: String| BuildFailure {
        summary,
        rendered: String::new(),
    };
    let bin = project.bin.as_deref().ok_or_else(|| {
        failure(format!(
            "the package `{}` has no binary: add src/main.rs that runs `resuma::serve(app())`",
            project.package
        ))
    })?;
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args([
        "build",
        "--message-format=json",
        "-p",
        &project.package,
        "--bin",
        bin,
    ]);
    if profile == Profile::Release {
        cmd.arg("--release");
    }
    let output = cmd
        .arg("--manifest-path")
        .arg(&project.manifest_path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| failure(format!("cannot run cargo: {e}")))?;
    let mut rendered = String::new();
    let mut first_error = None;
    let mut executable = None;
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-message") => {
                let diagnostic = &message["message"];
                if let Some(text) = diagnostic["rendered"].as_str() {
                    rendered.push_str(text);
                }
                if first_error.is_none() && diagnostic["level"] == "error" {
                    first_error = Some(locate(diagnostic));
                }
            }
            Some("compiler-artifact") if message["target"]["name"] == bin => {
                if let Some(path) = message["executable"].as_str() {
                    executable = Some(PathBuf::from(path));
                }
            }
            _ => {}
        }
    }
    if output.status.success() {
        return executable.ok_or_else(|| failure(format!("cargo built no `{bin}` executable")));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if rendered.is_empty() {
        // Not rustc: cargo itself (a bad Cargo.toml, no network, ...).
        rendered = stderr.trim().to_owned();
    }
    let summary = first_error.unwrap_or_else(|| {
        stderr
            .lines()
            .find(|l| l.starts_with("error"))
            .unwrap_or("cargo build failed")
            .to_owned()
    });
    Err(BuildFailure { summary, rendered })
}

/// `src/lib.rs:12:5: error[E0425]: cannot find value `x` in this scope`.
fn locate(diagnostic: &serde_json::Value) -> String {
    let message = diagnostic["message"].as_str().unwrap_or("error");
    let code = diagnostic["code"]["code"]
        .as_str()
        .map(|c| format!("[{c}]"))
        .unwrap_or_default();
    let spans = diagnostic["spans"].as_array();
    let span = spans
        .and_then(|s| s.iter().find(|s| s["is_primary"] == true))
        .or_else(|| spans.and_then(|s| s.first()));
    match span {
        Some(span) => format!(
            "{}:{}:{}: error{code}: {message}",
            span["file_name"].as_str().unwrap_or("?"),
            span["line_start"],
            span["column_start"]
        ),
        None => format!("error{code}: {message}"),
    }
}

/// `resuma build`: the release binary, and where it is.
pub fn release(project: &Project) -> Result<(), String> {
    println!("building the server `{}` (release)", project.package);
    let binary = cargo_build(project, Profile::Release).map_err(|failure| {
        eprintln!("{}", failure.rendered);
        failure.summary
    })?;
    let size = std::fs::metadata(&binary).map(|m| m.len()).unwrap_or(0);
    println!(
        "server binary: {} ({:.1} MB); run it with HOST and PORT set",
        shown(&binary),
        size as f64 / 1e6
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_located_by_its_primary_span() {
        let diagnostic = serde_json::json!({
            "message": "cannot find value `x` in this scope",
            "level": "error",
            "code": { "code": "E0425" },
            "spans": [
                { "file_name": "src/main.rs", "line_start": 1, "column_start": 1, "is_primary": false },
                { "file_name": "src/lib.rs", "line_start": 12, "column_start": 5, "is_primary": true }
            ]
        });
        assert_eq!(
            locate(&diagnostic),
            "src/lib.rs:12:5: error[E0425]: cannot find value `x` in this scope"
        );
        assert_eq!(
            locate(&serde_json::json!({ "message": "linking failed", "spans": [] })),
            "error: linking failed"
        );
    }
}
