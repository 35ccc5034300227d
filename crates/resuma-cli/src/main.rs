//! `resuma`: the command-line tool of Resuma.
//!
//! - `resuma new DIR [--template basic|todo|flow]` writes a new project;
//! - `resuma dev` runs the app, rebuilds it on every change and reloads
//!   the open pages (a compile error shows in the page);
//! - `resuma build` builds the release server binary and compiles the
//!   islands to WebAssembly, size-optimised and content-hashed, with the
//!   `manifest.json` that `App::islands_dir` serves from;
//! - `resuma build --static OUT` writes the pages that need no server as
//!   files for any static file server.
//!
//! See `resuma help`.

mod build;
mod dev;
mod new;
mod sizes;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "resuma",
    version,
    about = "The Resuma web framework's command-line tool"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a project in DIR from a template: Cargo.toml, src/, a README
    /// and a test. Refuses a DIR that is not empty.
    New(new::NewArgs),
    /// Run the app on HOST:PORT (default 127.0.0.1:3000), rebuild and restart
    /// it when its sources change, and reload the open pages; a compile
    /// error shows in the page while the last good build keeps serving.
    Dev(dev::DevArgs),
    /// Build the release server binary and the islands: cargo (wasm32,
    /// release, opt-level z, LTO, one codegen unit, panic=abort),
    /// wasm-bindgen --target web, wasm-opt -Oz and the glue minified
    /// in-process (no Node.js); content-hashed
    /// outputs and a size table. With --static OUT: the static pages instead
    /// of the server.
    ///
    /// The islands are the packages listed in the project's Cargo.toml:
    /// `[package.metadata.resuma] islands = ["counter-island"]`.
    Build(build::BuildArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::New(args) => new::run(args),
        Command::Dev(args) => dev::run(args),
        Command::Build(args) => build::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Paths are shown relative to the current directory when they are inside it.
fn shown(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string()
}
