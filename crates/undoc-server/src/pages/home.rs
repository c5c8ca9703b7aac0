//! The home page: what the store holds, and where to start.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use undoc_index::{Search, SearchRequest};

use crate::state::{AppState, blocking};

use super::search::FacetLink;
use super::{PageError, render, search_href, state_href};

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
