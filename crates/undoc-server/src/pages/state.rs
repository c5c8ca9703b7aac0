//! A State's page: what it sent, where it is named, how it voted.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::api;
use crate::state::{AppState, blocking};

use super::{PageError, Row, render, rows, search_href, state_href};

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
    /// Its letters as an Atom feed.
    feed: String,
    name: String,
    sent: Vec<Row>,
    mentioned: Vec<Row>,
    /// Recorded votes: the resolution and the ballot's label.
    votes: Vec<(Row, &'static str)>,
    /// Speeches: the meeting, the link to the speech, who, what kind, opening words.
    statements: Vec<Statement>,
    vote_counts: (usize, usize, usize),
    bars: Vec<Bar>,
    chart_width: usize,
    search: String,
}

/// One of the State's speeches, as its page lists it.
#[derive(Debug, Clone)]
pub struct Statement {
    pub meeting: Row,
    pub href: String,
    pub speaker: String,
    pub kind: &'static str,
    pub opening: String,
    pub agenda_item: Option<u32>,
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
        feed: format!("/feeds{}", state_href(name)),
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
        statements: view
            .statements
            .iter()
            .map(|st| {
                let meeting = Row::from(&st.meeting);
                Statement {
                    href: format!("{}#{}", meeting.href, st.anchor),
                    meeting,
                    speaker: st.speaker.clone(),
                    kind: undoc_model::SpeechKind::parse(&st.kind)
                        .map_or("statement", undoc_model::SpeechKind::label),
                    opening: st.opening.clone(),
                    agenda_item: st.agenda_item,
                }
            })
            .collect(),
        chart_width: 20 + bars.len().max(1) * 60,
        bars,
    }))
}
