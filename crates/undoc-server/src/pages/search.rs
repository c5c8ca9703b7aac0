//! The search page: the form, hits, facets and the links that keep the filters.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::api::{self, SearchParams};
use crate::error::ApiError;
use crate::state::AppState;

use super::charts;
use super::{PageError, document_href, endonym, render, search_href};

/// A facet value as a link that adds (or, when active, removes) its filter.
#[derive(Debug, Clone)]
pub struct FacetLink {
    pub label: String,
    pub count: u64,
    pub href: String,
    pub active: bool,
}

#[derive(Debug, Clone)]
pub struct FacetGroup {
    pub label: &'static str,
    pub links: Vec<FacetLink>,
}

/// A search result.
#[derive(Debug, Clone)]
pub struct HitRow {
    pub href: String,
    pub label: String,
    pub title: String,
    pub date: String,
    pub doc_type: String,
    /// HTML from the index: the text escaped, matches in `<b>`.
    pub snippet: String,
    /// The language of the version that matched, and its name in itself
    /// (empty for English, which needs no label).
    pub lang: String,
    pub language_label: &'static str,
}

/// An active filter, with the link that removes it.
#[derive(Debug, Clone)]
pub struct ActiveFilter {
    pub label: String,
    pub remove: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    title: &'a str,
    query: &'a str,
    params: &'a SearchParams,
    /// The language choices of the form: code, name in itself, selected.
    languages: Vec<(&'static str, &'static str, bool)>,
    /// The filters other than the dates, carried by the date form.
    hidden: Vec<(&'static str, String)>,
    /// The sort orders of the form: value, label, selected.
    sorts: Vec<(&'static str, &'static str, bool)>,
    error: Option<String>,
    total: usize,
    first: usize,
    last: usize,
    hits: Vec<HitRow>,
    groups: Vec<FacetGroup>,
    filters: Vec<ActiveFilter>,
    /// The close spellings the search was widened to.
    also_matching: String,
    /// No hit: the spellings the record uses, as links to search with them.
    suggestions: Vec<FacetLink>,
    /// No hit: the filters that left nothing, as links that remove them.
    excluded_by: Vec<FacetLink>,
    previous: Option<String>,
    next: Option<String>,
    /// Matching documents per year (the year facet), oldest first, and
    /// their chart.
    years: Vec<(String, u64)>,
    years_svg: String,
}

/// The current parameters as pairs, in a stable order.
fn pairs(p: &SearchParams) -> Vec<(&'static str, String)> {
    let get = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut pairs = vec![("q", get(&p.q))];
    pairs.extend(p.filters.query_pairs());
    pairs.extend([
        ("sort", get(&p.sort)),
        ("limit", get(&p.limit)),
        ("offset", get(&p.offset)),
    ]);
    pairs
}

impl SearchPage<'_> {
    /// This search as an Atom feed (from its first result).
    fn feed(&self) -> String {
        format!("/feeds{}", with(self.params, &[]))
    }
}

/// The search link with some parameters changed (offset reset unless given).
fn with(p: &SearchParams, changes: &[(&str, &str)]) -> String {
    let mut current = pairs(p);
    for (k, v) in &mut current {
        if *k == "offset" {
            v.clear();
        }
        if let Some((_, new)) = changes.iter().find(|(ck, _)| ck == k) {
            *v = (*new).to_owned();
        }
    }
    let mut borrowed: Vec<(&str, &str)> = current.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for &(k, v) in changes {
        if !current.iter().any(|(ck, _)| *ck == k) {
            borrowed.push((k, v));
        }
    }
    search_href(&borrowed)
}

pub async fn search(
    State(state): State<Arc<AppState>>,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, PageError> {
    let params = api::query_params(params)?;
    let query = params.q.clone().unwrap_or_default();
    let request = match params.request() {
        Ok(r) => r,
        Err(ApiError::BadRequest(message)) => {
            let page = SearchPage {
                title: "Search",
                query: &query,
                params: &params,
                languages: Vec::new(),
                hidden: Vec::new(),
                sorts: Vec::new(),
                error: Some(message),
                total: 0,
                first: 0,
                last: 0,
                hits: Vec::new(),
                groups: Vec::new(),
                filters: Vec::new(),
                also_matching: String::new(),
                suggestions: Vec::new(),
                excluded_by: Vec::new(),
                previous: None,
                next: None,
                years: Vec::new(),
                years_svg: String::new(),
            };
            let mut response = render(&page);
            *response.status_mut() = StatusCode::BAD_REQUEST;
            return Ok(response);
        }
        Err(e) => return Err(e.into()),
    };
    let results = state.search(request.clone()).await?;
    let hits: Vec<HitRow> = results
        .hits
        .iter()
        .map(|h| HitRow {
            href: if h.language == "en" {
                document_href(&h.id)
            } else {
                let work = undoc_model::split_key(&h.id).0;
                format!("{}?lang={}", document_href(work), h.language)
            },
            lang: h.language.clone(),
            language_label: if h.language == "en" {
                ""
            } else {
                endonym(&h.language)
            },
            label: if h.symbols.is_empty() {
                h.id.clone()
            } else {
                h.symbols.join(" – ")
            },
            title: h.title.clone().unwrap_or_default(),
            date: h.date.clone().unwrap_or_default(),
            doc_type: h.doc_type.as_str().replace('_', " "),
            snippet: h.snippet.to_html(),
        })
        .collect();
    let active = |name: &str, value: &str| -> bool {
        pairs(&params).iter().any(|(k, v)| *k == name && v == value)
    };
    let group = |label: &'static str, name: &'static str, values: &[(String, u64)]| FacetGroup {
        label,
        links: values
            .iter()
            .take(30)
            .map(|(value, count)| {
                let is_active = active(name, value);
                FacetLink {
                    label: value.replace('_', " "),
                    count: *count,
                    href: with(&params, &[(name, if is_active { "" } else { value })]),
                    active: is_active,
                }
            })
            .collect(),
    };
    // An agenda facet value is "A 79 132": choosing it sets organ, session and item.
    let agenda_group = FacetGroup {
        label: "Agenda item",
        links: results
            .facets
            .agenda
            .iter()
            .take(30)
            .filter_map(|(value, count)| {
                let mut parts = value.splitn(3, ' ');
                let (organ, session, item) = (parts.next()?, parts.next()?, parts.next()?);
                let is_active =
                    active("agenda", item) && active("organ", organ) && active("session", session);
                Some(FacetLink {
                    label: value.clone(),
                    count: *count,
                    href: if is_active {
                        with(&params, &[("agenda", "")])
                    } else {
                        with(
                            &params,
                            &[("organ", organ), ("session", session), ("agenda", item)],
                        )
                    },
                    active: is_active,
                })
            })
            .collect(),
    };
    let mut organs = group("Organ", "organ", &results.facets.organ);
    for link in &mut organs.links {
        if let Some(name) = undoc_model::organ_name(&link.label) {
            link.label = format!("{name} ({})", link.label);
        }
    }
    let mut languages = group("Language", "lang", &results.facets.language);
    for link in &mut languages.links {
        link.label = endonym(&link.label).to_owned();
    }
    // One language only is no choice: the group shows when there are several.
    if languages.links.len() < 2 && params.filters.language.is_none() {
        languages.links.clear();
    }
    let groups = vec![
        organs,
        group("Type", "type", &results.facets.doc_type),
        group("Year", "year", &results.facets.year),
        agenda_group,
        group("Sender State", "state", &results.facets.sender),
        group("Speaking State", "sender", &results.facets.speaker_state),
        group("Speaker", "speaker", &results.facets.speaker),
        languages,
    ];
    let labels = [
        ("organ", "Organ"),
        ("session", "Session"),
        ("year", "Year"),
        ("agenda", "Agenda item"),
        ("type", "Type"),
        ("state", "State"),
        ("sender", "Sender or speaking State"),
        ("mentions", "Mentions"),
        ("speaker", "Speaker"),
        ("speech_kind", "Kind of speech"),
        ("from", "From"),
        ("to", "To"),
        ("lang", "Language"),
    ];
    let filters = pairs(&params)
        .into_iter()
        .filter(|(k, v)| !v.is_empty() && labels.iter().any(|(n, _)| n == k))
        .map(|(k, v)| {
            let label = labels.iter().find(|(n, _)| *n == k).map_or(k, |(_, l)| l);
            ActiveFilter {
                label: format!("{label}: {}", v.replace('_', " ")),
                remove: with(&params, &[(k, "")]),
            }
        })
        .collect();
    let suggestions = results
        .suggestions
        .iter()
        .map(|s| FacetLink {
            label: s.spelling.clone(),
            count: s.documents,
            href: with(&params, &[("q", &s.query)]),
            active: false,
        })
        .collect();
    let excluded_by = results
        .excluded_by
        .iter()
        .map(|(name, total)| FacetLink {
            label: labels
                .iter()
                .find(|(n, _)| n == name)
                .map_or_else(|| name.clone(), |(_, l)| (*l).to_owned()),
            count: u64::try_from(*total).unwrap_or(u64::MAX),
            href: with(&params, &[(name.as_str(), "")]),
            active: false,
        })
        .collect();
    let offset_link = |offset: usize| {
        let offset = offset.to_string();
        let mut current = pairs(&params);
        for (k, v) in &mut current {
            if *k == "offset" {
                v.clone_from(&offset);
            }
        }
        let borrowed: Vec<(&str, &str)> = current.iter().map(|(k, v)| (*k, v.as_str())).collect();
        search_href(&borrowed)
    };
    let previous =
        (request.offset > 0).then(|| offset_link(request.offset.saturating_sub(request.limit)));
    let next = (request.offset + request.limit < results.total
        && request.offset + request.limit <= api::MAX_OFFSET)
        .then(|| offset_link(request.offset + request.limit));
    let mut years: Vec<(String, u64)> = results.facets.year.clone();
    years.sort();
    let years_svg = if years.len() > 1 {
        let bars: Vec<charts::Bar> = years
            .iter()
            .map(|(year, count)| charts::Bar {
                label: year.clone(),
                value: usize::try_from(*count).unwrap_or(usize::MAX),
                href: Some(with(&params, &[("year", year.as_str())])),
            })
            .collect();
        charts::columns("Matching documents by year", &bars)
    } else {
        String::new()
    };
    let page = SearchPage {
        years,
        years_svg,
        title: if query.is_empty() { "Search" } else { &query },
        query: &query,
        params: &params,
        languages: ["en", "fr", "es", "ru", "ar", "zh"]
            .into_iter()
            .map(|l| (l, endonym(l), params.filters.language.as_deref() == Some(l)))
            .collect(),
        hidden: pairs(&params)
            .into_iter()
            .filter(|(k, v)| {
                !v.is_empty() && !matches!(*k, "q" | "from" | "to" | "lang" | "sort" | "offset")
            })
            .collect(),
        sorts: undoc_search::Sort::ALL
            .into_iter()
            .map(|s| {
                let label = match s {
                    undoc_search::Sort::Relevance => "Best match",
                    undoc_search::Sort::Oldest => "Oldest first",
                    undoc_search::Sort::Newest => "Newest first",
                };
                (s.as_str(), label, s == request.sort)
            })
            .collect(),
        error: None,
        total: results.total,
        first: if hits.is_empty() {
            0
        } else {
            request.offset + 1
        },
        last: request.offset + hits.len(),
        hits,
        groups,
        filters,
        also_matching: results.also_matching.join(", "),
        suggestions,
        excluded_by,
        previous,
        next,
    };
    Ok(render(&page))
}
