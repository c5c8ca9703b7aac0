//! The client against a mock of the Official Document System on loopback
//! (port 0, started here), which serves a real corpus letter and produces
//! each behaviour ODS is known for, recording every request's arrival.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use undoc_fetch::{Client, Config, Outcome};

fn letter() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/letters/A_79_818.en.pdf"
    );
    std::fs::read(path).expect("the corpus is needed")
}

/// What arrived: the decoded symbol and when.
type Log = Arc<Mutex<Vec<(String, Instant, String)>>>;

fn decode(value: &str) -> String {
    percent_encoding::percent_decode_str(value)
        .decode_utf8_lossy()
        .into_owned()
}

/// Starts the mock; returns its base URL and the log.
fn mock() -> (String, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log: Log = Arc::default();
    let seen = Arc::clone(&log);
    let pdf = letter();
    std::thread::spawn(move || {
        let mut times: HashMap<String, u32> = HashMap::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut agent = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("user-agent:") {
                    agent = v.trim().to_owned();
                }
            }
            let target = request_line.split(' ').nth(1).unwrap_or("").to_owned();
            let query = target.split_once('?').map_or("", |(_, q)| q);
            let symbol = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("s="))
                .map(decode)
                .unwrap_or_default();
            seen.lock()
                .unwrap()
                .push((symbol.clone(), Instant::now(), agent));
            let n = {
                let count = times.entry(symbol.clone()).or_default();
                *count += 1;
                *count
            };
            let respond = |stream: &mut std::net::TcpStream, head: &str, body: &[u8]| {
                let _ = write!(
                    stream,
                    "HTTP/1.1 {head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(body);
            };
            let pdf_head = "200 OK\r\nContent-Type: application/pdf";
            match symbol.as_str() {
                "A/79/818" => respond(&mut stream, pdf_head, &pdf),
                "EMPTY/1" => respond(&mut stream, pdf_head, b""),
                "HTML/1" => respond(
                    &mut stream,
                    "200 OK\r\nContent-Type: text/html",
                    b"<html><body>Sign in</body></html>",
                ),
                "GONE/1" => respond(&mut stream, "404 Not Found", b"no"),
                "BUSY/1" if n == 1 => {
                    respond(&mut stream, "429 Too Many Requests\r\nRetry-After: 1", b"")
                }
                "FLAKY/1" if n == 1 => respond(&mut stream, "500 Internal Server Error", b""),
                "BUSY/1" | "FLAKY/1" => respond(&mut stream, pdf_head, &pdf),
                "DOWN/1" => respond(&mut stream, "502 Bad Gateway", b""),
                "LONGWAIT/1" => respond(
                    &mut stream,
                    "503 Service Unavailable\r\nRetry-After: 3600",
                    b"",
                ),
                "WAF/1" => respond(
                    &mut stream,
                    "202 Accepted\r\nx-amzn-waf-action: challenge",
                    b"",
                ),
                "MOVED/1" => respond(
                    &mut stream,
                    "302 Found\r\nLocation: /api/symbol/access?s=A%2F79%2F818&l=en&t=pdf",
                    b"",
                ),
                "AWAY/1" => respond(
                    &mut stream,
                    "302 Found\r\nLocation: http://example.invalid/doc.pdf",
                    b"",
                ),
                "STALL/1" => {
                    std::thread::sleep(Duration::from_millis(1500));
                    respond(&mut stream, pdf_head, &pdf);
                }
                _ => respond(&mut stream, "404 Not Found", b""),
            }
        }
    });
    (base, log)
}

fn client(base: &str) -> Client {
    Client::new(Config {
        base: base.to_owned(),
        delay: Duration::from_millis(150),
        timeout: Duration::from_millis(700),
        retries: 1,
        backoff: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
        max_requests: 100,
    })
    .unwrap()
}

fn requests_for(log: &Log, symbol: &str) -> usize {
    log.lock()
        .unwrap()
        .iter()
        .filter(|(s, _, _)| s == symbol)
        .count()
}

#[test]
fn every_behaviour_of_the_service_has_its_own_outcome() {
    let (base, log) = mock();
    let mut client = client(&base);
    let pdf = letter();
    let document = Outcome::Document { bytes: pdf.clone() };
    let cases: Vec<(&str, Outcome, usize)> = vec![
        ("A/79/818", document.clone(), 1),
        ("EMPTY/1", Outcome::NotPublished, 1),
        (
            "HTML/1",
            Outcome::NotAPdf {
                content_type: "text/html".into(),
            },
            1,
        ),
        ("GONE/1", Outcome::NotFound, 1),
        ("BUSY/1", document.clone(), 2),
        ("FLAKY/1", document.clone(), 2),
        ("DOWN/1", Outcome::Failed { status: 502 }, 2),
        (
            "LONGWAIT/1",
            Outcome::RetryLater {
                after: Duration::from_secs(3600),
            },
            1,
        ),
        ("WAF/1", Outcome::Challenged, 1),
        ("MOVED/1", document.clone(), 1),
        (
            "AWAY/1",
            Outcome::RedirectedAway {
                location: "http://example.invalid/doc.pdf".into(),
            },
            1,
        ),
        ("STALL/1", Outcome::TimedOut, 2),
    ];
    for (symbol, expected, requests) in cases {
        let outcome = client.fetch(symbol, "en");
        assert_eq!(outcome, expected, "{symbol}: {}", outcome.describe());
        assert_eq!(
            requests_for(&log, symbol),
            requests,
            "{symbol}: requests sent"
        );
    }
    // The redirect within the service was followed: the letter was asked for twice in all.
    assert_eq!(requests_for(&log, "A/79/818"), 2);
    assert!(!Outcome::Challenged.describe().is_empty());
    assert!(Outcome::NotFound.is_miss() && Outcome::NotPublished.is_miss());
    assert!(
        !Outcome::Challenged.is_miss(),
        "a challenge is not a miss: the document may exist"
    );
}

#[test]
fn requests_are_spaced_named_and_counted_against_the_budget() {
    let (base, log) = mock();
    let mut client = Client::new(Config {
        max_requests: 3,
        ..Config {
            base: base.clone(),
            delay: Duration::from_millis(200),
            timeout: Duration::from_secs(5),
            retries: 1,
            backoff: Duration::from_millis(10),
            max_retry_after: Duration::from_secs(5),
            max_requests: 0,
        }
    })
    .unwrap();
    for _ in 0..3 {
        assert!(matches!(
            client.fetch("A/79/818", "en"),
            Outcome::Document { .. }
        ));
    }
    assert_eq!(client.fetch("A/79/818", "en"), Outcome::BudgetSpent);
    assert_eq!(client.requests_sent(), 3);
    let log = log.lock().unwrap();
    assert_eq!(log.len(), 3, "nothing is sent past the budget");
    for pair in log.windows(2) {
        let gap = pair[1].1.duration_since(pair[0].1);
        assert!(gap >= Duration::from_millis(190), "requests {gap:?} apart");
    }
    assert!(
        log.iter().all(|(_, _, agent)| agent.starts_with("undoc/")),
        "every request names undoc: {:?}",
        log.iter().map(|l| &l.2).collect::<Vec<_>>()
    );
}

#[test]
fn a_retry_after_is_honoured() {
    let (base, log) = mock();
    let mut client = client(&base);
    assert!(matches!(
        client.fetch("BUSY/1", "en"),
        Outcome::Document { .. }
    ));
    let log = log.lock().unwrap();
    let gap = log[1].1.duration_since(log[0].1);
    assert!(
        gap >= Duration::from_millis(950),
        "Retry-After: 1 waited {gap:?}"
    );
}

#[test]
fn nothing_is_sent_to_a_refused_port() {
    // A port with nothing listening: the connection fails, retried, then reported.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut client = client(&format!("http://127.0.0.1:{port}"));
    assert!(matches!(
        client.fetch("A/79/818", "en"),
        Outcome::Unreachable { .. }
    ));
    assert_eq!(client.requests_sent(), 2);
}
