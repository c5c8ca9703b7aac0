/*!
The HTTP side of undoc: the JSON API (`/api/…`) and the web UI, from one
router over one store.

- Everything blocking (SQLite, tantivy) runs on blocking threads; the async
  side only parses requests and writes responses.
- Read-only unless started with `allow_ingest`, and then uploads need the
  bearer token.
- Untrusted text is escaped by the templates; nothing in a request reaches
  the file system except through the store's own ids; query strings, bodies
  and request time are bounded; every error is a row of [`error::ERRORS`].
*/

pub mod api;
pub mod error;
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
/// How long one request may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The whole application: API, pages, static files.
pub fn router(state: Arc<AppState>) -> Router {
    let mut api = Router::new()
        .route("/api/search", get(api::search))
        .route("/api/documents/{*path}", get(api::documents))
        .route("/api/agenda/{*path}", get(api::agenda))
        .route("/api/states", get(api::states))
        .route("/api/states/{name}", get(api::state_detail))
        .route("/api/stats", get(api::stats))
        .route("/api/export", get(api::export))
        .route("/api/openapi.json", get(api::openapi));
    if state.config.allow_ingest {
        api = api.route(
            "/api/documents",
            post(api::upload).layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        );
    }
    let pages = Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/documents/{*symbol}", get(pages::document))
        .route("/threads/{*symbol}", get(pages::thread))
        .route("/agenda/{*path}", get(pages::agenda))
        .route("/states/{name}", get(pages::state_page))
        .route("/static/style.css", get(pages::stylesheet))
        .route("/static/app.js", get(pages::script));
    Router::new()
        .merge(api)
        .merge(pages)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(limits_and_headers))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .with_state(state)
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
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    // The framework's own rejections (a body over the limit) in our format.
    if is_api && response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::PayloadTooLarge(MAX_UPLOAD_BYTES).into_response();
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

/// Serves until Ctrl-C (or SIGTERM), then finishes the requests in flight.
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    // Another process (an ingest) may commit to the index: look for new
    // commits every second, so searches see them.
    let watcher = Arc::clone(&state);
    tokio::spawn(async move {
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
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown())
        .await
}

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
