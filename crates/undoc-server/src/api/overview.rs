//! Counts over the store, and the documents it cites but does not hold.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::state::{AppState, blocking};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StatsView {
    /// Works held: a document in six languages counts once.
    pub documents: usize,
    /// Language versions held.
    pub texts: usize,
    /// How documents are counted, in words.
    pub counting: &'static str,
    /// Works by type.
    pub by_type: BTreeMap<String, usize>,
    pub by_year: BTreeMap<String, usize>,
    /// Stored texts by language (ISO 639-1): each language version counts.
    pub by_language: BTreeMap<String, usize>,
    pub references: usize,
    pub resolved_references: usize,
    /// Distinct documents cited by stored documents that the store does not hold.
    pub cited_not_held: usize,
    pub files_bytes: u64,
}

/// Counts over the store.
#[utoipa::path(get, path = "/api/stats", responses((status = 200, body = StatsView)))]
pub async fn stats(State(state): State<Arc<AppState>>) -> Result<Json<StatsView>, ApiError> {
    let stats = blocking(&state, |s| s.with_store(|store| Ok(store.stats()?))).await?;
    Ok(Json(StatsView {
        documents: stats.documents,
        texts: stats.texts,
        counting: undoc_store::COUNTING,
        by_type: stats.by_type.into_iter().collect(),
        by_year: stats.by_year.into_iter().collect(),
        by_language: stats.by_language.into_iter().collect(),
        references: stats.references,
        resolved_references: stats.resolved_references,
        cited_not_held: stats.cited_not_held,
        files_bytes: stats.files_bytes,
    }))
}

/// One document cited but not held.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MissingView {
    pub symbol: String,
    /// Stored documents citing it.
    pub cited_by: usize,
    pub first_cited: Option<String>,
    pub last_cited: Option<String>,
    /// The official permalink.
    pub url: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct MissingParams {
    /// Only documents cited by at least this many (default 1).
    pub min_citations: Option<usize>,
    /// At most this many (default 100, at most 10,000).
    pub limit: Option<usize>,
}

/// Documents cited but not held, most cited first: the list a fetch works through.
#[utoipa::path(get, path = "/api/missing", params(MissingParams),
    responses((status = 200, body = [MissingView])))]
pub async fn missing_documents(
    State(state): State<Arc<AppState>>,
    axum::extract::Query(params): axum::extract::Query<MissingParams>,
) -> Result<Json<Vec<MissingView>>, ApiError> {
    let min = params.min_citations.unwrap_or(1).max(1);
    let limit = params.limit.unwrap_or(100).min(10_000);
    let rows = blocking(&state, move |s| {
        s.with_store(|store| Ok(store.not_held(min, limit)?))
    })
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|m| MissingView {
                url: undoc_symbol::permalink(&m.symbol, None),
                symbol: m.symbol,
                cited_by: m.citing_documents,
                first_cited: m.first_cited,
                last_cited: m.last_cited,
            })
            .collect(),
    ))
}
