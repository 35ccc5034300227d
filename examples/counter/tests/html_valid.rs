//! The counter's server-rendered pages pass the Nu HTML checker.
//!
//! Needs Java and the `vnu-jar` npm package (`npm ci` at the repository root;
//! `./scripts/test-all` does both).

use std::path::PathBuf;
use std::process::Command;

use resuma_test_support as support;

#[tokio::test]
async fn pages_pass_the_nu_html_checker() {
    let jar = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.exists(), "{} is missing: run `npm ci` at the repository root", jar.display());
    let addr = support::start(counter::app()).await;
    let dir = std::env::temp_dir().join(format!("resuma-vnu-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (path, name) in [("/", "home.html"), ("/about", "about.html")] {
        let page = support::get(addr, path, &[]).await;
        assert_eq!(page.status, 200, "{path}");
        let file = dir.join(name);
        std::fs::write(&file, &page.body).unwrap();
        files.push(file);
    }
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "text"])
        .args(&files)
        .output()
        .expect("java runs (install a JRE: ./scripts/setup does)");
    let report = String::from_utf8_lossy(&output.stderr).into_owned() + &String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the Nu HTML checker found errors:\n{report}");
    std::fs::remove_dir_all(&dir).ok();
}
