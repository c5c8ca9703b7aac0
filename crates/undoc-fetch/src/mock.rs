//! A stand-in for the Official Document System on loopback, for tests here
//! and in other crates (feature `mock`): it listens on 127.0.0.1 at a port
//! the OS picks, answers each request with what the test's function says
//! for that symbol (and how many times it was asked), and logs every
//! request's symbol, language, arrival and User-Agent. It stands in for the
//! UN Digital Library too: a catalogue search (`/search?p=191__a:"S"&of=xm`)
//! comes to the test's function as symbol `S` in the language [`MARC`].

#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a failure is the report

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The language a catalogue search is asked in, as the mock reports it.
pub const MARC: &str = "marc";

/// One request as the mock saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub symbol: String,
    pub language: String,
    pub at: Instant,
    pub user_agent: String,
}

/// An answer: status line (with any headers after it, `\r\n`-separated),
/// body, and how long to wait before sending it.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub head: String,
    pub body: Vec<u8>,
    pub stall: Duration,
}

impl Answer {
    pub fn pdf(bytes: Vec<u8>) -> Answer {
        Answer {
            head: "200 OK\r\nContent-Type: application/pdf".into(),
            body: bytes,
            stall: Duration::ZERO,
        }
    }

    pub fn status(head: &str) -> Answer {
        Answer {
            head: head.into(),
            ..Answer::default()
        }
    }
}

/// The Official Document System as it is known to behave, one symbol per
/// behaviour, for the tests of the client and of `undoc fetch`:
/// `A/79/818` is `letter`; `GHOST/1` the service's "does not exist" page
/// (`placeholder`); `EMPTY/1` an empty 200; `HTML/1` a page; `BUSY/1` 429
/// with `Retry-After: 1`, then the letter; `FLAKY/1` 500, then the letter;
/// `DOWN/1` 502 throughout; `LONGWAIT/1` 503 asking for an hour; `WAF/1` the
/// firewall's 202 challenge; `MOVED/1` a redirect within the host to the
/// letter; `AWAY/1` a redirect to another host; `STALL/1` the letter after
/// 1.5 s; anything else 404.
pub fn known_behaviours(
    letter: Vec<u8>,
    placeholder: Vec<u8>,
) -> impl Fn(&str, &str, u32) -> Answer + Send + Sync + 'static {
    move |symbol, _, nth| match symbol {
        "A/79/818" => Answer::pdf(letter.clone()),
        "GHOST/1" => Answer::pdf(placeholder.clone()),
        "EMPTY/1" => Answer::pdf(Vec::new()),
        "HTML/1" => Answer {
            head: "200 OK\r\nContent-Type: text/html".into(),
            body: b"<html><body>Sign in</body></html>".to_vec(),
            ..Answer::default()
        },
        "BUSY/1" if nth == 1 => Answer::status("429 Too Many Requests\r\nRetry-After: 1"),
        "FLAKY/1" if nth == 1 => Answer::status("500 Internal Server Error"),
        "BUSY/1" | "FLAKY/1" => Answer::pdf(letter.clone()),
        "DOWN/1" => Answer::status("502 Bad Gateway"),
        "LONGWAIT/1" => Answer::status("503 Service Unavailable\r\nRetry-After: 3600"),
        "WAF/1" => Answer::status("202 Accepted\r\nx-amzn-waf-action: challenge"),
        "MOVED/1" => {
            Answer::status("302 Found\r\nLocation: /api/symbol/access?s=A%2F79%2F818&l=en&t=pdf")
        }
        "AWAY/1" => Answer::status("302 Found\r\nLocation: http://example.invalid/doc.pdf"),
        "STALL/1" => Answer {
            stall: Duration::from_millis(1500),
            ..Answer::pdf(letter.clone())
        },
        _ => Answer::status("404 Not Found"),
    }
}

/// A running mock: its base URL and its log.
#[derive(Debug, Clone)]
pub struct Mock {
    pub base: String,
    log: Arc<Mutex<Vec<Request>>>,
}

impl Mock {
    /// Starts a mock answering with `answer(symbol, language, nth time asked)`.
    pub fn start(answer: impl Fn(&str, &str, u32) -> Answer + Send + Sync + 'static) -> Mock {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let log: Arc<Mutex<Vec<Request>>> = Arc::default();
        let seen = Arc::clone(&log);
        let answer = Arc::new(answer);
        let times: Arc<Mutex<HashMap<(String, String), u32>>> = Arc::default();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (answer, times, seen) =
                    (Arc::clone(&answer), Arc::clone(&times), Arc::clone(&seen));
                // Each connection in its own thread: a stalled answer does not hold up the next request.
                std::thread::spawn(move || {
                    let Ok(read_half) = stream.try_clone() else {
                        return;
                    };
                    let mut reader = BufReader::new(read_half);
                    let mut request_line = String::new();
                    if reader.read_line(&mut request_line).is_err() {
                        return;
                    }
                    let mut user_agent = String::new();
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                            break;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("user-agent:") {
                            user_agent = v.trim().to_owned();
                        }
                    }
                    let target = request_line.split(' ').nth(1).unwrap_or("");
                    let query = target.split_once('?').map_or("", |(_, q)| q);
                    let param = |name: &str| {
                        query
                            .split('&')
                            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
                            .map(|v| {
                                percent_encoding::percent_decode_str(v)
                                    .decode_utf8_lossy()
                                    .into_owned()
                            })
                            .unwrap_or_default()
                    };
                    let (symbol, language) = match param("p").strip_prefix("191__a:") {
                        Some(quoted) => (quoted.trim_matches('"').to_owned(), MARC.to_owned()),
                        None => (param("s"), param("l")),
                    };
                    seen.lock().unwrap().push(Request {
                        symbol: symbol.clone(),
                        language: language.clone(),
                        at: Instant::now(),
                        user_agent,
                    });
                    let nth = {
                        let mut times = times.lock().unwrap();
                        let count = times.entry((symbol.clone(), language.clone())).or_default();
                        *count += 1;
                        *count
                    };
                    let reply = answer(&symbol, &language, nth);
                    std::thread::sleep(reply.stall);
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        reply.head,
                        reply.body.len()
                    );
                    let _ = stream.write_all(&reply.body);
                });
            }
        });
        Mock { base, log }
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }
}
