//! An agenda item's page: its documents, newest first.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::api;
use crate::error::ApiError;
use crate::state::{AppState, blocking};

use super::{PageError, Row, render, rows, search_href};

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
