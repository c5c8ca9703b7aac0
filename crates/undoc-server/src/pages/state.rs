//! A State's page: what it sent, where it is named, how it voted.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::api;
use crate::state::{AppState, blocking};

use super::charts;
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
    /// Documents sent per month (per year over ten years), and their chart.
    months: Vec<(String, usize)>,
    months_svg: String,
    /// "month", or "year" where months would be too many.
    months_unit: &'static str,
    /// The States it exchanges letters with: its letters answering theirs,
    /// theirs answering its; and their chart.
    counterparts: Vec<(String, usize, usize)>,
    counterparts_svg: String,
}

/// Counts of dated documents by month from the first to the last (empty
/// months included), or by year when that would be more than ten years of
/// months.
fn per_month(dates: &[&str]) -> Vec<(String, usize)> {
    let months: Vec<&str> = dates.iter().filter_map(|d| d.get(..7)).collect();
    let (Some(first), Some(last)) = (months.iter().min(), months.iter().max()) else {
        return Vec::new();
    };
    let number = |m: &str| -> Option<i32> {
        let (y, mo) = m.split_once('-')?;
        Some(y.parse::<i32>().ok()? * 12 + mo.parse::<i32>().ok()? - 1)
    };
    let (Some(from), Some(to)) = (number(first), number(last)) else {
        return Vec::new();
    };
    if to - from >= 120 {
        let mut years: std::collections::BTreeMap<String, usize> = Default::default();
        for m in &months {
            *years.entry(m[..4].to_owned()).or_default() += 1;
        }
        return years.into_iter().collect();
    }
    (from..=to)
        .map(|n| {
            let label = format!("{:04}-{:02}", n / 12, n % 12 + 1);
            let count = months.iter().filter(|m| **m == label).count();
            (label, count)
        })
        .collect()
}

/// The States whose letters the State's letters answer, and whose letters
/// answer it, by the replies among the documents it sent (each pair of
/// documents once), most exchanged first.
fn counterparts(
    store: &dyn undoc_store::Store,
    name: &str,
    sent: &[String],
) -> Result<Vec<(String, usize, usize)>, crate::error::ApiError> {
    let mut counts: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for id in sent {
        let replies = undoc_model::Relation::RepliesTo;
        let mut answered: Vec<String> = undoc_query::links_out(store, id)?
            .into_iter()
            .filter(|l| l.relation == replies)
            .filter_map(|l| l.to)
            .collect();
        answered.sort();
        answered.dedup();
        let mut answering: Vec<String> = undoc_query::links_into(store, id)?
            .into_iter()
            .filter(|l| l.relation == replies)
            .map(|l| l.from)
            .collect();
        answering.sort();
        answering.dedup();
        let named: Vec<&str> = answered
            .iter()
            .chain(&answering)
            .map(String::as_str)
            .collect();
        if named.is_empty() {
            continue;
        }
        let summaries = store.summaries(&named)?;
        let state_of = |key: &String| {
            summaries
                .get(key)
                .and_then(|s| s.sender_state.clone())
                .filter(|s| s != name)
        };
        for state in answered.iter().filter_map(state_of) {
            counts.entry(state).or_default().0 += 1;
        }
        for state in answering.iter().filter_map(state_of) {
            counts.entry(state).or_default().1 += 1;
        }
    }
    let mut rows: Vec<(String, usize, usize)> =
        counts.into_iter().map(|(s, (a, b))| (s, a, b)).collect();
    rows.sort_by(|x, y| (y.1 + y.2).cmp(&(x.1 + x.2)).then_with(|| x.0.cmp(&y.0)));
    rows.truncate(15);
    Ok(rows)
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
    let (view, counterparts) = blocking(&state, move |s| {
        let view = api::state_view(s, name)?;
        let sent: Vec<String> = view.sent.iter().map(|d| d.id.clone()).collect();
        let counterparts = s.with_store(|store| counterparts(store, name, &sent))?;
        Ok((view, counterparts))
    })
    .await?;
    let dates: Vec<&str> = view.sent.iter().filter_map(|d| d.date.as_deref()).collect();
    let months = per_month(&dates);
    let months_svg = if months.is_empty() {
        String::new()
    } else {
        let bars: Vec<charts::Bar> = months
            .iter()
            .map(|(label, value)| charts::Bar {
                label: label.clone(),
                value: *value,
                href: None,
            })
            .collect();
        let unit = if months.first().is_some_and(|(p, _)| p.len() == 4) {
            "year"
        } else {
            "month"
        };
        charts::columns(&format!("Documents {name} sent, by {unit}"), &bars)
    };
    let counterparts_svg = if counterparts.is_empty() {
        String::new()
    } else {
        charts::pairs(
            &format!("The States {name} exchanges letters with"),
            &counterparts,
            ("answered by its letters", "answering its letters"),
        )
    };
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
        months_unit: if months.first().is_some_and(|(p, _)| p.len() == 4) {
            "year"
        } else {
            "month"
        },
        months,
        months_svg,
        counterparts,
        counterparts_svg,
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
