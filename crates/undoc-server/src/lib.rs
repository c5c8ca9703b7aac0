/*!
The HTTP side of undoc: the JSON API (`/api/…`) and the web UI, from one
router over one store.

- Everything blocking (SQLite, tantivy) runs on blocking threads; the async
  side only parses requests and writes responses.
- Read-only unless started with `allow_ingest` (uploads) or `fetch`
  (documents not held fetched from the UN in the background), and then
  both need the bearer token.
- Untrusted text is escaped by the templates; nothing in a request reaches
  the file system except through the store's own ids; query strings, bodies
  and request time are bounded; every error is a row of [`error::ERRORS`].
*/

pub mod api;
pub mod error;
pub mod feeds;
pub mod fetch;
pub mod pages;
pub mod state;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

pub use error::ApiError;
pub use state::{AppState, Config};

/// The longest query string accepted (bytes).
pub const MAX_QUERY_BYTES: usize = 4096;
/// The largest upload accepted (bytes).
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;
/// How long one request may take, its body included (a search stops at
/// [`state::SEARCH_TIMEOUT`], before this).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a client may take to send a request's headers (an idle
/// keep-alive connection is closed after this too).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request body may pause between two pieces.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// The most request headers read.
pub const MAX_HEADERS: usize = 100;
/// The longest request head (request line and headers), in bytes.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Connections served at once; more are answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 256;
/// How long a shutdown waits for the requests in flight.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The whole application: API, pages, static files.
pub fn router(state: Arc<AppState>) -> Router {
    let mut api = Router::new()
        .route("/api/search", get(api::search))
        .route("/api/documents/{*path}", get(api::documents))
        .route("/api/agenda/{*path}", get(api::agenda))
        .route("/api/states", get(api::states))
        .route("/api/states/{name}", get(api::state_detail))
        .route("/api/stats", get(api::stats))
        .route("/api/missing", get(api::missing_documents))
        .route("/api/export", get(api::export))
        .route("/api/openapi.json", get(api::openapi));
    if state.config.allow_ingest {
        api = api.route(
            "/api/documents",
            post(api::upload)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
                .layer(middleware::from_fn_with_state(
                    Arc::clone(&state),
                    api::require_token,
                )),
        );
    }
    if state.config.fetch.is_some() {
        api = api.route(
            "/api/fetch",
            post(api::fetch_document)
                .layer(middleware::from_fn_with_state(
                    Arc::clone(&state),
                    api::require_token,
                ))
                .get(api::fetch_state),
        );
    }
    let mut pages = Router::new()
        .route("/feeds/search", get(feeds::search_feed))
        .route("/feeds/documents/{*path}", get(feeds::document_feed))
        .route("/feeds/states/{name}", get(feeds::state_feed))
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/documents/{*symbol}", get(pages::document))
        .route("/threads/{*symbol}", get(pages::thread))
        .route("/agenda/{*path}", get(pages::agenda))
        .route("/states/{name}", get(pages::state_page))
        .route("/static/style.css", get(pages::stylesheet))
        .route("/static/app.js", get(pages::script));
    if state.config.fetch.is_some() {
        pages = pages.route("/fetch", post(pages::fetch_form));
    }
    Router::new()
        .merge(api)
        .merge(pages)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(limits_and_headers))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            BODY_TIMEOUT,
        ))
        .layer(middleware::from_fn(time_limit))
        .with_state(state)
}

/// Ends a request that runs past [`REQUEST_TIMEOUT`] with the error table's
/// 503 (dropping the handler's future, which cancels its search).
async fn time_limit(request: Request, next: Next) -> Response {
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Unavailable(format!(
            "the request took longer than {} s and was stopped",
            REQUEST_TIMEOUT.as_secs()
        ))
        .into_response(),
    }
}

/// A JSON error under `/api/`, a page elsewhere.
async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::NotFound("no such API endpoint".into()).into_response()
    } else {
        pages::not_found().await.into_response()
    }
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// Refuses over-long query strings before any handler runs, and sets the
/// headers that keep a browser from running anything but our own script.
async fn limits_and_headers(request: Request, next: Next) -> Response {
    if request
        .uri()
        .query()
        .is_some_and(|q| q.len() > MAX_QUERY_BYTES)
    {
        return ApiError::UriTooLong(MAX_QUERY_BYTES).into_response();
    }
    if request.headers().len() > MAX_HEADERS {
        return ApiError::HeadersTooLarge(format!("more than {MAX_HEADERS} request headers"))
            .into_response();
    }
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    // The framework's own rejections (a body over the limit, a body too slow)
    // in our format.
    if is_api && response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::PayloadTooLarge(MAX_UPLOAD_BYTES).into_response();
    }
    if response.status() == StatusCode::REQUEST_TIMEOUT {
        return ApiError::RequestTimeout(format!(
            "the request body paused for more than {} s",
            BODY_TIMEOUT.as_secs()
        ))
        .into_response();
    }
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// Serves until Ctrl-C (or SIGTERM), then finishes the requests in flight
/// (for up to [`SHUTDOWN_GRACE`]; searches in flight are cancelled by then).
///
/// The connection layer is ours rather than `axum::serve` for what that does
/// not bound: a header read timeout (which also closes idle keep-alive
/// connections), a cap on connections, and error bodies in the table's shape
/// for heads the HTTP parser would refuse with an empty response.
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    // Another process (an ingest) may commit to the index: look for new
    // commits every second, so searches see them.
    let watcher = Arc::clone(&state);
    let refresher = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            let state = Arc::clone(&watcher);
            let _ = tokio::task::spawn_blocking(move || {
                state.with_index(|index| index.refresh().map_err(ApiError::from))
            })
            .await;
        }
    });
    let app = router(state);
    let connections = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();
    let signal = shutdown();
    tokio::pin!(signal);
    loop {
        let accepted = tokio::select! {
            () = &mut signal => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, _peer)) = accepted else {
            // Out of file descriptors and the like: pause rather than spin.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
            tasks.spawn(connection::refuse(
                stream,
                ApiError::Unavailable(format!(
                    "the server is at its limit of {MAX_CONNECTIONS} connections"
                )),
            ));
            continue;
        };
        tasks.spawn(connection::serve(
            stream,
            app.clone(),
            stopping.clone(),
            permit,
        ));
        // Finished connections' handles are let go as we go.
        while tasks.try_join_next().is_some() {}
    }
    refresher.abort();
    let _ = stop.send(true);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    tasks.abort_all();
    Ok(())
}

mod connection;

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
