//! `resuma build`: the release server binary and the islands (islands.rs),
//! or with `--static OUT` the pages that need no server as plain files
//! (static_export.rs).

mod islands;
mod minify_js;
mod output;
mod project;
mod server;
mod static_export;
mod tools;

use std::path::PathBuf;

pub use islands::build as islands;
pub use project::{load as load_project, Project};
pub use server::{cargo_build, BuildFailure, Profile};

/// Options of `resuma build`.
#[derive(clap::Args)]
pub struct BuildArgs {
    /// The project's Cargo.toml (the server package that lists its islands).
    #[arg(long, default_value = "Cargo.toml")]
    manifest_path: PathBuf,
    /// Where to write the islands' hashed files and manifest.json
    /// [default: dist/islands next to the project's Cargo.toml].
    #[arg(long)]
    out: Option<PathBuf>,
    /// A size-budget JSON file; fail when an island listed under `islands`
    /// is over its gzip or brotli budget (Wasm + glue, compressed as served).
    #[arg(long)]
    budget: Option<PathBuf>,
    /// Build only the islands, not the server binary.
    #[arg(long)]
    islands_only: bool,
    /// Instead of the server binary, write the pages that need no request
    /// (`App::page`, Flow pages with `PRERENDER`) as HTML files into OUT,
    /// with their scripts and islands, for any static file server.
    #[arg(long = "static", value_name = "OUT")]
    static_out: Option<PathBuf>,
}

pub fn run(args: BuildArgs) -> Result<(), String> {
    let project = project::load(&args.manifest_path)?;
    let islands_dir = args
        .out
        .unwrap_or_else(|| project.package_dir.join("dist/islands"));
    if project.islands.is_empty() {
        if args.islands_only {
            return Err(format!(
                "{} lists no islands: add\n\n[package.metadata.resuma]\nislands = [\"my-island\"]\n\nnaming the island crates",
                project.manifest_path.display()
            ));
        }
    } else {
        islands::build(&project, &islands_dir, args.budget.as_deref())?;
    }
    if args.islands_only {
        return Ok(());
    }
    match &args.static_out {
        Some(out) => static_export::run(&project, out),
        None => server::release(&project),
    }
}
