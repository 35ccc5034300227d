//! `resuma new DIR`: a new project from a template (template.rs), with
//! resuma from crates.io or, with `--resuma-path`, from a local checkout.

mod template;

use std::path::{Path, PathBuf};

use crate::shown;

/// The templates `resuma new` knows.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Template {
    /// A page with a heading and a counter.
    Basic,
    /// The todo app on SQLite: a keyed list and forms posting to server functions.
    Todo,
    /// File-based pages (`src/pages/`) with a layout and a not-found page.
    Flow,
}

impl Template {
    fn name(self) -> &'static str {
        match self {
            Template::Basic => "basic",
            Template::Todo => "todo",
            Template::Flow => "flow",
        }
    }
}

/// Options of `resuma new`.
#[derive(clap::Args)]
pub struct NewArgs {
    /// The project's directory (created; must not exist or be empty). Its
    /// last component is the package name.
    dir: PathBuf,
    /// What the project starts with.
    #[arg(long, value_enum, default_value = "basic")]
    template: Template,
    /// Depend on the resuma crate at PATH (a checkout's `crates/resuma`)
    /// instead of this release from crates.io.
    #[arg(long, value_name = "PATH")]
    resuma_path: Option<PathBuf>,
}

pub fn run(args: NewArgs) -> Result<(), String> {
    let name = package_name(&args.dir)?;
    refuse_non_empty(&args.dir)?;
    let resuma = dependency(args.resuma_path.as_deref())?;
    let values = template::Values {
        name: &name,
        crate_name: &name.replace('-', "_"),
        resuma: &resuma,
    };
    let files = template::files(args.template.name()).expect("every Template has its files");
    for (path, text) in files {
        let target = args.dir.join(template::project_path(path));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&target, template::fill(text, &values))
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    println!(
        "created {} ({} template, {} files)\n\n  cd {}\n  resuma dev      # http://127.0.0.1:3000, reloads on every change\n  cargo test",
        shown(&args.dir),
        args.template.name(),
        files.len(),
        shown(&args.dir)
    );
    Ok(())
}

/// The package name: the directory's last component, if cargo accepts it.
fn package_name(dir: &Path) -> Result<String, String> {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("{} does not end in a directory name", dir.display()))?;
    let valid = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && name.starts_with(|c: char| c.is_ascii_alphabetic());
    if !valid {
        return Err(format!(
            "`{name}` cannot be a package name: use ASCII letters, digits, `-` and `_`, starting with a letter"
        ));
    }
    Ok(name.to_owned())
}

fn refuse_non_empty(dir: &Path) -> Result<(), String> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => match entries.next() {
            None => Ok(()),
            Some(_) => Err(format!(
                "{} is not empty: choose a new directory (resuma new never overwrites files)",
                dir.display()
            )),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(format!(
            "{} is a file: choose a new directory",
            dir.display()
        )),
        Err(e) => Err(format!("cannot read {}: {e}", dir.display())),
    }
}

/// The `resuma = ...` line of the project's Cargo.toml.
fn dependency(path: Option<&Path>) -> Result<String, String> {
    let Some(path) = path else {
        return Ok(format!("resuma = \"{}\"", env!("CARGO_PKG_VERSION")));
    };
    let path = path
        .canonicalize()
        .map_err(|e| format!("--resuma-path {}: {e}", path.display()))?;
    if !path.join("Cargo.toml").is_file() {
        return Err(format!(
            "--resuma-path {} has no Cargo.toml: point it at a checkout's crates/resuma",
            path.display()
        ));
    }
    // A TOML basic string: backslashes and quotes escaped.
    let text = path
        .display()
        .to_string()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    Ok(format!("resuma = {{ path = \"{text}\" }}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_are_checked() {
        assert_eq!(package_name(Path::new("/tmp/my-app")).unwrap(), "my-app");
        assert!(package_name(Path::new("/tmp/1app")).is_err());
        assert!(package_name(Path::new("/tmp/my app"))
            .unwrap_err()
            .contains("cannot be a package name"));
    }

    #[test]
    fn the_default_dependency_is_this_release() {
        assert_eq!(
            dependency(None).unwrap(),
            format!("resuma = \"{}\"", env!("CARGO_PKG_VERSION"))
        );
        assert!(dependency(Some(Path::new("/no/such/dir"))).is_err());
    }
}
