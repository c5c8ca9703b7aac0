//! `/api/agenda/{organ}/{session}/{item}`: an agenda item and its documents.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use undoc_store::Store;

use crate::error::{ApiError, ErrorBody};
use crate::state::{AppState, blocking};

use super::SummaryView;

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
