//! The JSON API under `/api/`: documents by symbol, threads, citations,
//! search with filters and facets, agenda items, States, stats, exports, and
//! (when enabled) uploads and fetches from the UN. Each handler is annotated for the OpenAPI document,
//! so the specification is generated from the same code that serves. One
//! file per resource; the limits and the checks they share are here.

use std::collections::BTreeMap;

use axum::extract::Query;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::ApiError;

mod agenda;
mod documents;
mod export;
mod fetch;
mod overview;
mod search;
mod states;
mod upload;

pub use agenda::*;
pub use documents::*;
pub use export::*;
pub use fetch::*;
pub use overview::*;
pub use search::*;
pub use states::*;
pub use upload::*;

/// The longest query text accepted (characters).
pub const MAX_QUERY_CHARS: usize = 500;
/// The most results one page of the API returns.
pub const MAX_LIMIT: usize = 100;
/// The deepest page (offset) the API serves; past it, narrow the search.
pub const MAX_OFFSET: usize = 10_000;

/// A document as lists show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SummaryView {
    pub id: String,
    pub symbols: Vec<String>,
    pub date: Option<String>,
    pub doc_type: String,
    pub title: Option<String>,
    pub sender_state: Option<String>,
}

impl From<undoc_store::Summary> for SummaryView {
    fn from(s: undoc_store::Summary) -> Self {
        SummaryView {
            id: s.id,
            symbols: s.symbols,
            date: s.date,
            doc_type: s.doc_type.as_str().to_owned(),
            title: s.title,
            sender_state: s.sender_state,
        }
    }
}

/// Parameters nothing reads: refused, since a misspelt filter that was
/// ignored would silently widen the search. (Serde cannot deny unknown
/// fields beside a flattened struct, so they are gathered here.)
pub type Unknown = BTreeMap<String, String>;

fn refuse_unknown(unknown: &Unknown) -> Result<(), ApiError> {
    match unknown.keys().next() {
        None => Ok(()),
        Some(name) => Err(ApiError::BadRequest(format!("unknown parameter {name:?}"))),
    }
}

fn non_empty(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn number<T: std::str::FromStr>(name: &str, v: &Option<String>) -> Result<Option<T>, ApiError> {
    match non_empty(v) {
        None => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|_| ApiError::BadRequest(format!("{name} must be a number, not {text:?}"))),
    }
}

/// Query parameters the API rejects when malformed: a 400 in our error
/// format, not the framework's text.
pub fn query_params<T>(
    q: Result<Query<T>, axum::extract::rejection::QueryRejection>,
) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::BadRequest(e.body_text()))
}

pub fn missing(symbol: &str) -> ApiError {
    ApiError::NotFound(format!(
        "{symbol}: no such document in the store, and none cites it"
    ))
}

#[derive(Debug, utoipa::OpenApi)]
#[openapi(
    info(title = "undoc", description = "United Nations documents: records, references, threads and search over one store. Errors carry a stable code from one table: bad_request 400, unauthorized 401, not_found 404, method_not_allowed 405, payload_too_large 413, uri_too_long 414, unavailable 503, internal 500."),
    paths(search, document_record, document_thread, document_cites, document_cited_by, document_file, document_cite,
          agenda, states, state_detail, stats, missing_documents, export, upload, fetch_document, fetch_state),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

#[derive(Debug)]
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            utoipa::openapi::security::SecurityScheme::Http(
                utoipa::openapi::security::HttpBuilder::new()
                    .scheme(utoipa::openapi::security::HttpAuthScheme::Bearer)
                    .build(),
            ),
        );
    }
}

/// The OpenAPI document of this API.
pub async fn openapi() -> Response {
    match <ApiDoc as utoipa::OpenApi>::openapi().to_pretty_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(e) => ApiError::Internal(format!("OpenAPI document: {e}")).into_response(),
    }
}
