//! Which files `resuma dev` watches, and whether they changed: a snapshot
//! of every file's modification time and size, taken a few times a second.
//! Polling needs no platform API and sees edits made by any editor (those
//! that write a new file and rename it too).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The watched files and their state.
#[derive(PartialEq, Eq, Default)]
pub struct Snapshot(BTreeMap<PathBuf, (SystemTime, u64)>);

impl Snapshot {
    /// Every file under `roots` (directories are walked, files taken as
    /// they are; missing ones are skipped).
    pub fn take(roots: &[PathBuf]) -> Snapshot {
        let mut files = BTreeMap::new();
        for root in roots {
            walk(root, &mut files);
        }
        Snapshot(files)
    }

    /// A file that differs between `self` and `newer`: changed or added,
    /// else removed.
    pub fn changed(&self, newer: &Snapshot) -> Option<PathBuf> {
        let changed = newer
            .0
            .iter()
            .find(|(path, state)| self.0.get(*path) != Some(*state));
        let removed = || self.0.keys().find(|path| !newer.0.contains_key(*path));
        changed.map(|(path, _)| path).or_else(removed).cloned()
    }
}

fn walk(path: &Path, files: &mut BTreeMap<PathBuf, (SystemTime, u64)>) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    if meta.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            // Editors' swap and backup files are not sources.
            let name = name.to_string_lossy();
            if name.starts_with('.') || name.ends_with('~') {
                continue;
            }
            walk(&entry.path(), files);
        }
    } else {
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        files.insert(path.to_path_buf(), (modified, meta.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sees_a_changed_an_added_and_a_removed_file() {
        let dir = std::env::temp_dir().join(format!("resuma-watch-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("src/lib.rs"), "fn a() {}").unwrap();
        let roots = [dir.join("src"), dir.join("Cargo.toml")];
        let first = Snapshot::take(&roots);
        assert!(first.changed(&Snapshot::take(&roots)).is_none());

        std::fs::write(dir.join("src/lib.rs"), "fn a() { 1; }").unwrap();
        let second = Snapshot::take(&roots);
        assert_eq!(first.changed(&second), Some(dir.join("src/lib.rs")));

        std::fs::write(dir.join("Cargo.toml"), "[package]").unwrap();
        let third = Snapshot::take(&roots);
        assert_eq!(second.changed(&third), Some(dir.join("Cargo.toml")));

        std::fs::remove_file(dir.join("Cargo.toml")).unwrap();
        assert_eq!(
            third.changed(&Snapshot::take(&roots)),
            Some(dir.join("Cargo.toml"))
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
