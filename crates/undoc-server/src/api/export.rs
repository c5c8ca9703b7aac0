//! `/api/export`: stored documents in the formats other tools read, streamed
//! in constant memory.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use undoc_index::SearchRequest;

use crate::error::{ApiError, ErrorBody};
use crate::state::{AppState, blocking};

use super::search::SearchParams;
use super::{MAX_LIMIT, Unknown, missing, non_empty, query_params, refuse_unknown};

/// The export parameters: a format, and symbols or search filters (neither:
/// the whole store).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// jsonl, csv, csv-references (the edge list), references-jsonl, votes
    /// (CSV of recorded votes), speeches, speeches-jsonl, marcxml, graphml or
    /// gexf (the citation network); Akoma Ntoso is one file per document: ask
    /// for it by symbol with format=akn.
    pub format: String,
    /// Symbols, comma-separated.
    pub symbols: Option<String>,
    /// Words, "a phrase", or a symbol, as in search.
    pub q: Option<String>,
    #[serde(flatten)]
    #[param(ignore)]
    pub filters: undoc_search::Filters,
    #[serde(flatten)]
    #[param(ignore)]
    pub unknown: Unknown,
}

/// Writes into a channel that the response body streams from, so an export
/// of any size goes out while it is written, in constant memory.
struct ChannelWriter {
    sender: tokio::sync::mpsc::Sender<Result<Vec<u8>, std::io::Error>>,
    buffer: Vec<u8>,
}

const CHUNK: usize = 64 * 1024;

impl std::io::Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::take(&mut self.buffer);
        self.sender.blocking_send(Ok(chunk)).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
        })
    }
}

/// Stored documents in a format other tools read, streamed.
#[utoipa::path(get, path = "/api/export", params(ExportParams, undoc_search::Filters),
    responses((status = 200, description = "JSON Lines, CSV, MARCXML, GraphML, GEXF or (one document) Akoma Ntoso"), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn export(
    State(state): State<Arc<AppState>>,
    params: Result<Query<ExportParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let params = query_params(params)?;
    let symbols: Vec<String> = params
        .symbols
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let search = SearchParams {
        q: params.q.clone(),
        filters: params.filters.clone(),
        limit: Some(MAX_LIMIT.to_string()),
        offset: None,
        sort: None,
        unknown: params.unknown.clone(),
    };
    refuse_unknown(&params.unknown)?;
    let filtered = non_empty(&search.q).is_some() || !search.filters.is_empty();
    let request = filtered.then(|| search.request()).transpose()?;

    if params.format == "akn" {
        return export_akn(&state, symbols).await;
    }
    let Some((format, content_type)) = undoc_export::Format::named(&params.format) else {
        return Err(ApiError::BadRequest(format!(
            "format {:?}: use {} or akn",
            params.format,
            undoc_export::Format::names().join(", ")
        )));
    };
    // Select first, so a bad symbol is a 404 before any byte goes out.
    let selection = blocking(&state, move |s| selection(s, &symbols, request)).await?;
    let (sender, receiver) = tokio::sync::mpsc::channel(8);
    let worker = Arc::clone(&state);
    tokio::task::spawn_blocking(move || {
        let failed = sender.clone();
        let mut out = ChannelWriter {
            sender,
            buffer: Vec::with_capacity(CHUNK),
        };
        let result = worker.with_store(|store| {
            undoc_export::export(store, &selection, format, &mut out)
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            std::io::Write::flush(&mut out).map_err(|e| ApiError::Internal(e.to_string()))
        });
        if let Err(e) = result {
            // Headers are gone: the body ends in an error the client sees as a broken transfer.
            let _ = failed.blocking_send(Err(std::io::Error::other(e.to_string())));
        }
    });
    let body = Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(receiver));
    Ok(([(header::CONTENT_TYPE, content_type)], body).into_response())
}

fn selection(
    s: &AppState,
    symbols: &[String],
    request: Option<SearchRequest>,
) -> Result<undoc_export::Selection, ApiError> {
    s.with_store(|store| {
        s.with_index(|index| {
            undoc_export::select(store, symbols, request.map(|r| (index, r))).map_err(|e| match e {
                undoc_export::ExportError::Missing(symbol) => missing(&symbol),
                undoc_export::ExportError::Search(e) => ApiError::from(e),
                other => ApiError::Internal(other.to_string()),
            })
        })
    })
}

async fn export_akn(state: &Arc<AppState>, symbols: Vec<String>) -> Result<Response, ApiError> {
    let [symbol] = symbols.as_slice() else {
        return Err(ApiError::BadRequest(
            "format=akn is one file per document: give exactly one symbol".into(),
        ));
    };
    let symbol = symbol.clone();
    let xml = blocking(state, move |s| {
        s.with_store(|store| {
            let id = store.resolve(&symbol)?.ok_or_else(|| missing(&symbol))?;
            let record = store.get(&id)?.ok_or_else(|| missing(&symbol))?;
            let mut xml = String::new();
            undoc_export::akn::write_document(&record, &mut xml);
            Ok(xml)
        })
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/akn+xml")], xml).into_response())
}
