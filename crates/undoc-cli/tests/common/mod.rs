//! What several command-line test files share.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // test code; each file uses a part

use std::io::BufRead;

/// Starts `undoc --store STORE serve` on a free loopback port; returns the
/// process and its `host:port`, read from the first line it prints.
/// A running `undoc serve`, killed when dropped: on every path out of a
/// test, a failed assertion's unwinding included, not only on success.
pub struct Server(pub std::process::Child);

impl std::ops::Deref for Server {
    type Target = std::process::Child;
    fn deref(&self) -> &std::process::Child {
        &self.0
    }
}

impl std::ops::DerefMut for Server {
    fn deref_mut(&mut self) -> &mut std::process::Child {
        &mut self.0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Already gone (a test that stopped it) is fine.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn spawn_server(store: impl AsRef<std::ffi::OsStr>) -> (Server, String) {
    spawn_server_with(store, &[], &[])
}

/// [`spawn_server`] with more `serve` arguments and environment.
pub fn spawn_server_with(
    store: impl AsRef<std::ffi::OsStr>,
    args: &[&str],
    env: &[(&str, &str)],
) -> (Server, String) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("undoc"))
        .arg("--store")
        .arg(store)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .envs(env.iter().copied())
        .env_remove("UNDOC_STORE")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take();
    let child = Server(child);
    let mut line = String::new();
    std::io::BufReader::new(stdout.unwrap())
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

/// `undoc --store STORE`, with `$UNDOC_STORE` out of the way.
pub fn undoc(store: &std::path::Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("undoc"));
    cmd.arg("--store").arg(store).env_remove("UNDOC_STORE");
    cmd
}

/// A command's `--json` answer; the command must succeed.
pub fn json(store: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = undoc(store).args(args).arg("--json").output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// One GET over HTTP/1.1 to a server the test started: status and body.
pub fn get(addr: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_owned());
    (status, body)
}

/// `../shared` (the corpus and the seed) beside the checkout; `None` (the
/// test says it skipped) outside CI, a failure under `CI=true`.
pub fn shared() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared/corpus is missing under CI"
    );
    eprintln!("skipped: {} not found", dir.display());
    None
}

/// One request over a plain TCP connection, with a method, headers and a
/// body: the status line and the body (bytes read as UTF-8, lossily: a PDF
/// answers too).
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: {addr}\r\nContent-Length: {}\r\n",
        body.len()
    )
    .unwrap();
    for (name, value) in headers {
        write!(stream, "{name}: {value}\r\n").unwrap();
    }
    stream.write_all(b"\r\n").unwrap();
    stream.write_all(body).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let response = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (
        head.lines().next().unwrap_or_default().to_owned(),
        body.to_owned(),
    )
}

/// The folder of a store shared by one test file's tests, emptied when the
/// file's first test asks for it. It lives in cargo's target/tmp under a
/// fixed name, not in a temporary directory: a static is never dropped, so
/// a temporary store outlived every run, and the leaked stores (182 MB each,
/// every run) filled the disk CI runs on.
pub fn run_dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
