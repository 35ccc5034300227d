//! `resuma`: the command-line tool of Resuma.
//!
//! `resuma build` compiles a project's islands to WebAssembly, size-optimised
//! and content-hashed, and writes the `manifest.json` that
//! `App::islands_dir` serves from. See `resuma build --help`.

mod build;
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
    /// Build the islands of a project: cargo (wasm32, release, opt-level z,
    /// LTO, one codegen unit, panic=abort), wasm-bindgen --target web,
    /// wasm-opt -Oz and esbuild; content-hashed outputs and a size table.
    ///
    /// The islands are the packages listed in the project's Cargo.toml:
    /// `[package.metadata.resuma] islands = ["counter-island"]`.
    Build(build::BuildArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
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
