//! Atom feeds, so a reader is told of new documents: any search
//! (`/feeds/search?…`, the API's parameters, newest first unless `sort` says
//! otherwise), a document's thread and cited-by
//! (`/feeds/documents/{symbol}/thread`, `…/cited-by`) and a State's letters
//! (`/feeds/states/{name}`).

use std::sync::Arc;

use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use undoc_export::atom::{Entry, Feed};
use undoc_store::{Store, Summary};

use crate::api::{self, DocumentPart, SearchParams};
use crate::error::ApiError;
use crate::pages::{document_href, state_href, thread_href};
use crate::state::{AppState, blocking};

/// Entries in a feed when its request does not say.
const FEED_ENTRIES: usize = 50;

/// `http://host` as the client reached us, so the feed's links work from a
/// feed reader; relative links where the request named no usable host.
fn base(headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        })
        .map(|h| format!("http://{h}"))
        .unwrap_or_default()
}

fn atom(feed: &Feed) -> Response {
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        undoc_export::atom::write(feed),
    )
        .into_response()
}

/// The entries of these stored texts, in the order given.
fn entries(base: &str, summaries: Vec<Summary>) -> Vec<Entry> {
    summaries
        .into_iter()
        .map(|s| {
            let mut summary = if s.symbols.is_empty() {
                s.id.clone()
            } else {
                s.symbols.join(", ")
            };
            summary.push_str(&format!(" · {}", s.doc_type.as_str().replace('_', " ")));
            if let Some(state) = &s.sender_state {
                summary.push_str(&format!(" · from {state}"));
            }
            if let Some(date) = &s.date {
                summary.push_str(&format!(" · {date}"));
            }
            Entry {
                title: s
                    .title
                    .clone()
                    .or_else(|| s.symbols.first().cloned())
                    .unwrap_or_else(|| s.id.clone()),
                id: undoc_export::atom::entry_id(&s.id),
                href: format!("{base}{}", document_href(&s.id)),
                date: s.date.clone(),
                author: s
                    .sender_state
                    .clone()
                    .unwrap_or_else(|| "United Nations".to_owned()),
                summary,
                category: s.doc_type.as_str().to_owned(),
            }
        })
        .collect()
}

/// Summaries of these keys, in their order (those no longer stored left out).
fn summaries_in_order(store: &dyn Store, ids: &[String]) -> Result<Vec<Summary>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<&str> = ids.iter().map(String::as_str).collect();
    let found = store.summaries(&keys)?;
    Ok(undoc_store::in_order(ids, found))
}

/// The stored texts a search found, as a feed's entries in its order.
async fn hit_entries(
    state: &Arc<AppState>,
    base: &str,
    request: undoc_index::SearchRequest,
) -> Result<Vec<Entry>, ApiError> {
    let results = state.search(request).await?;
    let ids: Vec<String> = results.hits.into_iter().map(|h| h.id).collect();
    let summaries = blocking(state, move |s| {
        s.with_store(|store| summaries_in_order(store, &ids))
    })
    .await?;
    Ok(entries(base, summaries))
}

fn newest_first(summaries: &mut [Summary]) {
    summaries.sort_by(|a, b| (&b.date, &b.id).cmp(&(&a.date, &a.id)));
}

/// A search as a feed.
pub async fn search_feed(
    State(state): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let params = api::query_params(params)?;
    let mut request = params.request()?;
    if params.sort.as_deref().is_none_or(|s| s.trim().is_empty()) {
        request.sort = undoc_search::Sort::Newest;
    }
    if params.limit.is_none() {
        request.limit = FEED_ENTRIES;
    }
    let base = base(&headers);
    let query = uri.query().unwrap_or_default();
    let title = match request.query.trim() {
        "" => "undoc: every document".to_owned(),
        q => format!("undoc: search for {q}"),
    };
    let alternate = if query.is_empty() {
        format!("{base}/search")
    } else {
        format!("{base}/search?{query}")
    };
    let entries = hit_entries(&state, &base, request).await?;
    Ok(atom(&Feed {
        title,
        id: format!("{base}{uri}"),
        self_href: format!("{base}{uri}"),
        alternate_href: alternate,
        entries,
    }))
}

/// A document's thread or the documents citing it, as a feed.
pub async fn document_feed(
    State(state): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(path): Path<String>,
) -> Result<Response, ApiError> {
    let (symbol, part) = api::document_path(&path);
    let symbol = symbol.to_owned();
    if symbol.is_empty() || !matches!(part, DocumentPart::Thread | DocumentPart::CitedBy) {
        return Err(ApiError::NotFound(
            "a document's feeds are /feeds/documents/{symbol}/thread and …/cited-by".into(),
        ));
    }
    let base = base(&headers);
    let for_query = symbol.clone();
    let summaries = blocking(&state, move |s| {
        s.with_store(|store| {
            let mut summaries: Vec<Summary> = match part {
                DocumentPart::Thread => {
                    let thread = undoc_query::thread(store, &for_query)?;
                    if thread.nodes.is_empty() {
                        return Err(api::missing(&for_query));
                    }
                    thread.nodes.into_iter().filter_map(|n| n.summary).collect()
                }
                _ => undoc_query::cited_by(store, &for_query)?
                    .ok_or_else(|| api::missing(&for_query))?
                    .into_iter()
                    .filter_map(|c| c.document)
                    .collect(),
            };
            newest_first(&mut summaries);
            Ok(summaries)
        })
    })
    .await?;
    let (title, alternate) = match part {
        DocumentPart::Thread => (
            format!("undoc: the exchange around {symbol}"),
            thread_href(&symbol),
        ),
        _ => (
            format!("undoc: documents citing {symbol}"),
            document_href(&symbol),
        ),
    };
    Ok(atom(&Feed {
        title,
        id: format!("{base}{uri}"),
        self_href: format!("{base}{uri}"),
        alternate_href: format!("{base}{alternate}"),
        entries: entries(&base, summaries),
    }))
}

/// The letters and notes a State sent, newest first, as a feed.
pub async fn state_feed(
    State(state): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let name = api::state_name(&name)?;
    let request = undoc_index::SearchRequest {
        filters: undoc_search::Filters {
            sender: Some(name.to_owned()),
            ..undoc_search::Filters::default()
        },
        limit: FEED_ENTRIES,
        sort: undoc_search::Sort::Newest,
        ..undoc_index::SearchRequest::default()
    };
    let base = base(&headers);
    let entries = hit_entries(&state, &base, request).await?;
    Ok(atom(&Feed {
        title: format!("undoc: documents from {name}"),
        id: format!("{base}{uri}"),
        self_href: format!("{base}{uri}"),
        alternate_href: format!("{base}{}", state_href(name)),
        entries,
    }))
}
