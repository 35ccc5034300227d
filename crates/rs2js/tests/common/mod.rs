//! Shared test support: running JS in Node.

#![allow(dead_code)]

use std::io::Write;
use std::process::Command;

/// Writes `files` (name → contents) into a fresh temporary directory and
/// runs `node main.mjs` there; returns stdout, or panics with stderr.
pub fn run_node(files: &[(&str, String)]) -> String {
    let dir = tempdir();
    for (name, src) in files {
        let mut f = std::fs::File::create(dir.join(name)).unwrap();
        f.write_all(src.as_bytes()).unwrap();
    }
    let out = Command::new("node")
        .arg("main.mjs")
        .current_dir(&dir)
        .output()
        .expect("node must be installed to run rs2js tests");
    let _ = std::fs::remove_dir_all(&dir);
    if !out.status.success() {
        panic!(
            "node failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    String::from_utf8(out.stdout).unwrap()
}

/// A fresh directory under the system temp dir.
pub fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "rs2js-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A JS client signal as protocol.md §6 describes it, for driving handlers.
pub const SIGNAL_JS: &str = r#"
export const signal = (v) => ({
  v,
  notified: 0,
  get() { return this.v; },
  set(x) { this.v = x; this.notified++; },
  update(f) { this.v = f(this.v); this.notified++; },
  with(f) { return f(this.v); },
});
"#;
