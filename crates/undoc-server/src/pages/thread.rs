//! A thread's page: the exchange a document belongs to, in order.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::api::SummaryView;
use crate::error::ApiError;
use crate::state::{AppState, blocking};

use super::charts;
use super::document::not_held_row;
use super::{PageError, Row, document_href, render, state_href};

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
    /// The exchange as an Atom feed.
    feed: String,
    symbol: String,
    entries: Vec<ThreadEntry>,
    /// The exchange drawn as a timeline, a lane per State (empty with fewer
    /// than two dated documents).
    timeline_svg: String,
}

pub async fn thread(
    State(state): State<Arc<AppState>>,
    Path(symbol): Path<String>,
) -> Result<Response, PageError> {
    let symbol = symbol.trim_matches('/').to_owned();
    let shown = symbol.clone();
    let (entries, points, replies) = blocking(&state, move |s| {
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
            let points: Vec<charts::Point> = thread
                .nodes
                .iter()
                .filter_map(|n| {
                    let summary = n.summary.as_ref()?;
                    Some(charts::Point {
                        key: n.key.clone(),
                        label: summary
                            .symbols
                            .first()
                            .cloned()
                            .unwrap_or_else(|| n.key.clone()),
                        date: summary.date.clone(),
                        lane: summary
                            .sender_state
                            .clone()
                            .unwrap_or_else(|| "United Nations".to_owned()),
                        href: document_href(&n.key),
                    })
                })
                .collect();
            let replies: Vec<(String, String)> = thread
                .edges
                .iter()
                .map(|e| (e.from.clone(), e.to.clone()))
                .collect();
            Ok((entries, points, replies))
        })
    })
    .await?;
    let dated = points.iter().filter(|p| p.date.is_some()).count();
    let timeline_svg = if dated >= 2 {
        charts::timeline(&format!("The exchange around {shown}"), &points, &replies)
    } else {
        String::new()
    };
    let title = format!("Thread of {shown}");
    Ok(render(&ThreadPage {
        title: &title,
        query: "",
        feed: format!("/feeds{}/thread", document_href(&shown)),
        symbol: shown,
        entries,
        timeline_svg,
    }))
}
