//! The web UI: server-rendered pages (askama templates compiled into the
//! binary, every value escaped), working without JavaScript; a little script
//! adds keyboard shortcuts where it runs.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use undoc_index::{Search, SearchRequest};
use undoc_model::{ParagraphKind, Record};

use crate::api::{self, SearchParams, SummaryView};
use crate::error::ApiError;
use crate::state::{AppState, blocking};

/// Characters kept as they are in a path: symbols keep their slashes,
/// everything else that is not unreserved is percent-encoded.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `/documents/S/RES/822%20(1993)`-style path of a symbol or id.
pub fn document_href(symbol: &str) -> String {
    format!(
        "/documents/{}",
        percent_encoding::utf8_percent_encode(symbol, PATH)
    )
}

pub fn thread_href(symbol: &str) -> String {
    format!(
        "/threads/{}",
        percent_encoding::utf8_percent_encode(symbol, PATH)
    )
}

pub fn state_href(name: &str) -> String {
    format!(
        "/states/{}",
        percent_encoding::utf8_percent_encode(name, PATH)
    )
}

pub fn agenda_href(organ: &str, session: &str, item: u32) -> String {
    format!(
        "/agenda/{}/{}/{item}",
        percent_encoding::utf8_percent_encode(organ, PATH),
        percent_encoding::utf8_percent_encode(session, PATH)
    )
}

fn file_href(id: &str) -> String {
    format!(
        "/api/documents/{}/file",
        percent_encoding::utf8_percent_encode(id, PATH)
    )
}

/// An error as a page, with the status of the error table.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    query: &'a str,
    status: u16,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let page = ErrorPage {
            title: status.canonical_reason().unwrap_or("Error"),
            query: "",
            status: status.as_u16(),
            message: self.0.to_string(),
        };
        (status, render(&page)).into_response()
    }
}

fn render<T: Template>(page: &T) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("rendering the page: {e}"),
        )
            .into_response(),
    }
}

/// A document in a list.
#[derive(Debug, Clone)]
pub struct Row {
    pub href: String,
    pub label: String,
    pub date: String,
    pub title: String,
    pub doc_type: String,
    pub sender_state: Option<String>,
}

impl From<&SummaryView> for Row {
    fn from(s: &SummaryView) -> Self {
        Row {
            href: document_href(&s.id),
            label: if s.symbols.is_empty() {
                s.id.clone()
            } else {
                s.symbols.join(" – ")
            },
            date: s.date.clone().unwrap_or_default(),
            title: s.title.clone().unwrap_or_default(),
            doc_type: s.doc_type.replace('_', " "),
            sender_state: s.sender_state.clone(),
        }
    }
}

fn rows(list: &[SummaryView]) -> Vec<Row> {
    list.iter().map(Row::from).collect()
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    title: &'a str,
    query: &'a str,
    documents: usize,
    texts: usize,
    references: usize,
    resolved: usize,
    cited_not_held: usize,
    counting: &'static str,
    states: Vec<FacetLink>,
    types: Vec<FacetLink>,
    organs: Vec<FacetLink>,
}

pub async fn home(State(state): State<Arc<AppState>>) -> Result<Response, PageError> {
    let (stats, results) = blocking(&state, |s| {
        let stats = s.with_store(|store| Ok(store.stats()?))?;
        let request = SearchRequest {
            limit: 1,
            ..SearchRequest::default()
        };
        let results = s.with_index(|index| Ok(Search::search(index, &request)?))?;
        Ok((stats, results))
    })
    .await?;
    let link = |name: &str, values: &[(String, u64)]| -> Vec<FacetLink> {
        values
            .iter()
            .map(|(value, count)| FacetLink {
                label: value.replace('_', " "),
                count: *count,
                href: search_href(&[(name, value.as_str())]),
                active: false,
            })
            .collect()
    };
    let states = results
        .facets
        .sender
        .iter()
        .map(|(name, count)| FacetLink {
            label: name.clone(),
            count: *count,
            href: state_href(name),
            active: false,
        })
        .collect();
    Ok(render(&HomePage {
        title: "undoc",
        query: "",
        documents: stats.documents,
        texts: stats.texts,
        references: stats.references,
        resolved: stats.resolved_references,
        cited_not_held: stats.cited_not_held,
        counting: undoc_store::COUNTING,
        states,
        types: link("type", &results.facets.doc_type),
        organs: link("organ", &results.facets.organ),
    }))
}

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
    error: Option<String>,
    total: usize,
    first: usize,
    last: usize,
    hits: Vec<HitRow>,
    groups: Vec<FacetGroup>,
    filters: Vec<ActiveFilter>,
    previous: Option<String>,
    next: Option<String>,
}

/// `/search?...` with these parameters.
pub fn search_href(pairs: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        if !v.is_empty() {
            query.append_pair(k, v);
        }
    }
    format!("/search?{}", query.finish())
}

/// The current parameters as pairs, in a stable order.
fn pairs(p: &SearchParams) -> Vec<(&'static str, String)> {
    let get = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut pairs = vec![("q", get(&p.q))];
    pairs.extend(p.filters.query_pairs());
    pairs.extend([("limit", get(&p.limit)), ("offset", get(&p.offset))]);
    pairs
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
                error: Some(message),
                total: 0,
                first: 0,
                last: 0,
                hits: Vec::new(),
                groups: Vec::new(),
                filters: Vec::new(),
                previous: None,
                next: None,
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
        languages,
    ];
    let labels = [
        ("organ", "Organ"),
        ("session", "Session"),
        ("year", "Year"),
        ("agenda", "Agenda item"),
        ("type", "Type"),
        ("state", "State"),
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
    let page = SearchPage {
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
                !v.is_empty() && !matches!(*k, "q" | "from" | "to" | "lang" | "offset")
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
        previous,
        next,
    };
    Ok(render(&page))
}

/// A piece of a paragraph: text, or a reference turned into a link.
#[derive(Debug, Clone)]
pub struct Segment {
    pub text: String,
    pub href: Option<String>,
    /// The link goes to a document in this store (not to undocs.org).
    pub internal: bool,
}

#[derive(Debug, Clone)]
pub struct ParagraphView {
    pub kind: &'static str,
    pub segments: Vec<Segment>,
}

/// The paragraphs with every reference at its span made a link: to the
/// document in the store where it is there, to its permalink otherwise.
pub fn paragraphs(record: &Record, resolved: &[Option<String>]) -> Vec<ParagraphView> {
    let mut references: Vec<(usize, &undoc_model::Reference, Option<&String>)> = record
        .references
        .iter()
        .enumerate()
        .map(|(i, r)| (i, r, resolved.get(i).and_then(Option::as_ref)))
        .collect();
    references.sort_by_key(|(_, r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut offset = 0usize;
    let mut out = Vec::with_capacity(record.paragraphs.len());
    for p in &record.paragraphs {
        let text = p.text.as_str();
        let (start, end) = (offset, offset + text.len());
        offset = end + 2;
        let mut segments = Vec::new();
        let mut at = 0usize;
        for (_, r, target) in &references {
            if r.start < start + at || r.end > end || r.start >= r.end {
                continue;
            }
            let (s, e) = (r.start - start, r.end - start);
            let (Some(before), Some(inside)) = (text.get(at..s), text.get(s..e)) else {
                continue;
            };
            if !before.is_empty() {
                segments.push(Segment {
                    text: before.to_owned(),
                    href: None,
                    internal: false,
                });
            }
            segments.push(Segment {
                text: inside.to_owned(),
                href: Some(match target {
                    Some(id) => document_href(id),
                    None => r.url.clone(),
                }),
                internal: target.is_some(),
            });
            at = e;
        }
        if let Some(rest) = text.get(at..)
            && !rest.is_empty()
        {
            segments.push(Segment {
                text: rest.to_owned(),
                href: None,
                internal: false,
            });
        }
        let kind = match p.kind {
            ParagraphKind::Body => "body",
            ParagraphKind::Quote => "quote",
            ParagraphKind::Heading => "heading",
            ParagraphKind::ListItem => "list-item",
            ParagraphKind::Signature => "signature",
            ParagraphKind::Annex => "annex",
            ParagraphKind::Footnote => "footnote",
        };
        out.push(ParagraphView { kind, segments });
    }
    out
}

#[derive(Debug, Clone)]
pub struct AgendaRow {
    pub label: String,
    pub title: String,
    pub href: String,
}

#[derive(Debug, Clone)]
pub struct SignatoryRow {
    pub name: String,
    pub titles: String,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage<'a> {
    title: &'a str,
    query: &'a str,
    id: String,
    symbols: Vec<String>,
    heading: String,
    subtitle: Option<String>,
    date: String,
    distribution: String,
    languages: String,
    organs: Vec<String>,
    agenda: Vec<AgendaRow>,
    doc_type: String,
    sender: Option<String>,
    sender_state: Option<(String, String)>,
    addressees: String,
    signatories: Vec<SignatoryRow>,
    subjects: Vec<String>,
    paragraphs: Vec<ParagraphView>,
    replies_to: Vec<Row>,
    /// Every document named, once, with how many times.
    cites: Vec<(Row, usize)>,
    replied_by: Vec<Row>,
    cited_by: Vec<Row>,
    unresolved_out: usize,
    file: String,
    thread: String,
    pages: usize,
    /// ISO 639-1 of this text, for the body's `lang` and `dir`.
    lang: String,
    rtl: bool,
    versions: Vec<VersionLink>,
    sponsors: String,
    adoption: Option<String>,
    votes: Vec<VoteTable>,
}

/// A link to one language version of the document shown.
#[derive(Debug, Clone)]
pub struct VersionLink {
    pub lang: String,
    /// The language's name in itself.
    pub label: &'static str,
    pub href: String,
    pub current: bool,
}

/// A recorded vote: each side's States, linked to their pages.
#[derive(Debug, Clone)]
pub struct VoteTable {
    pub sides: Vec<(&'static str, Vec<(String, String)>)>,
}

/// A language's name in that language, as a switcher shows it.
fn endonym(code: &str) -> &'static str {
    undoc_lang::get(code).map_or("Other", |l| l.endonym)
}

/// How a resolution was adopted, in a sentence.
fn adoption_line(r: &undoc_model::Record) -> Option<String> {
    let a = r.adoption.as_ref()?;
    let mut line = String::from("Adopted");
    if let Some(date) = &a.date {
        line.push_str(&format!(" on {date}"));
    }
    if let Some(meeting) = &a.meeting {
        line.push_str(&format!(" at the {meeting}"));
    }
    if let Some(record) = &a.meeting_record {
        line.push_str(&format!(" ({record})"));
    }
    match a.outcome.as_deref() {
        Some("without_vote") => line.push_str(", without a vote"),
        Some("recorded_vote") => {
            if let Some(v) = r.votes.first() {
                line.push_str(&format!(
                    ", by a recorded vote of {} to {}, with {} abstentions",
                    v.in_favour.len(),
                    v.against.len(),
                    v.abstaining.len()
                ));
            } else {
                line.push_str(", by a recorded vote");
            }
        }
        _ => {}
    }
    if !a.drafts.is_empty() {
        line.push_str(&format!("; draft {}", a.drafts.join(", ")));
    }
    (line != "Adopted").then_some(line)
}

fn organ_label(body: &undoc_model::Body) -> String {
    let name = undoc_model::organ_name(&body.organ).unwrap_or(&body.organ);
    match (&body.session, body.year) {
        (Some(session), _) => format!("{name}, session {}", session.label()),
        (None, Some(year)) => format!("{name}, {year}"),
        (None, None) => name.to_owned(),
    }
}

pub async fn document(
    State(state): State<Arc<AppState>>,
    Path(symbol): Path<String>,
    params: Result<Query<api::LanguageParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, PageError> {
    let language = api::query_params(params)?
        .lang
        .filter(|l| !l.trim().is_empty());
    let symbol = symbol.trim_matches('/').to_owned();
    let found = blocking(&state, move |s| {
        s.with_store(|store| {
            let doc = match api::document_in(store, &symbol, language.as_deref()) {
                Ok(doc) => doc,
                Err(ApiError::NotFound(message)) => {
                    return match undoc_query::not_held(store, &symbol)? {
                        Some(missing) => Ok(Err(missing)),
                        None => Err(ApiError::NotFound(message)),
                    };
                }
                Err(e) => return Err(e),
            };
            let id = doc.key.clone();
            let out = undoc_query::cites(store, &id)?.unwrap_or_default();
            let incoming = undoc_query::links_into(store, &id)?;
            // Every document the page names, read in one batch.
            let named: Vec<&str> = out
                .iter()
                .filter_map(|l| l.to.as_deref())
                .chain(incoming.iter().map(|l| l.from.as_str()))
                .collect();
            let summaries = if named.is_empty() {
                std::collections::HashMap::new()
            } else {
                store.summaries(&named)?
            };
            let summary = |id: &str| -> Result<Option<SummaryView>, ApiError> {
                Ok(summaries.get(id).cloned().map(SummaryView::from))
            };
            let mut replies_to = Vec::new();
            for link in out
                .iter()
                .filter(|l| l.relation == undoc_model::Relation::RepliesTo)
            {
                if let Some(to) = &link.to
                    && !replies_to.iter().any(|s: &SummaryView| &s.id == to)
                    && let Some(s) = summary(to)?
                {
                    replies_to.push(s);
                }
            }
            let mut replied_by = Vec::new();
            for link in incoming
                .iter()
                .filter(|l| l.relation == undoc_model::Relation::RepliesTo)
            {
                if !replied_by.iter().any(|s: &SummaryView| s.id == link.from)
                    && let Some(s) = summary(&link.from)?
                {
                    replied_by.push(s);
                }
            }
            let unresolved = out.iter().filter(|l| l.to.is_none()).count();
            // Each document named once (a joint symbol's parts are one), with how many times.
            let mut cites: Vec<(String, Row, usize)> = Vec::new();
            let mut cite_at: std::collections::HashMap<String, usize> =
                std::collections::HashMap::new();
            let mut ords = std::collections::BTreeSet::new();
            for link in &out {
                if !ords.insert(link.ord) {
                    continue;
                }
                if link.to.is_none() && link.kind == undoc_model::LinkKind::Described {
                    continue;
                }
                let target = link.to.as_deref().unwrap_or(&link.symbol);
                if let Some((_, _, n)) = cite_at.get(target).and_then(|&i| cites.get_mut(i)) {
                    *n += 1;
                    continue;
                }
                cite_at.insert(target.to_owned(), cites.len());
                let row = match &link.to {
                    Some(to) => {
                        summary(to)?.map_or_else(|| not_held_row(&link.symbol), |s| Row::from(&s))
                    }
                    None => not_held_row(&link.symbol),
                };
                cites.push((target.to_owned(), row, 1));
            }
            let cites: Vec<(Row, usize)> = cites.into_iter().map(|(_, row, n)| (row, n)).collect();
            let citations = undoc_query::citations(store, incoming)?;
            Ok(Ok((
                doc,
                (replies_to, unresolved, cites),
                replied_by,
                api::citation_views(citations),
            )))
        })
    })
    .await?;
    let (doc, links_out, links_in, citations) = match found {
        Ok(found) => found,
        Err(missing) => return Ok(render(&not_held_page(missing))),
    };
    let r = &doc.record;
    let (replies_to, unresolved_out, cites) = links_out;
    let letter = r.letter.as_ref();
    let heading = r
        .title
        .clone()
        .or_else(|| r.symbols.first().cloned())
        .unwrap_or_else(|| r.id.clone());
    let page = DocumentPage {
        title: &heading,
        query: "",
        id: r.id.clone(),
        symbols: r.symbols.clone(),
        heading: heading.clone(),
        subtitle: r.subtitle.clone(),
        date: r.date.clone().unwrap_or_default(),
        distribution: r.distribution.map(|d| format!("{d:?}")).unwrap_or_default(),
        languages: match &r.original_language {
            Some(original) if original != &r.language => format!(
                "{} (original: {})",
                undoc_lang::english_name(&r.language),
                undoc_lang::english_name(original)
            ),
            _ => undoc_lang::english_name(&r.language).to_owned(),
        },
        organs: r.bodies.iter().map(organ_label).collect(),
        agenda: r
            .agenda_items
            .iter()
            .map(|a| {
                let session = r
                    .bodies
                    .iter()
                    .find(|b| b.organ == a.organ)
                    .and_then(undoc_model::Body::session_or_year)
                    .unwrap_or_default();
                let sub = a
                    .sub
                    .as_ref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default();
                AgendaRow {
                    label: format!("Item {}{sub}", a.number),
                    title: a.title.clone().unwrap_or_default(),
                    href: agenda_href(&a.organ, &session, a.number),
                }
            })
            .collect(),
        doc_type: r.doc_type.as_str().replace('_', " "),
        sender: letter.and_then(|l| l.sender.clone()),
        sender_state: letter
            .and_then(|l| l.sender_state.clone())
            .map(|s| (state_href(&s), s)),
        addressees: letter.map(|l| l.addressees.join("; ")).unwrap_or_default(),
        signatories: r
            .signatories
            .iter()
            .map(|s| SignatoryRow {
                name: s.name.clone(),
                titles: s.titles.join(", "),
            })
            .collect(),
        subjects: r.subjects.clone(),
        paragraphs: paragraphs(r, &doc.resolved),
        replies_to: rows(&replies_to),
        cites,
        replied_by: rows(&links_in),
        cited_by: citations
            .iter()
            .filter_map(|c| c.document.as_ref().map(Row::from))
            .collect(),
        unresolved_out,
        file: file_href(&doc.key),
        thread: thread_href(&r.id),
        pages: r.pages,
        lang: r.language.clone(),
        rtl: r.language == "ar",
        versions: doc
            .versions
            .iter()
            .map(|(_, lang)| VersionLink {
                lang: lang.clone(),
                label: endonym(lang),
                href: format!("{}?lang={lang}", document_href(&r.id)),
                current: *lang == r.language,
            })
            .collect(),
        sponsors: r
            .sponsors
            .iter()
            .chain(&r.additional_sponsors)
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        adoption: adoption_line(r),
        votes: r
            .votes
            .iter()
            .map(|v| VoteTable {
                sides: [
                    ("In favour", &v.in_favour),
                    ("Against", &v.against),
                    ("Abstaining", &v.abstaining),
                ]
                .into_iter()
                .map(|(label, states)| {
                    (
                        label,
                        states.iter().map(|s| (state_href(s), s.clone())).collect(),
                    )
                })
                .collect(),
            })
            .collect(),
    };
    Ok(render(&page))
}

/// A document cited but not held, as a list row: its symbol, to its page here.
fn not_held_row(symbol: &str) -> Row {
    Row {
        href: document_href(symbol),
        label: symbol.to_owned(),
        date: String::new(),
        title: "not held here".to_owned(),
        doc_type: String::new(),
        sender_state: None,
    }
}

#[derive(Template)]
#[template(path = "not_held.html")]
struct NotHeldPage {
    title: String,
    query: &'static str,
    symbol: String,
    url: String,
    thread: String,
    first_cited: String,
    last_cited: String,
    citations: Vec<(Row, String)>,
}

fn not_held_page(missing: undoc_query::NotHeldDocument) -> NotHeldPage {
    NotHeldPage {
        title: format!("{} (not held here)", missing.symbol),
        query: "",
        thread: thread_href(&missing.symbol),
        url: missing.url,
        first_cited: missing.first_cited.unwrap_or_default(),
        last_cited: missing.last_cited.unwrap_or_default(),
        citations: missing
            .citations
            .into_iter()
            .filter_map(|c| {
                let row = Row::from(&SummaryView::from(c.document?));
                Some((row, c.link.relation.words().to_owned()))
            })
            .collect(),
        symbol: missing.symbol,
    }
}

/// One letter in a thread.
#[derive(Debug, Clone)]
pub struct ThreadEntry {
    pub row: Row,
    pub focus: bool,
    pub replies_to: Vec<(String, String)>,
    pub replied_by: Vec<(String, String)>,
    pub state_href: Option<String>,
}

#[derive(Template)]
#[template(path = "thread.html")]
struct ThreadPage<'a> {
    title: &'a str,
    query: &'a str,
    symbol: String,
    entries: Vec<ThreadEntry>,
}

pub async fn thread(
    State(state): State<Arc<AppState>>,
    Path(symbol): Path<String>,
) -> Result<Response, PageError> {
    let symbol = symbol.trim_matches('/').to_owned();
    let shown = symbol.clone();
    let entries = blocking(&state, move |s| {
        s.with_store(|store| {
            let thread = undoc_query::thread(store, &symbol)?;
            if thread.nodes.is_empty() {
                return Err(ApiError::NotFound(format!(
                    "{symbol}: no such document in the store, and none cites it"
                )));
            }
            let focus = store
                .resolve(&symbol)?
                .unwrap_or_else(|| undoc_query::canonical(&symbol));
            let label = |key: &str| {
                thread
                    .nodes
                    .iter()
                    .find(|n| n.key == key)
                    .and_then(|n| n.summary.as_ref()?.symbols.first().cloned())
                    .unwrap_or_else(|| key.to_owned())
            };
            let mut entries = Vec::with_capacity(thread.nodes.len());
            for node in &thread.nodes {
                let replies_to = thread
                    .edges
                    .iter()
                    .filter(|e| e.from == node.key)
                    .map(|e| (label(&e.to), document_href(&e.to)))
                    .collect();
                let replied_by = thread
                    .edges
                    .iter()
                    .filter(|e| e.to == node.key)
                    .map(|e| (label(&e.from), document_href(&e.from)))
                    .collect();
                let row = match &node.summary {
                    Some(summary) => Row::from(&SummaryView::from(summary.clone())),
                    None => not_held_row(&node.key),
                };
                entries.push(ThreadEntry {
                    state_href: row.sender_state.as_deref().map(state_href),
                    row,
                    focus: node.key == focus,
                    replies_to,
                    replied_by,
                });
            }
            Ok(entries)
        })
    })
    .await?;
    let title = format!("Thread of {shown}");
    Ok(render(&ThreadPage {
        title: &title,
        query: "",
        symbol: shown,
        entries,
    }))
}

#[derive(Template)]
#[template(path = "agenda.html")]
struct AgendaPage<'a> {
    title: &'a str,
    query: &'a str,
    organ_name: String,
    session: String,
    item: u32,
    item_title: String,
    documents: Vec<Row>,
    search: String,
}

pub async fn agenda(
    State(state): State<Arc<AppState>>,
    Path(path): Path<String>,
) -> Result<Response, PageError> {
    let (organ, session, item) = api::agenda_path(&path)?;
    let view = blocking(&state, move |s| {
        s.with_store(|store| api::agenda_view(store, &organ, &session, item))
    })
    .await?;
    if view.documents.is_empty() {
        return Err(ApiError::NotFound(format!(
            "no stored document is under agenda item {} of {} {}",
            view.item, view.organ, view.session
        ))
        .into());
    }
    let organ_name = undoc_model::organ_name(&view.organ)
        .unwrap_or(&view.organ)
        .to_owned();
    let title = format!("{organ_name}, session {}, item {}", view.session, view.item);
    let item = view.item.to_string();
    Ok(render(&AgendaPage {
        title: &title,
        query: "",
        search: search_href(&[
            ("organ", view.organ.as_str()),
            ("session", view.session.as_str()),
            ("agenda", item.as_str()),
        ]),
        organ_name,
        session: view.session.clone(),
        item: view.item,
        item_title: view.title.clone().unwrap_or_default(),
        documents: rows(&view.documents),
    }))
}

/// One year of a State's chart.
#[derive(Debug, Clone)]
pub struct Bar {
    pub year: String,
    pub sent: usize,
    pub mentioned: usize,
    pub x: usize,
    pub sent_height: usize,
    pub mentioned_height: usize,
    pub sent_y: usize,
    pub mentioned_y: usize,
}

#[derive(Template)]
#[template(path = "state.html")]
struct StatePage<'a> {
    title: &'a str,
    query: &'a str,
    name: String,
    sent: Vec<Row>,
    mentioned: Vec<Row>,
    /// Recorded votes: the resolution and the ballot's label.
    votes: Vec<(Row, &'static str)>,
    vote_counts: (usize, usize, usize),
    bars: Vec<Bar>,
    chart_width: usize,
    search: String,
}

/// Height of the chart's plotting area, in SVG units.
const CHART_HEIGHT: usize = 120;

pub async fn state_page(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> Result<Response, PageError> {
    let name = api::state_name(&name)?;
    let view = blocking(&state, move |s| api::state_view(s, name)).await?;
    let max = view
        .by_year
        .iter()
        .map(|y| y.sent.max(y.mentioned))
        .max()
        .unwrap_or(1)
        .max(1);
    let bars: Vec<Bar> = view
        .by_year
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let sent_height = y.sent * CHART_HEIGHT / max;
            let mentioned_height = y.mentioned * CHART_HEIGHT / max;
            Bar {
                year: y.year.clone(),
                sent: y.sent,
                mentioned: y.mentioned,
                x: 10 + i * 60,
                sent_height,
                mentioned_height,
                sent_y: 10 + CHART_HEIGHT - sent_height,
                mentioned_y: 10 + CHART_HEIGHT - mentioned_height,
            }
        })
        .collect();
    let title = view.name.clone();
    Ok(render(&StatePage {
        title: &title,
        query: "",
        search: search_href(&[("state", name)]),
        name: view.name.clone(),
        sent: rows(&view.sent),
        mentioned: rows(&view.mentioned_in),
        vote_counts: (
            view.votes
                .iter()
                .filter(|v| v.ballot == "in_favour")
                .count(),
            view.votes.iter().filter(|v| v.ballot == "against").count(),
            view.votes
                .iter()
                .filter(|v| v.ballot == "abstaining")
                .count(),
        ),
        votes: view
            .votes
            .iter()
            .map(|v| {
                let label = match v.ballot.as_str() {
                    "in_favour" => "In favour",
                    "against" => "Against",
                    _ => "Abstaining",
                };
                (Row::from(&v.document), label)
            })
            .collect(),
        chart_width: 20 + bars.len().max(1) * 60,
        bars,
    }))
}

pub async fn not_found() -> PageError {
    PageError(ApiError::NotFound("no page here".into()))
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/style.css"),
    )
        .into_response()
}

pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/app.js"),
    )
        .into_response()
}
