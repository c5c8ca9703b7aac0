//! `undoc serve --allow-fetch`: a document not held fetched from a loopback
//! mock of the UN's document service in the background — by the API with the
//! bearer token, and by the not-held page's form — then held, linked and
//! found; the job's state shown while it runs; nothing without the token, and
//! nothing at all on a server that does not fetch.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;
use tower::ServiceExt;
use undoc_fetch::mock::{Answer, Mock};

const TOKEN: &str = "a-token-of-some-length";

async fn call(
    app: &axum::Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (StatusCode, String, String) {
    let mut request = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (
        status,
        String::from_utf8_lossy(&body).into_owned(),
        location,
    )
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

const BEARER: (&str, &str) = ("authorization", "Bearer a-token-of-some-length");

/// Waits (bounded) until the job for `symbol` has ended, and gives it.
async fn ended(app: &axum::Router, symbol: &str) -> Value {
    for _ in 0..240 {
        let (status, body, _) =
            call(app, "GET", &format!("/api/fetch?symbol={symbol}"), &[], "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let job = json(&body);
        if job["state"] != "queued" && job["state"] != "running" {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the fetch of {symbol} did not end within a minute");
}

/// A store holding A/79/818 (which answers A/79/798 and A/79/802, not held),
/// served with fetching from a mock that has the corpus letters; A/79/802
/// comes slowly, so its page can be seen while it runs.
fn fetching_server(dir: &std::path::Path) -> Option<(axum::Router, Mock)> {
    let letters = common::letters()?;
    common::build_store(dir, &[letters.join("A_79_818.en.pdf")]);
    let mock = Mock::start(move |symbol, language, _| {
        let path = letters.join(format!("{}.{language}.pdf", symbol.replace('/', "_")));
        let answer = match std::fs::read(path) {
            Ok(bytes) => Answer::pdf(bytes),
            Err(_) => Answer::status("404 Not Found"),
        };
        let stall = if symbol == "A/79/802" { 1500 } else { 0 };
        Answer {
            stall: Duration::from_millis(stall),
            ..answer
        }
    });
    let state = undoc_server::AppState::open(undoc_server::Config {
        store: undoc_backend::Location::Embedded(dir.to_path_buf()),
        allow_ingest: false,
        token: Some(TOKEN.to_owned()),
        fetch: Some(undoc_fetch::Config {
            base: mock.base.clone(),
            delay: Duration::ZERO,
            ..undoc_fetch::Config::default()
        }),
        read_store: None,
    })
    .unwrap();
    Some((undoc_server::router(Arc::clone(&state)), mock))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_not_held_is_fetched_through_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let Some((app, mock)) = fetching_server(dir.path()) else {
        return;
    };
    // The page of a document not held offers the fetch.
    let (status, page, _) = call(&app, "GET", "/documents/A/79/798", &[], "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Fetch from the UN"), "{page}");
    assert!(page.contains(r#"<form method="post" action="/fetch">"#));

    // No token, a wrong token, a symbol that is none, a language that is none: refused, nothing asked.
    let (status, _, _) = call(&app, "POST", "/api/fetch?symbol=A/79/798", &[], "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let wrong = ("authorization", "Bearer not-the-token-at-all!!");
    let (status, _, _) = call(&app, "POST", "/api/fetch?symbol=A/79/798", &[wrong], "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body, _) = call(&app, "POST", "/api/fetch?symbol=hello", &[BEARER], "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, _) = call(
        &app,
        "POST",
        "/api/fetch?symbol=A/79/798&lang=de",
        &[BEARER],
        "",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(mock.requests().is_empty());

    let (status, body, _) = call(&app, "POST", "/api/fetch?symbol=A/79/798", &[BEARER], "").await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    assert_eq!(json(&body)["symbol"], "A/79/798");
    let job = ended(&app, "A/79/798").await;
    assert_eq!(job["state"], "done", "{job}");
    assert_eq!(job["outcome"], "fetched", "{job}");
    let id = job["id"].as_str().unwrap().to_owned();

    // Held, linked to the letter that answers it, and found by search.
    let (status, body, _) = call(&app, "GET", "/api/documents/A/79/798", &[], "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body, _) = call(&app, "GET", "/api/documents/A/79/798/cited-by", &[], "").await;
    assert!(body.contains("A/79/818"), "A/79/818 answers it: {body}");
    let (_, body, _) = call(&app, "GET", "/api/search?q=A/79/798", &[], "").await;
    assert_eq!(json(&body)["hits"][0]["id"], id.as_str(), "{body}");

    // Asked again: held, nothing sent.
    let asked = mock.requests().len();
    let (status, body, _) = call(&app, "POST", "/api/fetch?symbol=A/79/798", &[BEARER], "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(json(&body)["outcome"], "held");
    assert_eq!(mock.requests().len(), asked);

    // A symbol the service does not have: the job ends with its answer.
    let (status, _, _) = call(&app, "POST", "/api/fetch?symbol=A/79/99999", &[BEARER], "").await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let job = ended(&app, "A/79/99999").await;
    assert_eq!(job["outcome"], "not_found", "{job}");
    assert_eq!(job["state"], "done", "{job}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_form_fetches_and_the_page_shows_the_job() {
    let dir = tempfile::tempdir().unwrap();
    let Some((app, mock)) = fetching_server(dir.path()) else {
        return;
    };
    let form = |token: &str| format!("symbol=A%2F79%2F802&lang=en&token={token}");
    let form_type = ("content-type", "application/x-www-form-urlencoded");
    let (status, _, _) = call(&app, "POST", "/fetch", &[form_type], &form("wrong")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(mock.requests().is_empty());

    let (status, _, location) = call(&app, "POST", "/fetch", &[form_type], &form(TOKEN)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, "/documents/A/79/802");
    // The service takes its time: the page says the fetch is on its way and reloads itself.
    let (_, page, _) = call(&app, "GET", &location, &[], "").await;
    assert!(
        page.contains("fetch-job fetch-queued") || page.contains("fetch-job fetch-running"),
        "{page}"
    );
    assert!(page.contains(r#"<meta http-equiv="refresh" content="2">"#));

    let job = ended(&app, "A/79/802").await;
    assert_eq!(job["outcome"], "fetched", "{job}");
    // Now the page is the document's own.
    let (status, page, _) = call(&app, "GET", &location, &[], "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("Fetch from the UN"), "{page}");
    assert!(!page.contains("not held here"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_without_allow_fetch_offers_no_fetch() {
    let dir = tempfile::tempdir().unwrap();
    let Some(letters) = common::letters() else {
        return;
    };
    common::build_store(dir.path(), &[letters.join("A_79_818.en.pdf")]);
    let app = undoc_server::router(common::state(dir.path(), true, Some(TOKEN)));
    let (_, page, _) = call(&app, "GET", "/documents/A/79/798", &[], "").await;
    assert!(page.contains("not held here") || page.contains("Not held here"));
    assert!(!page.contains("Fetch from the UN"), "{page}");
    let (status, _, _) = call(&app, "POST", "/api/fetch?symbol=A/79/798", &[BEARER], "").await;
    assert!(
        status == StatusCode::NOT_FOUND || status == StatusCode::METHOD_NOT_ALLOWED,
        "{status}"
    );
    let (status, _, _) = call(&app, "POST", "/fetch", &[], "symbol=A%2F79%2F798").await;
    assert!(
        status == StatusCode::NOT_FOUND || status == StatusCode::METHOD_NOT_ALLOWED,
        "{status}"
    );
}
