//! `resuma dev`: build the app, run it on HOST:PORT, and on every change of
//! its sources (watch.rs) build again: after a good build the server
//! restarts and open pages reload themselves; after a failed one the last
//! good server keeps serving and the pages show the error. Both go through
//! the build-status file the server reads under `RESUMA_DEV_RELOAD`
//! (crates/resuma/src/dev_reload.rs): empty after a good build, else the
//! error's first line (file and line) and rustc's text. Before the first
//! good build there is no server to show the error, so error_page.rs
//! answers on the app's address until one succeeds.

mod error_page;
mod watch;

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

use crate::build::{self, Profile, Project};
use crate::shown;

/// How often the sources are looked at.
const POLL: Duration = Duration::from_millis(250);

/// Options of `resuma dev`.
#[derive(clap::Args)]
pub struct DevArgs {
    /// The project's Cargo.toml.
    #[arg(long, default_value = "Cargo.toml")]
    manifest_path: PathBuf,
    /// The address to serve on.
    #[arg(long, default_value = "127.0.0.1", env = "HOST")]
    host: String,
    /// The port to serve on.
    #[arg(long, default_value_t = 3000, env = "PORT")]
    port: u16,
}

pub fn run(args: DevArgs) -> Result<(), String> {
    let project = build::load_project(&args.manifest_path)?;
    let status_file = project
        .target_dir
        .join(format!("resuma-dev/status-{}", args.port));
    if let Some(dir) = status_file.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let roots = watched(&project);
    let mut server: Option<Child> = None;
    let mut error_page: Option<error_page::ErrorPage> = None;
    let addr = format!("{}:{}", args.host, args.port);
    let mut seen = watch::Snapshot::take(&roots);
    let mut change = None::<PathBuf>;
    loop {
        // The islands at the start, then only when one of their files changed
        // (a release Wasm build takes a while).
        let islands = match &change {
            None => true,
            Some(path) => project.islands.iter().any(|i| path.starts_with(&i.dir)),
        };
        match build_once(&project, islands) {
            Ok(binary) => {
                if let Some(mut old) = server.take() {
                    let _ = old.kill();
                    let _ = old.wait();
                }
                if let Some(page) = error_page.take() {
                    page.stop();
                }
                write_status(&status_file, "")?;
                server = Some(start(&project, &binary, &args, &status_file)?);
                let url = format!("http://{addr}");
                match &change {
                    None => println!("serving {url} (watching {})", shown_roots(&roots)),
                    Some(_) => println!("restarted {url}"),
                }
            }
            Err(failure) => {
                eprintln!("{}", failure.rendered.trim_end());
                eprintln!("build failed: {}", failure.summary);
                write_status(
                    &status_file,
                    &format!("{}\n{}", failure.summary, failure.rendered),
                )?;
                if server.is_some() {
                    println!("the last good build keeps serving; open pages show the error");
                } else if let Some(page) = &error_page {
                    page.update(&failure.summary, &failure.rendered);
                } else {
                    error_page = Some(error_page::ErrorPage::start(
                        &addr,
                        &failure.summary,
                        &failure.rendered,
                    )?);
                    println!("no build has succeeded yet: http://{addr} shows the error");
                }
            }
        }
        // Wait for the next change, noticing a server that stopped by itself.
        let changed = loop {
            std::thread::sleep(POLL);
            if let Some(child) = server.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    println!(
                        "the server stopped ({status}); it starts again after the next change"
                    );
                    server = None;
                }
            }
            let now = watch::Snapshot::take(&roots);
            if let Some(path) = seen.changed(&now) {
                // An editor may write in steps: let it finish.
                std::thread::sleep(POLL);
                seen = watch::Snapshot::take(&roots);
                break path;
            }
        };
        println!("{} changed: building", shown(&changed));
        change = Some(changed);
    }
}

/// The sources: the app's `src/`, manifest and build script, and each
/// island's.
fn watched(project: &Project) -> Vec<PathBuf> {
    let mut dirs = vec![project.package_dir.clone()];
    dirs.extend(project.islands.iter().map(|i| i.dir.clone()));
    dirs.iter()
        .flat_map(|dir| ["src", "Cargo.toml", "build.rs"].map(|name| dir.join(name)))
        .collect()
}

fn shown_roots(roots: &[PathBuf]) -> String {
    roots
        .iter()
        .filter(|r| r.exists())
        .map(|r| shown(r))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The islands (when asked and the project has some), then the server binary.
fn build_once(project: &Project, islands: bool) -> Result<PathBuf, build::BuildFailure> {
    if islands && !project.islands.is_empty() {
        println!("building the islands");
        build::islands(project, &project.package_dir.join("dist/islands"), None).map_err(
            |message| build::BuildFailure {
                summary: message
                    .lines()
                    .next()
                    .unwrap_or("the islands did not build")
                    .to_owned(),
                rendered: message,
            },
        )?;
    }
    println!("building the app `{}`", project.package);
    build::cargo_build(project, Profile::Dev)
}

/// The server, in the project's directory as `cargo run` would start it.
fn start(
    project: &Project,
    binary: &Path,
    args: &DevArgs,
    status_file: &Path,
) -> Result<Child, String> {
    Command::new(binary)
        .current_dir(&project.package_dir)
        .env("HOST", &args.host)
        .env("PORT", args.port.to_string())
        .env("RESUMA_DEV_RELOAD", status_file)
        .env("RESUMA_ENV", "development")
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))
}

fn write_status(file: &Path, text: &str) -> Result<(), String> {
    std::fs::write(file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))
}
