//! The web UI: server-rendered pages (askama templates compiled into the
//! binary, every value escaped), working without JavaScript; a little script
//! adds keyboard shortcuts where it runs. One file per page; the links, rows and
//! error page they share are here.

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::api::SummaryView;
use crate::error::ApiError;

mod agenda;
mod document;
mod home;
mod search;
mod state;
mod thread;

pub mod charts;

pub use agenda::*;
pub use document::*;
pub use home::*;
pub use search::*;
pub use state::*;
pub use thread::*;

/// Characters kept as they are in a path: symbols keep their slashes,
/// everything else that is not unreserved is percent-encoded.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

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

/// A language's name in that language, as a switcher shows it.
fn endonym(code: &str) -> &'static str {
    undoc_lang::get(code).map_or("Other", |l| l.endonym)
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
        include_str!("../../static/style.css"),
    )
        .into_response()
}

pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.js"),
    )
        .into_response()
}
