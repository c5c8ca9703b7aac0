//! What several command-line test files share.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // test code; each file uses a part

use std::io::BufRead;

/// Starts `undoc --store STORE serve` on a free loopback port; returns the
/// process and its `host:port`, read from the first line it prints.
pub fn spawn_server(store: impl AsRef<std::ffi::OsStr>) -> (std::process::Child, String) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("undoc"))
        .arg("--store")
        .arg(store)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env_remove("UNDOC_STORE")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .expect("the first line names the address")
        .trim()
        .trim_end_matches('/')
        .to_owned();
    (child, addr)
}
