//! A document by any of its symbols: its record, thread, citations both ways
//! and original file, and the views they are served as.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use undoc_store::Store;

use crate::error::{ApiError, ErrorBody};
use crate::state::{AppState, blocking};

use super::{SummaryView, missing, query_params};

/// A stored document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DocumentView {
    /// True: the store holds this document. For a document cited but not
    /// held, the same path answers `{"held": false, "symbol", "url", "cited_by", …}`.
    pub held: bool,
    /// The record of `shared/spec/record.md`.
    #[schema(value_type = Object)]
    pub record: undoc_model::Record,
    /// For each reference, in order: the stored document its symbol names, if any.
    pub resolved: Vec<Option<String>>,
    /// For each described reference (a letter named by date and sender), in
    /// order: the one stored letter it names, if exactly one matches.
    pub described: Vec<Option<String>>,
    /// Where the original file is served.
    pub file: String,
    /// The key this text is stored under (`A/RES/80/1@fr` for the French version).
    pub key: String,
    /// Every stored language version of the document.
    pub versions: Vec<VersionView>,
    /// The official permalink (undocs.org) of its first symbol, in its
    /// language; null for a document that carries no symbol.
    pub permalink: Option<String>,
    /// Where its citation is served (`?format=bibtex`, `ris`, `csl-json`).
    pub cite: String,
}

/// One stored language version of a document.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VersionView {
    /// ISO 639-1.
    pub language: String,
    /// Its key in the store.
    pub key: String,
    /// Where its record is served.
    pub href: String,
}

/// Which language version of a document.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LanguageParams {
    /// en, fr, es, ru, ar or zh: the version in that language (404 when it is not stored).
    pub lang: Option<String>,
    /// For `/cite` only: text (the default), bibtex, ris or csl-json.
    pub format: Option<String>,
}

/// The document a symbol names, in the language asked for, or 404 naming
/// the languages that are stored.
pub fn document_in(
    store: &dyn Store,
    symbol: &str,
    language: Option<&str>,
) -> Result<undoc_query::Document, ApiError> {
    let doc = undoc_query::document_in(store, symbol, language)?.ok_or_else(|| missing(symbol))?;
    if let Some(wanted) = language
        && doc.record.language != wanted
    {
        let stored: Vec<&str> = doc.versions.iter().map(|(_, l)| l.as_str()).collect();
        return Err(ApiError::NotFound(format!(
            "{symbol}: no {} version is stored (stored: {})",
            undoc_lang::english_name(wanted),
            stored.join(", ")
        )));
    }
    Ok(doc)
}

/// A reference from one document to another.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LinkView {
    pub from: String,
    pub ord: usize,
    pub symbol: String,
    /// The stored document it names, if stored.
    pub to: Option<String>,
    pub kind: String,
    pub relation: String,
}

impl From<undoc_store::Link> for LinkView {
    fn from(l: undoc_store::Link) -> Self {
        LinkView {
            from: l.from,
            ord: l.ord,
            symbol: l.symbol,
            to: l.to,
            kind: l.kind.as_str().to_owned(),
            relation: l.relation.as_str().to_owned(),
        }
    }
}

/// A document citing another.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CitationView {
    pub document: Option<SummaryView>,
    /// `replies_to` if any of its references to the document is a reply.
    pub relation: String,
    /// How many times it names the document.
    pub count: usize,
}

/// What a `/api/documents/...` path asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentPart {
    Record,
    Thread,
    Cites,
    CitedBy,
    File,
    Cite,
}

/// Splits `A/79/818/thread` into the symbol and the part asked for. Symbols
/// keep their slashes, so the part is read from the end.
pub fn document_path(path: &str) -> (&str, DocumentPart) {
    let path = path.trim_matches('/');
    for (suffix, part) in [
        ("/thread", DocumentPart::Thread),
        ("/cites", DocumentPart::Cites),
        ("/cited-by", DocumentPart::CitedBy),
        ("/file", DocumentPart::File),
        ("/cite", DocumentPart::Cite),
    ] {
        if let Some(symbol) = path.strip_suffix(suffix) {
            return (symbol, part);
        }
    }
    (path, DocumentPart::Record)
}

/// The record of a stored document by any of its symbols (either part of a
/// joint symbol, a revision by its base) or its id.
#[utoipa::path(get, path = "/api/documents/{symbol}",
    params(("symbol" = String, Path, description = "A symbol (slashes kept; spaces and parentheses percent-encoded) or an id"), LanguageParams),
    responses((status = 200, body = DocumentView), (status = 404, body = ErrorBody)))]
pub async fn document_record(
    state: &Arc<AppState>,
    symbol: String,
    language: Option<String>,
) -> Result<Response, ApiError> {
    let view = blocking(state, move |s| {
        s.with_store(|store| {
            if store.resolve(&symbol)?.is_none()
                && let Some(missing) = undoc_query::not_held(store, &symbol)?
            {
                return Ok(Err(NotHeldView::from(missing)));
            }
            let doc = document_in(store, &symbol, language.as_deref())?;
            let file = format!("/api/documents/{}/file", doc.key);
            let versions = doc
                .versions
                .iter()
                .map(|(key, language)| VersionView {
                    language: language.clone(),
                    key: key.clone(),
                    href: format!("/api/documents/{}?lang={language}", doc.record.id),
                })
                .collect();
            let cite = format!("/api/documents/{}/cite", doc.key);
            Ok(Ok(DocumentView {
                held: true,
                permalink: undoc_export::table::permalink(&doc.record),
                cite,
                described: doc
                    .described
                    .iter()
                    .map(|t| t.held().map(str::to_owned))
                    .collect(),
                record: doc.record,
                resolved: doc.resolved,
                file,
                key: doc.key,
                versions,
            }))
        })
    })
    .await?;
    Ok(match view {
        Ok(view) => Json(view).into_response(),
        Err(not_held) => Json(not_held).into_response(),
    })
}

/// A document cited in the store but not held: its place in the graph.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NotHeldView {
    /// False: the store does not hold it.
    pub held: bool,
    /// Its canonical symbol.
    pub symbol: String,
    /// The official permalink, to get it.
    pub url: String,
    /// How many stored documents cite it.
    pub cited_by: usize,
    pub first_cited: Option<String>,
    pub last_cited: Option<String>,
    pub citations: Vec<CitationView>,
}

impl From<undoc_query::NotHeldDocument> for NotHeldView {
    fn from(m: undoc_query::NotHeldDocument) -> Self {
        NotHeldView {
            held: false,
            cited_by: m.citations.len(),
            symbol: m.symbol,
            url: m.url,
            first_cited: m.first_cited,
            last_cited: m.last_cited,
            citations: citation_views(m.citations),
        }
    }
}

/// A document in a thread.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ThreadNodeView {
    /// The stored key, or the canonical symbol of a document not held.
    pub key: String,
    pub held: bool,
    pub document: Option<SummaryView>,
    /// The official permalink of a document not held.
    pub url: Option<String>,
}

/// "`from` answers `to`".
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ThreadEdgeView {
    pub from: String,
    pub to: String,
    pub relation: String,
    /// The reference as it stands in `from`.
    pub text: String,
    /// The words that make it a reply.
    pub evidence: Option<String>,
}

/// An exchange: its documents in date order (those not held last) and who answers whom.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ThreadView {
    pub nodes: Vec<ThreadNodeView>,
    pub edges: Vec<ThreadEdgeView>,
    /// The walk stopped at its bound.
    pub truncated: bool,
}

impl From<undoc_query::Thread> for ThreadView {
    fn from(t: undoc_query::Thread) -> Self {
        ThreadView {
            nodes: t
                .nodes
                .into_iter()
                .map(|n| ThreadNodeView {
                    url: n
                        .summary
                        .is_none()
                        .then(|| undoc_symbol::permalink(&n.key, None)),
                    held: n.summary.is_some(),
                    document: n.summary.map(SummaryView::from),
                    key: n.key,
                })
                .collect(),
            edges: t
                .edges
                .into_iter()
                .map(|e| ThreadEdgeView {
                    from: e.from,
                    to: e.to,
                    relation: e.relation.as_str().to_owned(),
                    text: e.text,
                    evidence: e.evidence,
                })
                .collect(),
            truncated: t.truncated,
        }
    }
}

/// The exchange a document (held or cited) belongs to: replies both ways.
#[utoipa::path(get, path = "/api/documents/{symbol}/thread",
    params(("symbol" = String, Path, description = "A symbol or id")),
    responses((status = 200, body = ThreadView), (status = 404, body = ErrorBody)))]
pub async fn document_thread(state: &Arc<AppState>, symbol: String) -> Result<Response, ApiError> {
    let thread = blocking(state, move |s| {
        s.with_store(|store| {
            let thread = undoc_query::thread(store, &symbol)?;
            if thread.nodes.is_empty() {
                return Err(missing(&symbol));
            }
            Ok(ThreadView::from(thread))
        })
    })
    .await?;
    Ok(Json(thread).into_response())
}

/// The references a document makes, resolved where the store has the target.
#[utoipa::path(get, path = "/api/documents/{symbol}/cites",
    params(("symbol" = String, Path, description = "A symbol or id")),
    responses((status = 200, body = [LinkView]), (status = 404, body = ErrorBody)))]
pub async fn document_cites(state: &Arc<AppState>, symbol: String) -> Result<Response, ApiError> {
    let links = blocking(state, move |s| {
        s.with_store(|store| {
            let links = undoc_query::cites(store, &symbol)?.ok_or_else(|| missing(&symbol))?;
            Ok(links.into_iter().map(LinkView::from).collect::<Vec<_>>())
        })
    })
    .await?;
    Ok(Json(links).into_response())
}

pub fn citation_views(citations: Vec<undoc_query::Citation>) -> Vec<CitationView> {
    citations
        .into_iter()
        .map(|c| CitationView {
            document: c.document.map(SummaryView::from),
            relation: c.link.relation.as_str().to_owned(),
            count: c.count,
        })
        .collect()
}

/// The stored documents that refer to this one.
#[utoipa::path(get, path = "/api/documents/{symbol}/cited-by",
    params(("symbol" = String, Path, description = "A symbol or id")),
    responses((status = 200, body = [CitationView]), (status = 404, body = ErrorBody)))]
pub async fn document_cited_by(
    state: &Arc<AppState>,
    symbol: String,
) -> Result<Response, ApiError> {
    let citations = blocking(state, move |s| {
        s.with_store(|store| {
            let citations =
                undoc_query::cited_by(store, &symbol)?.ok_or_else(|| missing(&symbol))?;
            Ok(citation_views(citations))
        })
    })
    .await?;
    Ok(Json(citations).into_response())
}

fn content_type(file_name: &str) -> &'static str {
    let extension = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("pdf") => "application/pdf",
        Some("md" | "markdown") => "text/markdown; charset=utf-8",
        Some("txt" | "text") => "text/plain; charset=utf-8",
        // As text, never as a markup a browser would render: a file's XML could
        // carry XHTML with scripts.
        Some("xml") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The original file a document was parsed from. Reached only through the
/// store's own ids: nothing in the path touches the file system.
#[utoipa::path(get, path = "/api/documents/{symbol}/file",
    params(("symbol" = String, Path, description = "A symbol or id"), LanguageParams),
    responses((status = 200, description = "The original file (PDF, text, markdown or Akoma Ntoso XML)"), (status = 404, body = ErrorBody)))]
pub async fn document_file(
    state: &Arc<AppState>,
    symbol: String,
    language: Option<String>,
) -> Result<Response, ApiError> {
    let (bytes, name) = blocking(state, move |s| {
        s.with_store(|store| {
            let id = match &language {
                Some(_) => document_in(store, &symbol, language.as_deref())?.key,
                None => store.resolve(&symbol)?.ok_or_else(|| missing(&symbol))?,
            };
            store.file(&id)?.ok_or_else(|| missing(&symbol))
        })
    })
    .await?;
    // The name is ours (stored at ingest), but quotes are removed all the same.
    let safe_name: String = name
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, content_type(&name).to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{safe_name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// How to cite a stored document: the UN's style as text, or BibTeX, RIS or
/// CSL-JSON for a reference manager.
#[utoipa::path(get, path = "/api/documents/{symbol}/cite",
    params(("symbol" = String, Path, description = "A symbol or id"), LanguageParams),
    responses((status = 200, description = "The citation, as text/plain, application/x-bibtex, application/x-research-info-systems or CSL-JSON"), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn document_cite(
    state: &Arc<AppState>,
    symbol: String,
    language: Option<String>,
    format: Option<String>,
) -> Result<Response, ApiError> {
    let name = format.unwrap_or_else(|| "text".to_owned());
    let Some((format, media_type)) = undoc_export::cite::CiteFormat::named(&name) else {
        return Err(ApiError::BadRequest(format!(
            "format {name:?}: use text, bibtex, ris or csl-json"
        )));
    };
    let text = blocking(state, move |s| {
        s.with_store(|store| {
            let doc = document_in(store, &symbol, language.as_deref())?;
            Ok(undoc_export::cite::citation(&doc.record).write(format))
        })
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, media_type)], text).into_response())
}

/// `/api/documents/{*path}`: the document, or its thread, cites, cited-by,
/// file or citation.
pub async fn documents(
    State(state): State<Arc<AppState>>,
    Path(path): Path<String>,
    params: Result<Query<LanguageParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let params = query_params(params)?;
    let language = params.lang.filter(|l| !l.trim().is_empty());
    let (symbol, part) = document_path(&path);
    if params.format.is_some() && part != DocumentPart::Cite {
        return Err(ApiError::BadRequest(
            "format is a parameter of /cite only".into(),
        ));
    }
    if symbol.is_empty() {
        return Err(ApiError::NotFound("a document symbol is needed".into()));
    }
    let symbol = symbol.to_owned();
    match part {
        DocumentPart::Record => document_record(&state, symbol, language).await,
        DocumentPart::Thread => document_thread(&state, symbol).await,
        DocumentPart::Cites => document_cites(&state, symbol).await,
        DocumentPart::CitedBy => document_cited_by(&state, symbol).await,
        DocumentPart::File => document_file(&state, symbol, language).await,
        DocumentPart::Cite => document_cite(&state, symbol, language, params.format).await,
    }
}
