//! `resuma build --static OUT`: build the app (dev profile: the binary runs
//! once, and its pages and scripts are the same as a release build's) and
//! run it with `RESUMA_EXPORT=OUT`; `resuma::serve` then writes the pages
//! that need no request, with their scripts and islands, and exits
//! (crates/resuma/src/export.rs).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::project::Project;
use super::server::{cargo_build, Profile};
use crate::shown;

/// Rendering the pages takes well under a second; this is for an app that
/// never exports.
const EXPORT_TIMEOUT: Duration = Duration::from_secs(60);

pub fn run(project: &Project, out: &Path) -> Result<(), String> {
    println!(
        "building the app `{}` for the static export",
        project.package
    );
    let binary = cargo_build(project, Profile::Dev).map_err(|failure| {
        eprintln!("{}", failure.rendered);
        failure.summary
    })?;
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let out = out
        .canonicalize()
        .map_err(|e| format!("cannot find {}: {e}", out.display()))?;
    println!("writing the static pages into {}", shown(&out));
    // In the project's directory, as `cargo run` would be (relative paths
    // such as the islands' dist/islands resolve the same); development
    // rules, so that no production secret or host list is needed to render.
    let mut child = Command::new(&binary)
        .current_dir(&project.package_dir)
        .env("RESUMA_EXPORT", &out)
        .env("RESUMA_ENV", "development")
        .env("PORT", "0")
        .env_remove("RESUMA_DEV_RELOAD")
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    // An app whose main does not go through `resuma::serve` would serve
    // forever instead of exporting.
    let deadline = Instant::now() + EXPORT_TIMEOUT;
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| format!("waiting for the app: {e}"))?
        {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "the app wrote no static export within {} s: its main must run `resuma::serve(app)`, which exports when RESUMA_EXPORT is set",
                EXPORT_TIMEOUT.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    if !status.success() {
        return Err(format!(
            "the app failed to write its static pages ({status}); see its message above"
        ));
    }
    println!(
        "serve {} with any static file server, e.g. python3 -m http.server -d {}",
        shown(&out),
        shown(&out)
    );
    Ok(())
}
