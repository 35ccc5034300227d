//! The project templates: the files under `crates/resuma-cli/templates/`,
//! embedded at build time (build.rs), with their `{{placeholders}}` filled.

/// Every template: its name and its files (path inside the project, text).
const TEMPLATES: &[(&str, &[(&str, &str)])] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// What fills a template's placeholders.
pub struct Values<'a> {
    /// `{{name}}`: the package name (`my-app`).
    pub name: &'a str,
    /// `{{crate}}`: the crate's name in Rust code (`my_app`).
    pub crate_name: &'a str,
    /// `{{resuma}}`: the dependency line for resuma.
    pub resuma: &'a str,
}

/// The files of template `name`, or `None` when there is no such template.
pub fn files(name: &str) -> Option<&'static [(&'static str, &'static str)]> {
    TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Where a template file goes in the project. Two names are stored under
/// another one: `Cargo.toml.tmpl` (a `Cargo.toml` inside this crate's
/// directory would make cargo leave the template out of the package) and
/// `gitignore` (dotfiles are easy to lose).
pub fn project_path(template_path: &str) -> String {
    if let Some(dir) = template_path.strip_suffix("Cargo.toml.tmpl") {
        return format!("{dir}Cargo.toml");
    }
    if let Some(dir) = template_path.strip_suffix("gitignore") {
        if dir.is_empty() || dir.ends_with('/') {
            return format!("{dir}.gitignore");
        }
    }
    template_path.to_owned()
}

/// `text` with its placeholders replaced.
pub fn fill(text: &str, values: &Values) -> String {
    text.replace("{{name}}", values.name)
        .replace("{{crate}}", values.crate_name)
        .replace("{{resuma}}", values.resuma)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_a_complete_project() {
        for name in ["basic", "todo", "flow"] {
            let files = files(name).unwrap_or_else(|| panic!("no template {name}"));
            let paths: Vec<String> = files.iter().map(|(p, _)| project_path(p)).collect();
            for wanted in [
                "Cargo.toml",
                "README.md",
                "src/main.rs",
                "src/lib.rs",
                ".gitignore",
            ] {
                assert!(
                    paths.iter().any(|p| p == wanted),
                    "{name} lacks {wanted}: {paths:?}"
                );
            }
            assert!(
                paths.iter().any(|p| p.starts_with("tests/")),
                "{name} has no test"
            );
            let manifest = files
                .iter()
                .find(|(p, _)| *p == "Cargo.toml.tmpl")
                .unwrap()
                .1;
            assert!(manifest.contains("\n[workspace]\n") && manifest.contains("{{resuma}}"));
        }
        assert!(files("nope").is_none());
    }

    #[test]
    fn placeholders_are_filled() {
        let values = Values {
            name: "my-app",
            crate_name: "my_app",
            resuma: "resuma = \"1\"",
        };
        assert_eq!(
            fill("{{name}} {{crate}}::app()\n{{resuma}}", &values),
            "my-app my_app::app()\nresuma = \"1\""
        );
        assert_eq!(project_path("Cargo.toml.tmpl"), "Cargo.toml");
        assert_eq!(project_path("gitignore"), ".gitignore");
        assert_eq!(project_path("src/pages/index.rs"), "src/pages/index.rs");
    }
}
