//! The JSON API under `/api/`: documents by symbol, threads, citations,
//! search with filters and facets, agenda items, States, stats, exports, and
//! (when enabled) uploads. Each handler is annotated for the OpenAPI document,
//! so the specification is generated from the same code that serves.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use undoc_index::{Search, SearchRequest};
use undoc_store::Store;

use crate::error::{ApiError, ErrorBody};
use crate::state::{AppState, blocking};

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

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FacetsView {
    pub organ: Vec<FacetValue>,
    pub doc_type: Vec<FacetValue>,
    pub year: Vec<FacetValue>,
    /// Agenda items as "A 79 132".
    pub agenda: Vec<FacetValue>,
    /// Sender States.
    pub sender: Vec<FacetValue>,
    /// Languages the matching documents are stored in.
    pub language: Vec<FacetValue>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HitView {
    /// The stored text that matched (`A/RES/80/1@fr` for the French version).
    pub id: String,
    /// Its language (ISO 639-1).
    pub language: String,
    /// Every language the document is stored in.
    pub languages: Vec<String>,
    pub symbols: Vec<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub doc_type: String,
    pub score: f32,
    /// The best passage, HTML-escaped, matched words in `<b>`.
    pub snippet: String,
    /// The same passage as plain text.
    pub snippet_text: String,
    /// The byte ranges of `snippet_text` the query matched, `[start, end)`.
    pub snippet_marks: Vec<[usize; 2]>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchResponse {
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
    pub hits: Vec<HitView>,
    pub facets: FacetsView,
}

/// The search parameters, as given; validated into a `SearchRequest`. The
/// filters are `undoc_search::Filters`, the one definition the CLI's flags
/// and the export parameters share.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words, "a phrase", or a symbol.
    pub q: Option<String>,
    #[serde(flatten)]
    #[param(ignore)]
    pub filters: undoc_search::Filters,
    /// Results per page, 1 to 100 (default 20).
    pub limit: Option<String>,
    /// Results to skip, up to 10,000.
    pub offset: Option<String>,
    #[serde(flatten)]
    #[param(ignore)]
    pub unknown: Unknown,
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

impl SearchParams {
    /// The validated request, or a 400 saying what is wrong.
    pub fn request(&self) -> Result<SearchRequest, ApiError> {
        refuse_unknown(&self.unknown)?;
        let query = self.q.clone().unwrap_or_default();
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(ApiError::BadRequest(format!(
                "q is longer than {MAX_QUERY_CHARS} characters"
            )));
        }
        let limit = number::<usize>("limit", &self.limit)?.unwrap_or(20);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::BadRequest(format!(
                "limit must be between 1 and {MAX_LIMIT}"
            )));
        }
        let offset = number::<usize>("offset", &self.offset)?.unwrap_or(0);
        if offset > MAX_OFFSET {
            return Err(ApiError::BadRequest(format!(
                "offset must be at most {MAX_OFFSET}"
            )));
        }
        let request = SearchRequest {
            query,
            filters: self.filters.clone(),
            limit,
            offset,
        };
        request.validate()?;
        Ok(request)
    }
}

fn facet_values(values: Vec<(String, u64)>) -> Vec<FacetValue> {
    values
        .into_iter()
        .map(|(value, count)| FacetValue { value, count })
        .collect()
}

pub fn search_response(
    request: &SearchRequest,
    results: undoc_index::SearchResults,
) -> SearchResponse {
    SearchResponse {
        total: results.total,
        limit: request.limit,
        offset: request.offset,
        hits: results
            .hits
            .into_iter()
            .map(|h| HitView {
                id: h.id,
                language: h.language,
                languages: h.languages,
                symbols: h.symbols,
                title: h.title,
                date: h.date,
                doc_type: h.doc_type.as_str().to_owned(),
                score: h.score,
                snippet: h.snippet.to_html(),
                snippet_marks: h.snippet.marks.iter().map(|m| [m.start, m.end]).collect(),
                snippet_text: h.snippet.text,
            })
            .collect(),
        facets: FacetsView {
            organ: facet_values(results.facets.organ),
            doc_type: facet_values(results.facets.doc_type),
            year: facet_values(results.facets.year),
            agenda: facet_values(results.facets.agenda),
            sender: facet_values(results.facets.sender),
            language: facet_values(results.facets.language),
        },
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

/// Full-text search with filters and facets.
#[utoipa::path(get, path = "/api/search", params(SearchParams, undoc_search::Filters),
    responses((status = 200, body = SearchResponse), (status = 400, body = ErrorBody)))]
pub async fn search(
    State(state): State<Arc<AppState>>,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<SearchResponse>, ApiError> {
    let request = query_params(params)?.request()?;
    let results = state.search(request.clone()).await?;
    Ok(Json(search_response(&request, results)))
}

/// What a `/api/documents/...` path asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentPart {
    Record,
    Thread,
    Cites,
    CitedBy,
    File,
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
    ] {
        if let Some(symbol) = path.strip_suffix(suffix) {
            return (symbol, part);
        }
    }
    (path, DocumentPart::Record)
}

fn missing(symbol: &str) -> ApiError {
    ApiError::NotFound(format!(
        "{symbol}: no such document in the store, and none cites it"
    ))
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
            Ok(Ok(DocumentView {
                held: true,
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

/// `/api/documents/{*path}`: the document, or its thread, cites, cited-by or file.
pub async fn documents(
    State(state): State<Arc<AppState>>,
    Path(path): Path<String>,
    params: Result<Query<LanguageParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let language = query_params(params)?.lang.filter(|l| !l.trim().is_empty());
    let (symbol, part) = document_path(&path);
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
    }
}

/// The documents under an agenda item.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AgendaView {
    pub organ: String,
    pub session: String,
    pub item: u32,
    /// The item's title as the documents' mastheads give it.
    pub title: Option<String>,
    /// Newest first.
    pub documents: Vec<SummaryView>,
}

/// Splits `A/HRC/58/3` into organ `A/HRC`, session `58`, item `3`: organs
/// keep their slashes, so session and item are read from the end.
pub fn agenda_path(path: &str) -> Result<(String, String, u32), ApiError> {
    let path = path.trim_matches('/');
    let bad = || {
        ApiError::BadRequest(format!(
            "{path:?}: an agenda item is ORGAN/SESSION/ITEM, as in A/79/132"
        ))
    };
    let (rest, item) = path.rsplit_once('/').ok_or_else(bad)?;
    let (organ, session) = rest.rsplit_once('/').ok_or_else(bad)?;
    let item: u32 = item.parse().map_err(|_| bad())?;
    if organ.is_empty() || session.is_empty() {
        return Err(bad());
    }
    Ok((organ.to_owned(), session.to_owned(), item))
}

pub fn agenda_view(
    store: &dyn Store,
    organ: &str,
    session: &str,
    item: u32,
) -> Result<AgendaView, ApiError> {
    let documents = store.agenda(organ, session, item)?;
    let mut title = None;
    for doc in documents.iter().take(5) {
        if let Some(record) = store.get(&doc.id)? {
            title = record
                .agenda_items
                .iter()
                .find(|a| a.organ == organ && a.number == item && a.title.is_some())
                .and_then(|a| a.title.clone());
            if title.is_some() {
                break;
            }
        }
    }
    Ok(AgendaView {
        organ: organ.to_owned(),
        session: session.to_owned(),
        item,
        title,
        documents: documents.into_iter().map(SummaryView::from).collect(),
    })
}

/// The documents under an agenda item of an organ's session, newest first.
#[utoipa::path(get, path = "/api/agenda/{organ}/{session}/{item}",
    params(("organ" = String, Path, description = "A, S, E, A/HRC (slashes kept)"),
           ("session" = String, Path, description = "79, ES-10, or a Security Council year"),
           ("item" = u32, Path, description = "The item number")),
    responses((status = 200, body = AgendaView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn agenda(
    State(state): State<Arc<AppState>>,
    Path(path): Path<String>,
) -> Result<Json<AgendaView>, ApiError> {
    let (organ, session, item) = agenda_path(&path)?;
    let view = blocking(&state, move |s| {
        s.with_store(|store| {
            let view = agenda_view(store, &organ, &session, item)?;
            if view.documents.is_empty() {
                return Err(ApiError::NotFound(format!(
                    "no stored document is under agenda item {item} of {organ} {session}"
                )));
            }
            Ok(view)
        })
    })
    .await?;
    Ok(Json(view))
}

/// A State with how many stored letters it sent.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StateCount {
    pub name: String,
    pub sent: u64,
}

/// Every State that sent a stored document, most first.
#[utoipa::path(get, path = "/api/states", responses((status = 200, body = [StateCount])))]
pub async fn states(State(state): State<Arc<AppState>>) -> Result<Json<Vec<StateCount>>, ApiError> {
    let counts = blocking(&state, |s| {
        let request = SearchRequest {
            limit: 1,
            ..SearchRequest::default()
        };
        let results = s.with_index(|index| Ok(Search::search(index, &request)?))?;
        Ok(results
            .facets
            .sender
            .into_iter()
            .map(|(name, sent)| StateCount { name, sent })
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(counts))
}

/// A State's record in the store.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StateView {
    pub name: String,
    /// Documents it sent, newest first.
    pub sent: Vec<SummaryView>,
    /// Documents of others that mention it, newest first.
    pub mentioned_in: Vec<SummaryView>,
    /// Per year: documents sent, documents mentioning it.
    pub by_year: Vec<YearCount>,
    /// Its recorded votes, newest first (one per resolution).
    pub votes: Vec<BallotView>,
}

/// How a State voted on one resolution.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BallotView {
    pub document: SummaryView,
    /// in_favour, against or abstaining.
    pub ballot: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct YearCount {
    pub year: String,
    pub sent: usize,
    pub mentioned: usize,
}

/// The State's canonical name, or 404.
/// A State by any of its names (`Turkey`, `turkiye`, `Iran`), or 404 naming the nearest.
pub fn state_name(name: &str) -> Result<&'static str, ApiError> {
    undoc_states::resolve(name).map_err(|nearest| {
        let hint = if nearest.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", nearest.join(", "))
        };
        ApiError::NotFound(format!("{name}: not a State undoc knows{hint}"))
    })
}

pub fn state_view(s: &AppState, name: &'static str) -> Result<StateView, ApiError> {
    let request = SearchRequest {
        filters: undoc_search::Filters {
            state: Some(name.to_owned()),
            ..undoc_search::Filters::default()
        },
        limit: 1000,
        ..SearchRequest::default()
    };
    let results = s.with_index(|index| Ok(Search::search(index, &request)?))?;
    let mut sent = Vec::new();
    let mut mentioned_in = Vec::new();
    s.with_store(|store| {
        let ids: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
        let mut summaries = store.summaries(&ids)?;
        for hit in &results.hits {
            if let Some(summary) = summaries.remove(&hit.id) {
                if summary.sender_state.as_deref() == Some(name) {
                    sent.push(SummaryView::from(summary));
                } else {
                    mentioned_in.push(SummaryView::from(summary));
                }
            }
        }
        Ok(())
    })?;
    let newest_first = |a: &SummaryView, b: &SummaryView| (&b.date, &b.id).cmp(&(&a.date, &a.id));
    sent.sort_by(newest_first);
    mentioned_in.sort_by(newest_first);
    let mut years: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for d in &sent {
        if let Some(year) = d.date.as_deref().and_then(|d| d.get(..4)) {
            years.entry(year.to_owned()).or_default().0 += 1;
        }
    }
    for d in &mentioned_in {
        if let Some(year) = d.date.as_deref().and_then(|d| d.get(..4)) {
            years.entry(year.to_owned()).or_default().1 += 1;
        }
    }
    let votes = s.with_store(|store| {
        Ok(store
            .votes_of(name)?
            .into_iter()
            .map(|(summary, ballot)| BallotView {
                document: SummaryView::from(summary),
                ballot: ballot.as_str().to_owned(),
            })
            .collect::<Vec<_>>())
    })?;
    Ok(StateView {
        name: name.to_owned(),
        sent,
        mentioned_in,
        votes,
        by_year: years
            .into_iter()
            .map(|(year, (sent, mentioned))| YearCount {
                year,
                sent,
                mentioned,
            })
            .collect(),
    })
}

/// The documents a State sent and those that mention it.
#[utoipa::path(get, path = "/api/states/{name}",
    params(("name" = String, Path, description = "Short official name: Armenia, Türkiye")),
    responses((status = 200, body = StateView), (status = 404, body = ErrorBody)))]
pub async fn state_detail(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> Result<Json<StateView>, ApiError> {
    let name = state_name(&name)?;
    Ok(Json(blocking(&state, move |s| state_view(s, name)).await?))
}

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

/// The export parameters: a format, and symbols or search filters (neither:
/// the whole store).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// jsonl, csv, csv-references, votes (CSV of recorded votes) or marcxml (Akoma Ntoso is one file per
    /// document: ask for it by symbol with format=akn).
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
    responses((status = 200, description = "JSON Lines, CSV, MARCXML or (one document) Akoma Ntoso"), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
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
        unknown: params.unknown.clone(),
    };
    refuse_unknown(&params.unknown)?;
    let filtered = non_empty(&search.q).is_some() || !search.filters.is_empty();
    let request = filtered.then(|| search.request()).transpose()?;

    if params.format == "akn" {
        return export_akn(&state, symbols).await;
    }
    let (format, content_type) = match params.format.as_str() {
        "jsonl" => (
            undoc_export::Format::JsonLines,
            "application/jsonl; charset=utf-8",
        ),
        "csv" => (undoc_export::Format::Csv, "text/csv; charset=utf-8"),
        "csv-references" => (
            undoc_export::Format::CsvReferences,
            "text/csv; charset=utf-8",
        ),
        "votes" => (undoc_export::Format::CsvVotes, "text/csv; charset=utf-8"),
        "marcxml" => (undoc_export::Format::MarcXml, "application/marcxml+xml"),
        other => {
            return Err(ApiError::BadRequest(format!(
                "format {other:?}: use jsonl, csv, csv-references, votes, marcxml or akn"
            )));
        }
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

/// What an upload did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UploadResult {
    /// added, updated or unchanged.
    pub outcome: String,
    pub id: String,
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

fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.config.token.as_deref().filter(|t| !t.is_empty()) else {
        return Err(ApiError::Unauthorized);
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
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
    s.with_store(|store| {
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
        Ok(UploadResult {
            outcome: word.to_owned(),
            id,
        })
    })
}

#[derive(Debug, utoipa::OpenApi)]
#[openapi(
    info(title = "undoc", description = "United Nations documents: records, references, threads and search over one store. Errors carry a stable code from one table: bad_request 400, unauthorized 401, not_found 404, method_not_allowed 405, payload_too_large 413, uri_too_long 414, unavailable 503, internal 500."),
    paths(search, document_record, document_thread, document_cites, document_cited_by, document_file,
          agenda, states, state_detail, stats, missing_documents, export, upload),
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
