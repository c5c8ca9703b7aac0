//! `/api/search`: the parameters (the filters are `undoc_search::Filters`),
//! the hits and facets as served.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use undoc_index::SearchRequest;

use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

use super::{
    MAX_LIMIT, MAX_OFFSET, MAX_QUERY_CHARS, Unknown, number, query_params, refuse_unknown,
};

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
    /// Meeting records by who spoke in them, as printed ("Mr. Nebenzia").
    pub speaker: Vec<FacetValue>,
    /// Meeting records by the States their speakers spoke for.
    pub speaker_state: Vec<FacetValue>,
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
    /// Close spellings from the index the query was widened to, when it had
    /// few hits ("Zangazur" for "Zangezur"): hits with them are included.
    pub also_matching: Vec<String>,
    /// No hit: the nearest spellings the index holds of the query's words
    /// found nowhere.
    pub suggestions: Vec<SuggestionView>,
    /// No hit: the filters that left nothing, each with the hits without it.
    pub excluded_by: Vec<ExcludedBy>,
}

/// A spelling the index holds for a word of a query that found nothing.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SuggestionView {
    /// The word as typed.
    pub word: String,
    /// The spelling the record uses.
    pub spelling: String,
    /// Documents holding it.
    pub documents: u64,
    /// The query with the word so spelt: `q` for the suggested search.
    pub query: String,
}

/// A filter set on an empty search, and what the search finds without it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExcludedBy {
    /// The filter's parameter name (`year`, `type`, `sender` …).
    pub filter: String,
    pub total: usize,
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
    /// relevance (the default: best match first, newest first without
    /// words), date (oldest first) or -date (newest first).
    pub sort: Option<String>,
    #[serde(flatten)]
    #[param(ignore)]
    pub unknown: Unknown,
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
        let sort = match &self.sort {
            Some(typed) if !typed.trim().is_empty() => {
                undoc_search::Sort::read(typed).map_err(ApiError::BadRequest)?
            }
            _ => undoc_search::Sort::default(),
        };
        let request = SearchRequest {
            query,
            filters: self.filters.clone(),
            limit,
            offset,
            sort,
            alternatives: Vec::new(),
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
            speaker: facet_values(results.facets.speaker),
            speaker_state: facet_values(results.facets.speaker_state),
        },
        also_matching: results.also_matching,
        suggestions: results
            .suggestions
            .into_iter()
            .map(|s| SuggestionView {
                word: s.word,
                spelling: s.spelling,
                documents: s.documents,
                query: s.query,
            })
            .collect(),
        excluded_by: results
            .excluded_by
            .into_iter()
            .map(|(filter, total)| ExcludedBy { filter, total })
            .collect(),
    }
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
