//! Start-up problems end the server with one clear line on stderr and a
//! non-zero exit, never a panic or a backtrace; `listening on …` is logged
//! only once the port accepts connections.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the counter binary with `env` until it exits (at most 30 s); its
/// exit status and stderr.
fn run_to_exit(env: &[(&str, &str)]) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_counter"))
        .env_remove("RESUMA_SECRET")
        .env_remove("RESUMA_ENV")
        .env("HOST", "127.0.0.1")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the counter binary starts");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
            return (status, stderr);
        }
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().ok();
            panic!("the server kept running although it cannot start");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The one line a start-up error must be.
fn assert_one_clear_line(stderr: &str, expected: &str) {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line on stderr, got:\n{stderr}");
    let line = lines[0];
    assert!(line.starts_with("Error: Resuma cannot start: "), "{line}");
    assert!(
        line.contains(expected),
        "{line} should mention {expected:?}"
    );
    assert!(
        !stderr.contains("panicked")
            && !stderr.contains("backtrace")
            && !stderr.contains("Custom {"),
        "{stderr}"
    );
}

#[test]
fn a_short_secret_is_one_line_and_exit_status_1() {
    let (status, stderr) = run_to_exit(&[("RESUMA_SECRET", "short"), ("PORT", "0")]);
    assert_eq!(status.code(), Some(1));
    assert_one_clear_line(&stderr, "at least 32 bytes");
}

#[test]
fn production_without_a_secret_does_not_start() {
    let (status, stderr) = run_to_exit(&[
        ("RESUMA_ENV", "production"),
        ("RESUMA_ORIGIN", "https://example.com"),
        ("PORT", "0"),
    ]);
    assert_eq!(status.code(), Some(1));
    assert_one_clear_line(&stderr, "RESUMA_SECRET is not set");
}

#[test]
fn a_port_in_use_is_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (status, stderr) = run_to_exit(&[("PORT", &port)]);
    assert_eq!(status.code(), Some(1));
    assert_one_clear_line(&stderr, "is already in use");
    drop(taken);
}

#[test]
fn a_bad_port_is_one_line() {
    let (status, stderr) = run_to_exit(&[("PORT", "eighty")]);
    assert_eq!(status.code(), Some(1));
    assert_one_clear_line(&stderr, "PORT must be a number");
}

#[test]
fn listening_is_logged_once_the_port_accepts_connections() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let mut child = Command::new(env!("CARGO_BIN_EXE_counter"))
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let listening = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.contains("listening on"))
        .expect("a `listening on` line");
    // The moment the line is out, a connection must succeed.
    let connected = std::net::TcpStream::connect(("127.0.0.1", port));
    child.kill().ok();
    child.wait().ok();
    assert!(
        listening.contains(&format!("http://127.0.0.1:{port}")),
        "{listening}"
    );
    assert!(
        connected.is_ok(),
        "the port did not accept a connection right after {listening:?}"
    );
}
