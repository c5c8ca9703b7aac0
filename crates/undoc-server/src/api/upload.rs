//! `POST /api/documents` (with `--allow-ingest`): a file ingested behind a
//! bearer token.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ErrorBody};
use crate::state::{AppState, blocking};

use super::query_params;

/// What an upload did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UploadResult {
    /// added, updated or unchanged.
    pub outcome: String,
    pub id: String,
    /// Whether a read now sees it: always, unless reads go to a replica
    /// (`--read-store`) that had not replayed the write within 5 seconds.
    pub replicated: bool,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    /// The file's name, for its format (`.pdf`, `.md`, `.txt`).
    pub name: String,
}

/// Adds one document (the request body is the file). Only with
/// `undoc serve --allow-ingest`, and only with the bearer token.
#[utoipa::path(post, path = "/api/documents", params(UploadParams),
    request_body(content = Vec<u8>, description = "The document file", content_type = "application/octet-stream"),
    responses((status = 201, body = UploadResult), (status = 200, body = UploadResult),
               (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 413, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn upload(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    params: Result<Query<UploadParams>, axum::extract::rejection::QueryRejection>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    // Checked before the body is read too (`require_token`); here for any other route to this handler.
    authorize(&state, &headers)?;
    let params = query_params(params)?;
    let name = std::path::Path::new(&params.name)
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| ApiError::BadRequest("name must be a file name".into()))?
        .to_owned();
    let _one_at_a_time = state.ingest.lock().await;
    let result = blocking(&state, move |s| ingest_one(s, &name, &body)).await?;
    let status = if result.outcome == "added" {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(result)).into_response())
}

/// Refuses an upload without the token before its body is read: six
/// unauthenticated 60 MB uploads must not cost the server 360 MB.
pub async fn require_token(
    State(state): State<Arc<AppState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    match authorize(&state, request.headers()) {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

pub(crate) fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    authorize_token(state, given)
}

/// Whether `given` is the server's write token (a page's form sends it in
/// its body, the API in the Authorization header).
pub(crate) fn authorize_token(state: &AppState, given: &str) -> Result<(), ApiError> {
    let Some(expected) = state.config.token.as_deref().filter(|t| !t.is_empty()) else {
        return Err(ApiError::Unauthorized);
    };
    // Length first, then every byte: no early exit that times the token.
    let same = given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if same {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

/// How long an upload waits for another writer (a CLI ingest) before 503.
pub const UPLOAD_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

fn ingest_one(s: &AppState, name: &str, bytes: &[u8]) -> Result<UploadResult, ApiError> {
    // The store's write lock first: an `undoc ingest` at work is waited for,
    // briefly, then the client is told the store is busy (503, Retry-After).
    let _lock = s.config.store.write_lock(UPLOAD_WAIT, || {})?;
    let (result, position) = s.with_writer(|store| {
        // Parsed from the bytes as sent, under the name sent: nothing is written
        // to a temporary file, and the record's source is the uploaded name.
        let outcome =
            undoc_ingest::ingest_bytes(store, name, bytes, &undoc_ingest::Options::default())?;
        let (word, id) = match outcome {
            undoc_ingest::Outcome::Added(id) => ("added", id),
            undoc_ingest::Outcome::Updated(id) => ("updated", id),
            undoc_ingest::Outcome::Unchanged(id) => ("unchanged", id),
            undoc_ingest::Outcome::Failed(reason) => {
                return Err(ApiError::BadRequest(format!("{name}: {reason}")));
            }
        };
        // Stored: an index that cannot follow now catches up later, and the
        // upload is still reported as stored.
        if word != "unchanged" {
            let _ = s.with_index_mut(|index| Ok(index.update(store, std::slice::from_ref(&id))?));
        }
        let position = store.write_position()?;
        let result = UploadResult {
            outcome: word.to_owned(),
            id,
            replicated: true,
        };
        Ok((result, position))
    })?;
    Ok(UploadResult {
        replicated: s.replicated(position.as_deref())?,
        ..result
    })
}
