//! The API and pages through the real router (no network): documents by any
//! symbol, threads, citations, search with filters and facets, agenda items,
//! States, files, exports, uploads; the error table; escaping of hostile
//! text; paths that try to leave the store; limits; and serving while an
//! ingest writes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    content_type: String,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
}

async fn call(
    app: &axum::Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Reply {
        status,
        content_type,
        body,
    }
}

async fn get(app: &axum::Router, uri: &str) -> Reply {
    call(app, "GET", uri, &[], Vec::new()).await
}

fn app() -> Option<axum::Router> {
    let dir = common::shared_store()?;
    Some(undoc_server::router(common::state(dir, false, None)))
}

/// An error body in the table's shape, with the expected code and status.
fn assert_error(reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["error"]["code"], code, "{body}");
    assert_eq!(body["error"]["status"], status);
    assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    assert!(
        undoc_server::error::ERRORS
            .iter()
            .any(|(c, s, _)| *c == code && *s == status),
        "{code} {status} is a row of the error table"
    );
}

#[tokio::test]
async fn documents_by_any_symbol_with_thread_cites_and_cited_by() {
    let Some(app) = app() else { return };
    // Either part of a joint symbol.
    let by_second = get(&app, "/api/documents/S/2025/156").await;
    assert_eq!(by_second.status, StatusCode::OK);
    let doc = by_second.json();
    assert_eq!(doc["record"]["id"], "A/79/818");
    assert_eq!(doc["record"]["letter"]["sender_state"], "Azerbaijan");
    assert_eq!(
        doc["resolved"].as_array().unwrap().len(),
        doc["record"]["references"].as_array().unwrap().len()
    );
    assert!(
        doc["resolved"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "A/79/798")
    );
    // A revision and its base.
    assert_eq!(
        get(&app, "/api/documents/S/2025/71/Rev.1").await.json()["record"]["symbols"][0],
        "S/2025/71/Rev.1"
    );
    assert_eq!(
        get(&app, "/api/documents/S/2025/71").await.status,
        StatusCode::OK
    );

    let thread = get(&app, "/api/documents/A/79/818/thread").await.json();
    let ids: Vec<&str> = thread["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["key"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"A/79/798") && ids.contains(&"A/79/802") && ids.contains(&"A/79/818"),
        "{ids:?}"
    );
    let armenian = thread["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["document"]["sender_state"] == "Armenia")
        .count();
    // Who answers whom: Azerbaijan's letter answers both Armenian letters.
    let answered: Vec<&str> = thread["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["from"] == "A/79/818")
        .map(|e| e["to"].as_str().unwrap())
        .collect();
    assert_eq!(answered, ["A/79/798", "A/79/802"], "{thread}");
    assert!(armenian >= 2, "{thread}");

    let cites = get(&app, "/api/documents/S/2025/228/cites").await.json();
    assert!(
        cites
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["symbol"] == "S/2025/147" && l["to"] == "S/2025/147")
    );
    let cited_by = get(&app, "/api/documents/S/2025/147/cited-by").await.json();
    assert!(
        cited_by
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["document"]["id"] == "S/2025/228")
    );

    // The seed has no symbol: reachable by its id.
    let seed_id = common::seed_id();
    let seed = get(&app, &format!("/api/documents/{seed_id}")).await;
    assert_eq!(seed.status, StatusCode::OK);
    assert_eq!(
        seed.json()["record"]["letter"]["sender_state"],
        "Azerbaijan"
    );

    assert_error(
        &get(&app, "/api/documents/A/79/100000").await,
        404,
        "not_found",
    );
}

#[tokio::test]
async fn the_original_file_and_paths_that_try_to_leave_the_store() {
    let Some(app) = app() else { return };
    let file = get(&app, "/api/documents/A/79/818/file").await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.content_type, "application/pdf");
    assert!(file.body.starts_with(b"%PDF"));
    for uri in [
        "/api/documents/..%2f..%2f..%2fetc%2fpasswd/file",
        "/api/documents/../../etc/passwd/file",
        "/api/documents/%2Fetc%2Fpasswd/file",
        "/api/documents//etc/passwd/file",
        "/api/documents/files%2F00/file",
    ] {
        let reply = get(&app, uri).await;
        assert!(
            reply.status == StatusCode::NOT_FOUND || reply.status == StatusCode::BAD_REQUEST,
            "{uri}: {}",
            reply.status
        );
        assert!(!reply.text().contains("root:"), "{uri}");
    }
}

#[tokio::test]
async fn search_with_filters_facets_and_pagination() {
    let Some(app) = app() else { return };
    let reply = get(&app, "/api/search?q=%22Red+Sea%22&limit=5").await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    let total = body["total"].as_u64().unwrap();
    assert!(total >= 5, "{body}");
    assert_eq!(body["hits"].as_array().unwrap().len(), 5);
    assert!(body["hits"][0]["snippet"].as_str().unwrap().contains("<b>"));
    assert!(
        body["facets"]["organ"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["value"] == "S")
    );
    // The next page continues without repeating.
    let next = get(&app, "/api/search?q=%22Red+Sea%22&limit=5&offset=5")
        .await
        .json();
    let first: Vec<&Value> = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["id"])
        .collect();
    assert!(
        next["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| !first.contains(&&h["id"]))
    );
    // Every filter of the CLI.
    let filtered = get(
        &app,
        "/api/search?q=&organ=A&session=79&agenda=132&type=letter&state=Azerbaijan&from=2025-01-01&to=2025-12-31&limit=100",
    )
    .await
    .json();
    let hits = filtered["hits"].as_array().unwrap();
    assert!(hits.iter().any(|h| h["id"] == "A/79/818"), "{filtered}");
    assert!(hits.iter().all(|h| h["doc_type"] == "letter"));
    // A symbol finds its document first.
    assert_eq!(
        get(&app, "/api/search?q=A/79/818").await.json()["hits"][0]["id"],
        "A/79/818"
    );

    for bad in [
        "/api/search?limit=abc",
        "/api/search?limit=0",
        "/api/search?limit=101",
        "/api/search?offset=10001",
        "/api/search?from=yesterday",
        "/api/search?agenda=132",
        "/api/search?session=79",
        "/api/search?year=twenty",
        "/api/search?colour=blue",
        // Not a document type (the CLI's --type reads the same list).
        "/api/search?type=lettre",
    ] {
        assert_error(&get(&app, bad).await, 400, "bad_request");
    }
    let long = format!("/api/search?q={}", "a".repeat(600));
    assert_error(&get(&app, &long).await, 400, "bad_request");
    let huge = format!("/api/search?q={}", "a".repeat(5000));
    assert_error(&get(&app, &huge).await, 414, "uri_too_long");
}

#[tokio::test]
async fn agenda_items_states_and_stats() {
    let Some(app) = app() else { return };
    let agenda = get(&app, "/api/agenda/A/79/132").await.json();
    assert_eq!(agenda["organ"], "A");
    assert!(
        agenda["title"]
            .as_str()
            .unwrap()
            .starts_with("The responsibility to protect")
    );
    let dates: Vec<&str> = agenda["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["date"].as_str())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    assert!(
        agenda["documents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == "A/79/818")
    );
    assert_error(&get(&app, "/api/agenda/A/79").await, 400, "bad_request");
    assert_error(&get(&app, "/api/agenda/A/79/9999").await, 404, "not_found");

    let states = get(&app, "/api/states").await.json();
    assert!(
        states
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "Armenia" && s["sent"].as_u64().unwrap() >= 2)
    );
    let armenia = get(&app, "/api/states/armenia").await.json();
    assert_eq!(armenia["name"], "Armenia");
    assert!(
        armenia["sent"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == "A/79/798")
    );
    assert!(
        armenia["mentioned_in"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == "A/79/818")
    );
    assert_error(&get(&app, "/api/states/Atlantis").await, 404, "not_found");

    let stats = get(&app, "/api/stats").await.json();
    assert_eq!(stats["documents"], 232);
}

#[tokio::test]
async fn exports_stream_in_every_format() {
    let Some(app) = app() else { return };
    let jsonl = get(&app, "/api/export?format=jsonl&symbols=A/79/818,S/2025/192").await;
    assert_eq!(jsonl.status, StatusCode::OK);
    let lines: Vec<Value> = jsonl
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["id"], "S/2025/192");
    let csv = get(&app, "/api/export?format=csv&organ=A&session=79&agenda=132").await;
    assert!(csv.content_type.starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(csv.body.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        undoc_export::DOCUMENT_COLUMNS
    );
    assert!(reader.records().count() >= 30);
    let whole = get(&app, "/api/export?format=jsonl").await;
    assert_eq!(whole.text().lines().count(), 232);
    let marc = get(&app, "/api/export?format=marcxml&symbols=A/79/818").await;
    assert_eq!(undoc_marc::read(&marc.text()).unwrap().len(), 1);
    let akn = get(&app, "/api/export?format=akn&symbols=A/79/818").await;
    assert!(
        akn.text()
            .contains("<FRBRuri value=\"/akn/un/doc/letter/unga/2025-03-12/A-79-818\"/>")
    );
    assert_error(
        &get(&app, "/api/export?format=akn").await,
        400,
        "bad_request",
    );
    assert_error(
        &get(&app, "/api/export?format=docx").await,
        400,
        "bad_request",
    );
    assert_error(
        &get(&app, "/api/export?format=jsonl&symbols=A/79/100000").await,
        404,
        "not_found",
    );
}

/// The search and the export read one definition of the filters
/// (`undoc_search::Filters`): every filter selects the same documents in
/// both, and a bad or unknown parameter is refused by both. Before, export
/// copied the search's fields one by one, and the search page's links
/// dropped `sender` and `mentions` (a facet clicked on
/// `/search?sender=Azerbaijan` widened the search to every sender).
#[tokio::test]
async fn search_and_export_read_the_same_filters() {
    let Some(app) = app() else { return };
    for filter in [
        "sender=Azerbaijan",
        "mentions=Armenia&type=letter",
        "organ=A&session=79&agenda=132",
        "state=Armenia&from=2025-01-01&to=2025-06-30",
        "year=2025&lang=en&type=note_verbale",
        "q=Zangezur&year=",
    ] {
        let found = get(&app, &format!("/api/search?{filter}&limit=100"))
            .await
            .json();
        let mut searched: Vec<String> = found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_owned())
            .collect();
        assert!(!searched.is_empty(), "{filter} finds documents");
        assert!(
            found["total"].as_u64().unwrap() <= 100,
            "{filter}: one page"
        );
        let exported = get(&app, &format!("/api/export?format=jsonl&{filter}")).await;
        assert_eq!(exported.status, StatusCode::OK, "{filter}");
        let mut ids: Vec<String> = exported
            .text()
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        searched.sort();
        ids.sort();
        assert_eq!(ids, searched, "{filter}: export selects what search finds");
    }
    for bad in [
        "colour=blue",
        "year=twenty",
        "type=lettre",
        "session=79",
        "sender=Atlantis",
    ] {
        assert_error(
            &get(&app, &format!("/api/search?{bad}")).await,
            400,
            "bad_request",
        );
        assert_error(
            &get(&app, &format!("/api/export?format=csv&{bad}")).await,
            400,
            "bad_request",
        );
    }
    let page = get(&app, "/search?sender=Azerbaijan&mentions=Armenia")
        .await
        .text();
    let facet_links: Vec<&str> = page
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with("/search?") && href.contains("organ="))
        .collect();
    assert!(!facet_links.is_empty(), "the page has organ facets");
    for href in facet_links {
        assert!(
            href.contains("sender=Azerbaijan") && href.contains("mentions=Armenia"),
            "a facet link keeps the filters: {href}"
        );
    }
}

#[tokio::test]
async fn hostile_document_text_is_escaped_everywhere() {
    let Some(app) = app() else { return };
    for uri in [
        "/documents/A/79/9999",
        "/search?q=onerror",
        "/agenda/A/79/132",
        "/states/Armenia",
        "/threads/A/79/9999",
    ] {
        let page = get(&app, uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let html = page.text();
        assert!(!html.contains("<script>alert"), "{uri}: raw script");
        assert!(!html.contains("<img src=x"), "{uri}: raw img");
        assert!(!html.contains("<b>Bold</b>"), "{uri}: raw markup");
    }
    let html = get(&app, "/documents/A/79/9999").await.text();
    // The text is there, shown as text.
    assert!(
        html.contains("&#60;script&#62;alert(&#39;body&#39;)&#60;/script&#62;"),
        "{html}"
    );
    assert!(
        html.contains("&#34;&#62;&#60;img src=x onerror=alert(2)&#62;"),
        "{html}"
    );
    // Search terms echoed back are escaped too.
    let echo = get(&app, "/search?q=%3Cscript%3Ealert(3)%3C/script%3E")
        .await
        .text();
    assert!(!echo.contains("<script>alert(3)"));
    // The reference in the hostile body still links to its document here.
    assert!(html.contains("href=\"/documents/A/79/798\""));
}

#[tokio::test]
async fn pages_render_with_links_and_errors_are_pages() {
    let Some(app) = app() else { return };
    let home = get(&app, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.content_type.starts_with("text/html"));
    let doc = get(&app, "/documents/S/2025/228").await.text();
    assert!(
        doc.contains("href=\"/documents/S/2025/147\" class=\"ref-internal\""),
        "a reference held here"
    );
    assert!(
        doc.contains("href=\"https://undocs.org/en/S/RES/2722%20(2024)\" class=\"ref-external\""),
        "a reference elsewhere"
    );
    let seed = get(&app, &format!("/documents/{}", common::seed_id()))
        .await
        .text();
    assert!(seed.contains("Agenda item") || seed.contains("Item 35"));
    assert!(seed.contains("Protracted conflicts in the GUAM area"));
    assert!(seed.contains("href=\"https://undocs.org/en/A/75/861\""));
    let search = get(&app, "/search?q=Red+Sea").await.text();
    assert!(search.contains("class=\"hit\""));
    let missing = get(&app, "/documents/A/79/100000").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.content_type.starts_with("text/html"));
    let bad = get(&app, "/search?from=nonsense").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("role=\"alert\""));
    // Security headers on every response.
    let response = app
        .clone()
        .oneshot(Request::builder().uri("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let csp = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(
        response
            .headers()
            .get(header::X_CONTENT_TYPE_OPTIONS)
            .unwrap(),
        "nosniff"
    );
}

#[tokio::test]
async fn uploads_need_the_flag_and_the_token() {
    let Some(files) = common::corpus_files() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    common::build_store(dir.path(), &files[..3]);
    let seed =
        std::fs::read(common::repo().join("examples/azerbaijan-letter-2021-05-07.md")).unwrap();

    // Read-only: there is no upload endpoint.
    let read_only = undoc_server::router(common::state(dir.path(), false, None));
    let reply = call(
        &read_only,
        "POST",
        "/api/documents?name=seed.md",
        &[],
        seed.clone(),
    )
    .await;
    assert!(
        reply.status == StatusCode::NOT_FOUND || reply.status == StatusCode::METHOD_NOT_ALLOWED,
        "{}",
        reply.status
    );

    let app = undoc_server::router(common::state(dir.path(), true, Some("s3cret")));
    let none = call(
        &app,
        "POST",
        "/api/documents?name=seed.md",
        &[],
        seed.clone(),
    )
    .await;
    assert_error(&none, 401, "unauthorized");
    let wrong = call(
        &app,
        "POST",
        "/api/documents?name=seed.md",
        &[("authorization", "Bearer nope")],
        seed.clone(),
    )
    .await;
    assert_error(&wrong, 401, "unauthorized");
    let auth = [("authorization", "Bearer s3cret")];
    let added = call(
        &app,
        "POST",
        "/api/documents?name=seed.md",
        &auth,
        seed.clone(),
    )
    .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text());
    let id = added.json()["id"].as_str().unwrap().to_owned();
    let again = call(&app, "POST", "/api/documents?name=seed.md", &auth, seed).await;
    assert_eq!(again.json()["outcome"], "unchanged");
    // Searchable at once.
    let found = get(&app, "/api/search?q=Zangazur").await.json();
    assert!(
        found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"] == id.as_str()),
        "{found}"
    );
    // Garbage is a 400 naming the file; a path in the name goes nowhere.
    let garbage = call(
        &app,
        "POST",
        "/api/documents?name=junk.pdf",
        &auth,
        b"not a pdf".to_vec(),
    )
    .await;
    assert_error(&garbage, 400, "bad_request");
    assert!(
        garbage.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("junk.pdf")
    );
    let sneaky = call(
        &app,
        "POST",
        "/api/documents?name=../../x.md",
        &auth,
        b"# Title\n\nText.".to_vec(),
    )
    .await;
    assert!(sneaky.status.is_success() || sneaky.status == StatusCode::BAD_REQUEST);
    assert!(!dir.path().join("../x.md").exists());
    // Too large.
    let big = vec![b'a'; undoc_server::MAX_UPLOAD_BYTES + 1];
    let too_big = call(&app, "POST", "/api/documents?name=big.txt", &auth, big).await;
    assert_error(&too_big, 413, "payload_too_large");
}

#[tokio::test]
async fn the_openapi_document_covers_every_api_route() {
    let Some(app) = app() else { return };
    let spec = get(&app, "/api/openapi.json").await;
    assert_eq!(spec.status, StatusCode::OK);
    let spec = spec.json();
    let paths: Vec<&str> = spec["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for route in [
        "/api/search",
        "/api/documents/{symbol}",
        "/api/documents/{symbol}/thread",
        "/api/documents/{symbol}/cites",
        "/api/documents/{symbol}/cited-by",
        "/api/documents/{symbol}/file",
        "/api/agenda/{organ}/{session}/{item}",
        "/api/states",
        "/api/states/{name}",
        "/api/stats",
        "/api/export",
        "/api/documents",
        "/api/fetch",
    ] {
        assert!(paths.contains(&route), "{route} missing from {paths:?}");
    }
    insta::assert_json_snapshot!("openapi", spec);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn searches_while_an_ingest_writes_all_succeed() {
    let Some(files) = common::corpus_files() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    common::build_store(dir.path(), &files[..50]);
    let app = undoc_server::router(common::state(dir.path(), false, None));
    let store_dir = dir.path().to_path_buf();
    let rest = files[50..].to_vec();
    let writer = std::thread::spawn(move || {
        // Another writer, as `undoc ingest` in another process would be.
        let mut store = undoc_store::SqliteStore::open(&store_dir).unwrap();
        let (mut index, _) =
            undoc_index::SearchIndex::open(&undoc_index::dir_in_store(&store_dir), &store).unwrap();
        let changed = std::sync::Mutex::new(Vec::new());
        let options = undoc_ingest::Options {
            batch: 8,
            ..Default::default()
        };
        undoc_ingest::ingest(&mut store, &rest, &options, &|_, o| {
            if let undoc_ingest::Outcome::Added(id) = o {
                changed.lock().unwrap().push(id.clone());
            }
        })
        .unwrap();
        index
            .update(&store, &changed.into_inner().unwrap())
            .unwrap();
    });
    let mut requests = 0;
    while !writer.is_finished() {
        for uri in [
            "/api/search?q=humanitarian",
            "/api/documents/A/79/716",
            "/search?q=ceasefire",
            "/api/stats",
        ] {
            let reply = get(&app, uri).await;
            assert!(
                reply.status.is_success(),
                "{uri} during the ingest: {} {}",
                reply.status,
                reply.text()
            );
            requests += 1;
        }
    }
    writer.join().unwrap();
    assert!(requests > 0);
    let stats = get(&app, "/api/stats").await.json();
    assert_eq!(stats["documents"], files.len());
}

/// Issue 19 over HTTP: a rare spelling also finds the record's others
/// (A/79/796 writes "Zangazur", A/79/729 "Zangezur"), an empty search names
/// the spelling the record uses and the filter that left nothing, and the
/// page links to both.
#[tokio::test]
async fn close_spellings_and_why_nothing_was_found() {
    let Some(app) = app() else { return };
    let widened = get(&app, "/api/search?q=Zangazur").await.json();
    assert_eq!(widened["also_matching"], serde_json::json!(["Zangezur"]));
    let ids: Vec<&str> = widened["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"A/79/729") && ids.contains(&"A/79/796"),
        "{ids:?}"
    );
    let empty = get(&app, "/api/search?q=Zangezour+corridor").await.json();
    assert_eq!(empty["total"], 0);
    assert_eq!(empty["suggestions"][0]["spelling"], "Zangezur", "{empty}");
    assert_eq!(empty["suggestions"][0]["query"], "zangezur corridor");
    let filtered = get(&app, "/api/search?q=Zangezur&year=1990").await.json();
    assert_eq!(filtered["total"], 0);
    assert_eq!(filtered["excluded_by"][0]["filter"], "year", "{filtered}");
    // What the link finds: the search without the year, spellings and all.
    let unfiltered = get(&app, "/api/search?q=Zangezur").await.json();
    assert_eq!(filtered["excluded_by"][0]["total"], unfiltered["total"]);
    let page = get(&app, "/search?q=Zangezour+corridor&type=letter")
        .await
        .text();
    assert!(
        page.contains(
            r#"Did you mean <a href="/search?q=zangezur+corridor&#38;type=letter">Zangezur</a>"#
        ),
        "{page}"
    );
    let page = get(&app, "/search?q=Zangezur&year=1990").await.text();
    assert!(
        page.contains(r#"Without <a href="/search?q=Zangezur">Year</a>: "#),
        "{page}"
    );
    let page = get(&app, "/search?q=Zangazur").await.text();
    assert!(page.contains("Also matching Zangezur, as the record spells it."));
}
