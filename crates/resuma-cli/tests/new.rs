//! `resuma new`: each template, written into a temporary directory against
//! this checkout's resuma (`--resuma-path`), builds, passes its own `cargo
//! test`, starts, and answers `GET /` over real HTTP.
//!
//! The generated projects share one target directory (under this test's own
//! target directory) and this workspace's Cargo.lock, so their dependencies
//! compile once for all three.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// `<target>/resuma-new-tests`: beside this test's binaries.
fn scratch() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_resuma"));
    bin.parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("resuma-new-tests")
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.env("CARGO_TARGET_DIR", scratch().join("target"));
    cmd
}

/// `resuma new DIR --template T --resuma-path <checkout>/crates/resuma`
/// into a fresh directory; returns the project's directory.
fn create(template: &str) -> PathBuf {
    let dir = scratch()
        .join(format!("{template}-{}", std::process::id()))
        .join(format!("my-{template}"));
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    let output = Command::new(env!("CARGO_BIN_EXE_resuma"))
        .arg("new")
        .arg(&dir)
        .args(["--template", template, "--resuma-path"])
        .arg(repo().join("crates/resuma"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "resuma new failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("resuma dev"));
    // The versions this workspace is tested with (and already has compiled).
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

fn run_its_tests(dir: &Path) {
    let status = cargo()
        .arg("test")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .status()
        .unwrap();
    assert!(status.success(), "cargo test failed in {}", dir.display());
}

/// The project's server on a free port of 127.0.0.1, its directory as the
/// working directory; killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path, package: &str) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let binary = scratch().join("target/debug").join(package);
    let child = Command::new(&binary)
        .current_dir(dir)
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    Server {
        child,
        addr: SocketAddr::from(([127, 0, 0, 1], port)),
    }
}

/// `GET path` once the server accepts connections (at most 30 s).
fn get(server: &mut Server, path: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(Some(status)) = server.child.try_wait() {
            panic!("the server exited ({status}) before answering");
        }
        if let Ok(mut stream) = TcpStream::connect(server.addr) {
            let request = format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                server.addr
            );
            stream.write_all(request.as_bytes()).unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).unwrap();
            return response;
        }
        assert!(
            Instant::now() < deadline,
            "{} not serving after 30 s",
            server.addr
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn check_template(template: &str, heading: &str) {
    let dir = create(template);
    run_its_tests(&dir);
    let mut server = start(&dir, &format!("my-{template}"));
    let home = get(&mut server, "/");
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(home.contains(heading), "{home}");
    drop(server);
    std::fs::remove_dir_all(dir.parent().unwrap()).unwrap();
}

#[test]
fn basic_template_builds_passes_its_test_and_serves() {
    check_template("basic", "<h1>Welcome to my-basic</h1>");
}

#[test]
fn todo_template_builds_passes_its_test_and_serves() {
    check_template("todo", "<h1>Todos</h1>");
}

#[test]
fn flow_template_builds_passes_its_test_and_serves() {
    check_template("flow", "<h1>Welcome to my-flow</h1>");
}

#[test]
fn a_directory_that_is_not_empty_is_refused() {
    let dir = scratch().join(format!("full-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_resuma"))
        .arg("new")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "nothing was written"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
