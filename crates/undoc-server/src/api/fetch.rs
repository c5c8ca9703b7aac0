//! `POST /api/fetch` and `GET /api/fetch` (with `--allow-fetch`): a document
//! not held fetched from the UN in the background, and how that is going.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::error::{ApiError, ErrorBody};
use crate::fetch::{self, FetchJob};
use crate::state::{AppState, blocking};

use super::query_params;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FetchParams {
    /// The document's symbol (A/79/798, S/RES/2334 (2016)).
    pub symbol: String,
    /// Its language version: en (the default), fr, es, ru, ar or zh.
    pub lang: Option<String>,
}

/// The symbol (canonical) and the language asked for, checked.
pub(crate) fn fetch_target(symbol: &str, lang: Option<&str>) -> Result<(String, String), ApiError> {
    let symbol = undoc_symbol::canonicalize(symbol.trim())
        .ok_or_else(|| ApiError::BadRequest(format!("{symbol:?} is not a UN document symbol")))?;
    let language = lang
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .unwrap_or("en");
    if !undoc_lang::official().any(|l| l.code == language) {
        return Err(ApiError::BadRequest(format!(
            "lang {language:?}: one of en, fr, es, ru, ar, zh"
        )));
    }
    Ok((symbol, language.to_owned()))
}

/// Starts fetching a document from the UN's Official Document System (the
/// service the server was started with), unless it is held or already on its
/// way; answers at once with the job. Only with `undoc serve --allow-fetch`,
/// and only with the bearer token.
#[utoipa::path(post, path = "/api/fetch", params(FetchParams),
    responses((status = 202, body = FetchJob, description = "Queued, or already on its way"),
               (status = 200, body = FetchJob, description = "Already held: nothing fetched"),
               (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 503, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn fetch_document(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    params: Result<Query<FetchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    super::upload::authorize(&state, &headers)?;
    let params = query_params(params)?;
    let (symbol, language) = fetch_target(&params.symbol, params.lang.as_deref())?;
    let (job, status) = begin(&state, symbol, language).await?;
    Ok((status, Json(job)).into_response())
}

/// Starts the job unless the version is held: what the API and the page's
/// form share.
pub(crate) async fn begin(
    state: &Arc<AppState>,
    symbol: String,
    language: String,
) -> Result<(FetchJob, StatusCode), ApiError> {
    let (symbol_held, language_held) = (symbol.clone(), language.clone());
    let held = blocking(state, move |s| {
        s.with_store(|store| held_version(store, &symbol_held, &language_held))
    })
    .await?;
    if let Some(id) = held {
        return Ok((FetchJob::held(&symbol, &language, id), StatusCode::OK));
    }
    Ok((
        fetch::start(state, &symbol, &language)?,
        StatusCode::ACCEPTED,
    ))
}

/// The id of the stored version of `symbol` in `language`, if there is one.
pub(crate) fn held_version(
    store: &mut dyn undoc_store::Store,
    symbol: &str,
    language: &str,
) -> Result<Option<String>, ApiError> {
    let Some(key) = undoc_query::resolve(store, symbol)? else {
        return Ok(None);
    };
    Ok(store
        .expressions(undoc_model::split_key(&key).0)?
        .into_iter()
        .find(|(_, l)| l == language)
        .map(|(id, _)| id))
}

/// How the fetch of a document is going (queued, running, done, failed),
/// with what the service answered. Only with `undoc serve --allow-fetch`.
#[utoipa::path(get, path = "/api/fetch", params(FetchParams),
    responses((status = 200, body = FetchJob), (status = 400, body = ErrorBody),
               (status = 404, body = ErrorBody, description = "No fetch of it was started")))]
pub async fn fetch_state(
    State(state): State<Arc<AppState>>,
    params: Result<Query<FetchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<FetchJob>, ApiError> {
    let params = query_params(params)?;
    let (symbol, language) = fetch_target(&params.symbol, params.lang.as_deref())?;
    state
        .fetches
        .as_ref()
        .and_then(|f| f.job(&symbol, &language))
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no fetch of {symbol} [{language}] was started")))
}
