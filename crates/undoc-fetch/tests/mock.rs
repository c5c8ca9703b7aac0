//! The client against the loopback mock of the Official Document System
//! (`undoc_fetch::mock`), serving a real corpus letter and each behaviour ODS
//! is known for, with every request's arrival recorded.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use std::net::TcpListener;
use std::time::Duration;

use undoc_fetch::mock::{self, Mock};
use undoc_fetch::{Client, Config, Outcome};

fn letter() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/letters/A_79_818.en.pdf"
    );
    std::fs::read(path).expect("the corpus is needed")
}

fn placeholder() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/other/A_78_1.en.pdf"
    );
    std::fs::read(path).expect("the corpus is needed")
}

fn ods() -> Mock {
    Mock::start(mock::known_behaviours(letter(), placeholder()))
}

fn config(base: &str) -> Config {
    Config {
        base: base.to_owned(),
        delay: Duration::from_millis(150),
        timeout: Duration::from_millis(700),
        retries: 1,
        backoff: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
        max_requests: 100,
    }
}

fn requests_for(mock: &Mock, symbol: &str) -> usize {
    mock.requests()
        .iter()
        .filter(|r| r.symbol == symbol)
        .count()
}

#[test]
fn every_behaviour_of_the_service_has_its_own_outcome() {
    let mock = ods();
    let mut client = Client::new(config(&mock.base)).unwrap();
    let document = Outcome::Document { bytes: letter() };
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
            requests_for(&mock, symbol),
            requests,
            "{symbol}: requests sent"
        );
    }
    // The redirect within the service was followed: the letter was asked for twice in all.
    assert_eq!(requests_for(&mock, "A/79/818"), 2);
    assert!(Outcome::NotFound.is_miss() && Outcome::NotPublished.is_miss());
    assert!(
        !Outcome::Challenged.is_miss(),
        "a challenge is not a miss: the document may exist"
    );
}

#[test]
fn requests_are_spaced_named_and_counted_against_the_budget() {
    let mock = ods();
    let mut client = Client::new(Config {
        delay: Duration::from_millis(200),
        timeout: Duration::from_secs(5),
        max_requests: 3,
        ..config(&mock.base)
    })
    .unwrap();
    for _ in 0..3 {
        assert!(matches!(
            client.fetch("A/79/818", "fr"),
            Outcome::Document { .. }
        ));
    }
    assert_eq!(client.fetch("A/79/818", "fr"), Outcome::BudgetSpent);
    assert_eq!(client.requests_sent(), 3);
    let log = mock.requests();
    assert_eq!(log.len(), 3, "nothing is sent past the budget");
    assert!(log.iter().all(|r| r.language == "fr"));
    for pair in log.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(gap >= Duration::from_millis(190), "requests {gap:?} apart");
    }
    assert!(
        log.iter().all(|r| r.user_agent.starts_with("undoc/")),
        "every request names undoc: {log:?}"
    );
}

#[test]
fn a_retry_after_is_honoured() {
    let mock = ods();
    let mut client = Client::new(config(&mock.base)).unwrap();
    assert!(matches!(
        client.fetch("BUSY/1", "en"),
        Outcome::Document { .. }
    ));
    let log = mock.requests();
    let gap = log[1].at.duration_since(log[0].at);
    assert!(
        gap >= Duration::from_millis(950),
        "Retry-After: 1 waited {gap:?}"
    );
}

#[test]
fn a_refused_connection_is_retried_then_reported() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut client = Client::new(config(&format!("http://127.0.0.1:{port}"))).unwrap();
    assert!(matches!(
        client.fetch("A/79/818", "en"),
        Outcome::Unreachable { .. }
    ));
    assert_eq!(client.requests_sent(), 2);
}
