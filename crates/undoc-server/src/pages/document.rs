//! A document's page: its record, body with references linked, versions,
//! votes, what it cites and what cites it; and the page of a document not held.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use undoc_model::{ParagraphKind, Record};

use crate::api::{self, SummaryView};
use crate::error::ApiError;
use crate::state::{AppState, blocking};

use super::{
    PageError, Row, agenda_href, document_href, endonym, file_href, render, rows, state_href,
    thread_href,
};

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
    /// `speech-7` where a meeting record's seventh speech starts.
    pub anchor: Option<String>,
}

/// One speech of a meeting record, as its page lists it.
#[derive(Debug, Clone)]
pub struct SpeechRow {
    pub anchor: String,
    pub number: usize,
    pub speaker: String,
    /// The State's page and name, or an organization as printed (no page).
    pub state: Option<(Option<String>, String)>,
    pub role: String,
    pub kind: &'static str,
    pub language: String,
}

/// One decision of a meeting record: the draft, how, the counts, what it
/// became, and the States' votes.
#[derive(Debug, Clone)]
pub struct DecisionRow {
    pub draft: String,
    pub outcome: String,
    /// The resolution it became: its page here and symbol.
    pub adopted_as: Option<(String, String)>,
    pub vote: Option<VoteTable>,
}

/// "S/PV.8422 (2018-12-13): adopted by a recorded vote of 13 to 0, with 2
/// abstentions" — a meeting that adopted the resolution shown, linked.
fn adopted_at_rows(adopted: &[undoc_query::AdoptedAt]) -> Vec<(Row, String)> {
    adopted
        .iter()
        .map(|a| {
            let row = Row::from(&SummaryView::from(a.meeting.clone()));
            let d = &a.decision;
            let draft = match draft_label(d) {
                label if label.starts_with("draft ") => label,
                label => format!("draft {label}"),
            };
            (row, format!("adopted {}, {draft}", how_decided(d)))
        })
        .collect()
}

fn speech_rows(r: &Record) -> Vec<SpeechRow> {
    r.speeches
        .iter()
        .enumerate()
        .map(|(i, s)| SpeechRow {
            anchor: format!("speech-{}", i + 1),
            number: i + 1,
            speaker: s.speaker.clone(),
            state: s.state.as_ref().map(|name| {
                let page = undoc_states::canonical(name).map(state_href);
                (page, name.clone())
            }),
            role: s.role.clone().unwrap_or_default(),
            kind: s.kind.label(),
            language: s
                .language
                .as_deref()
                .map(|l| format!("in {}", undoc_lang::english_name(l)))
                .unwrap_or_default(),
        })
        .collect()
}

/// A decision's draft as a page names it: "draft resolution IV of
/// A/65/448", "amendment A/65/L.53", "S/2018/1016".
fn draft_label(d: &undoc_model::Decision) -> String {
    match (&d.report, d.draft_kind.as_str()) {
        (Some(report), _) => format!("{} of {report}", d.draft),
        (None, "amendment") => format!("amendment {}", d.draft),
        (None, _) => d.draft.clone(),
    }
}

/// How a draft was decided, in words: "by a recorded vote of 13 to 0,
/// with 2 abstentions", "by consensus", "without a vote".
fn how_decided(d: &undoc_model::Decision) -> String {
    match d.method.as_str() {
        "recorded_vote" => match (d.in_favour, d.against, d.abstaining) {
            (Some(y), Some(n), Some(a)) => {
                format!("by a recorded vote of {y} to {n}, with {a} abstentions")
            }
            _ => "by a recorded vote".to_owned(),
        },
        "consensus" => "by consensus".to_owned(),
        _ => "without a vote".to_owned(),
    }
}

fn decision_rows(r: &Record) -> Vec<DecisionRow> {
    r.decisions
        .iter()
        .map(|d| {
            let draft = draft_label(d);
            let how = how_decided(d);
            let outcome = if d.adopted {
                format!("adopted {how}")
            } else {
                format!("not adopted ({})", how.trim_start_matches("by "))
            };
            let side = |b: undoc_model::Ballot| -> Vec<(String, String)> {
                d.votes
                    .iter()
                    .filter(|(_, v)| **v == b)
                    .map(|(s, _)| (state_href(s), s.clone()))
                    .collect()
            };
            DecisionRow {
                draft,
                outcome,
                adopted_as: d
                    .adopted_as
                    .as_ref()
                    .map(|res| (document_href(res), res.clone())),
                vote: (!d.votes.is_empty()).then(|| VoteTable {
                    sides: vec![
                        ("In favour", side(undoc_model::Ballot::InFavour)),
                        ("Against", side(undoc_model::Ballot::Against)),
                        ("Abstaining", side(undoc_model::Ballot::Abstaining)),
                    ],
                }),
            }
        })
        .collect()
}

/// The paragraphs with every reference at its span made a link: to the
/// document in the store where it is there, to its permalink otherwise.
///
/// `speech_of_reference` gives, per reference, the anchor of the speech it names in the
/// meeting record it resolves to (`undoc_query::speech_anchors`).
pub fn paragraphs(
    record: &Record,
    resolved: &[Option<String>],
    speech_of_reference: &[Option<String>],
) -> Vec<ParagraphView> {
    let mut references: Vec<(usize, &undoc_model::Reference, Option<&String>)> = record
        .references
        .iter()
        .enumerate()
        .map(|(i, r)| (i, r, resolved.get(i).and_then(Option::as_ref)))
        .collect();
    references.sort_by_key(|(_, r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut offset = 0usize;
    let mut out = Vec::with_capacity(record.paragraphs.len());
    let mut speeches = record.speeches.iter().enumerate().peekable();
    for p in &record.paragraphs {
        let text = p.text.as_str();
        let (start, end) = (offset, offset + text.len());
        let anchor = speeches
            .next_if(|(_, s)| s.start == start)
            .map(|(i, _)| format!("speech-{}", i + 1));
        offset = end + 2;
        let mut segments = Vec::new();
        let mut at = 0usize;
        for (i, r, target) in &references {
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
                href: Some(
                    match (target, speech_of_reference.get(*i).and_then(Option::as_ref)) {
                        (Some(id), Some(anchor)) => format!("{}#{anchor}", document_href(id)),
                        (Some(id), None) => document_href(id),
                        (None, _) => r.url.clone(),
                    },
                ),
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
        out.push(ParagraphView {
            kind,
            segments,
            anchor,
        });
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
    speeches: Vec<SpeechRow>,
    decisions: Vec<DecisionRow>,
    /// The stored meetings that adopted this resolution, and how.
    adopted_at: Vec<(Row, String)>,
    /// The official permalink (undocs.org).
    permalink: Option<String>,
    /// The citation in the UN's style, for the Cite box.
    citation: String,
    /// Where the citation is served in the reference managers' formats.
    cite_href: String,
    /// The documents citing it, as an Atom feed.
    cited_by_feed: String,
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
            let adopted = undoc_query::adopted_at(store, &doc.record.symbols)?;
            let speeches = undoc_query::speech_anchors(store, &doc.record, &doc.resolved)?;
            Ok(Ok((
                (doc, speeches),
                (replies_to, unresolved, cites),
                (replied_by, adopted),
                api::citation_views(citations),
            )))
        })
    })
    .await?;
    let ((doc, speech_anchors), links_out, (links_in, adopted), citations) = match found {
        Ok(found) => found,
        Err(missing) => return Ok(render(&not_held_page(&state, missing))),
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
        paragraphs: paragraphs(r, &doc.resolved, &speech_anchors),
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
        adopted_at: adopted_at_rows(&adopted),
        permalink: undoc_export::table::permalink(r),
        citation: undoc_export::cite::citation(r).text(),
        cite_href: format!("/api/documents/{}/cite", doc.key),
        cited_by_feed: format!("/feeds{}/cited-by", document_href(&r.id)),
        speeches: speech_rows(r),
        decisions: decision_rows(r),
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
pub(super) fn not_held_row(symbol: &str) -> Row {
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
    /// With `--allow-fetch`: the form, and the fetch of each language started.
    fetch: Option<FetchView>,
    /// The stored meetings that adopted it, and how.
    adopted_at: Vec<(Row, String)>,
}

/// The "Fetch from the UN" part of a page of a document not held.
#[derive(Debug, Clone)]
pub struct FetchView {
    pub jobs: Vec<crate::fetch::FetchJob>,
    /// A job is queued or running: the page reloads itself to show the end.
    pub pending: bool,
    pub languages: Vec<(&'static str, &'static str)>,
}

fn fetch_view(state: &AppState, symbol: &str) -> Option<FetchView> {
    let fetches = state.fetches.as_ref()?;
    let languages: Vec<(&'static str, &'static str)> = undoc_lang::official()
        .map(|l| (l.code, undoc_lang::english_name(l.code)))
        .collect();
    let jobs: Vec<crate::fetch::FetchJob> = languages
        .iter()
        .filter_map(|(code, _)| fetches.job(symbol, code))
        .collect();
    Some(FetchView {
        pending: jobs.iter().any(|j| j.state.is_pending()),
        jobs,
        languages,
    })
}

fn not_held_page(state: &AppState, missing: undoc_query::NotHeldDocument) -> NotHeldPage {
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
        fetch: fetch_view(state, &missing.symbol),
        adopted_at: adopted_at_rows(&missing.adopted_at),
        symbol: missing.symbol,
    }
}

/// `POST /fetch` (with `--allow-fetch`): the not-held page's form, with the
/// write token in its body. The fetch starts in the background and the
/// browser goes back to the document's page, which shows how it is going.
pub async fn fetch_form(
    State(state): State<Arc<AppState>>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let (mut symbol, mut language, mut token) = (String::new(), None, String::new());
    for (key, value) in form_urlencoded::parse(&body) {
        match key.as_ref() {
            "symbol" => symbol = value.into_owned(),
            "lang" => language = Some(value.into_owned()),
            "token" => token = value.into_owned(),
            _ => {}
        }
    }
    crate::api::authorize_token(&state, &token)?;
    let (symbol, language) = api::fetch_target(&symbol, language.as_deref())?;
    api::begin(&state, symbol.clone(), language).await?;
    Ok(axum::response::Redirect::to(&document_href(&symbol)).into_response())
}
