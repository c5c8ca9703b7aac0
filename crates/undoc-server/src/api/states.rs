//! `/api/states`: the States undoc knows, what each sent, is named in and voted.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use undoc_index::{Search, SearchRequest};

use crate::error::{ApiError, ErrorBody};
use crate::state::{AppState, blocking};

use super::SummaryView;

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
    /// Its speeches in stored meeting records, newest meeting first.
    pub statements: Vec<StatementView>,
}

/// One speech of a State's, in a stored meeting record.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatementView {
    pub meeting: SummaryView,
    /// Its place in the record, from 1: the meeting page's `#speech-N`.
    pub position: usize,
    /// The meeting page's anchor: `speech-7`.
    pub anchor: String,
    pub speaker: String,
    /// statement, explanation_of_vote, right_of_reply, point_of_order, procedural.
    pub kind: String,
    /// ISO 639-1, from "spoke in …"; null for the record's own language.
    pub language: Option<String>,
    /// The speech's first words, after the speaker's line.
    pub opening: String,
    /// The agenda item the meeting had taken up (General Assembly records).
    pub agenda_item: Option<u32>,
}

/// The characters of a speech's opening a State's view shows.
const OPENING_CHARS: usize = 240;

impl From<undoc_store::Statement> for StatementView {
    fn from(s: undoc_store::Statement) -> Self {
        let (opening, _) = s.opening(OPENING_CHARS);
        StatementView {
            anchor: s.anchor(),
            position: s.position + 1,
            meeting: SummaryView::from(s.meeting),
            speaker: s.speaker,
            kind: s.kind.as_str().to_owned(),
            language: s.language,
            opening,
            agenda_item: s.agenda_item,
        }
    }
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
    undoc_states::resolve_or_explain(name).map_err(ApiError::NotFound)
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
    let statements = s.with_store(|store| {
        Ok(store
            .speeches_of(name)?
            .into_iter()
            .map(StatementView::from)
            .collect::<Vec<_>>())
    })?;
    Ok(StateView {
        name: name.to_owned(),
        statements,
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
