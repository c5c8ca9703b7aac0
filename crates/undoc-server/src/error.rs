//! Every error the server answers with, from one table: a stable code that
//! scripts can match, the HTTP status, and a message for people.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The error table: code, status, what it means. The API documentation and
/// the tests read it from here.
pub const ERRORS: [(&str, u16, &str); 10] = [
    (
        "bad_request",
        400,
        "a parameter is missing, malformed or out of range",
    ),
    (
        "unauthorized",
        401,
        "the upload endpoint needs `Authorization: Bearer <UNDOC_TOKEN>`",
    ),
    (
        "not_found",
        404,
        "no document, agenda item, State or page by that name",
    ),
    (
        "method_not_allowed",
        405,
        "the path exists, but not for this method",
    ),
    (
        "payload_too_large",
        413,
        "the request body is over the limit",
    ),
    (
        "request_timeout",
        408,
        "the request (its headers or body) arrived too slowly",
    ),
    ("uri_too_long", 414, "the query string is over the limit"),
    (
        "headers_too_large",
        431,
        "too many request headers, or too long ones",
    ),
    (
        "unavailable",
        503,
        "the store is busy (another writer holds it), a search ran past its deadline, or the server is at its connection limit; retry after the seconds Retry-After gives",
    ),
    (
        "internal",
        500,
        "a fault of the server; the message says where",
    ),
];

#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("a bearer token is required (Authorization: Bearer <UNDOC_TOKEN>)")]
    Unauthorized,
    #[error("{0}")]
    NotFound(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("the request body is over {0} bytes")]
    PayloadTooLarge(usize),
    #[error("the query string is over {0} bytes")]
    UriTooLong(usize),
    #[error("{0}")]
    RequestTimeout(String),
    #[error("{0}")]
    HeadersTooLarge(String),
    #[error("{0}")]
    Unavailable(String),
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Unauthorized => "unauthorized",
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::PayloadTooLarge(_) => "payload_too_large",
            ApiError::UriTooLong(_) => "uri_too_long",
            ApiError::RequestTimeout(_) => "request_timeout",
            ApiError::HeadersTooLarge(_) => "headers_too_large",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Internal(_) => "internal",
        }
    }

    pub fn status(&self) -> StatusCode {
        let code = self.code();
        ERRORS
            .iter()
            .find(|(c, _, _)| *c == code)
            .and_then(|(_, status, _)| StatusCode::from_u16(*status).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl From<undoc_store::StoreError> for ApiError {
    fn from(e: undoc_store::StoreError) -> Self {
        // Classified by the error's type (and SQLite's code), never its text.
        if e.is_busy() {
            ApiError::Unavailable(e.to_string())
        } else {
            ApiError::Internal(format!("store: {e}"))
        }
    }
}

impl From<undoc_index::IndexError> for ApiError {
    fn from(e: undoc_index::IndexError) -> Self {
        match e {
            undoc_index::IndexError::BadRequest(message) => ApiError::BadRequest(message),
            e @ (undoc_index::IndexError::TimedOut | undoc_index::IndexError::Cancelled) => {
                ApiError::Unavailable(e.to_string())
            }
            undoc_index::IndexError::Store(store) => ApiError::from(store),
            other => ApiError::Internal(format!("search index: {other}")),
        }
    }
}

/// The JSON body of an error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable: one of the codes of the error table.
    pub code: String,
    pub status: u16,
    pub message: String,
}

impl ApiError {
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code().to_owned(),
                status: self.status().as_u16(),
                message: self.to_string(),
            },
        }
    }
}

/// Seconds a client is asked to wait before retrying a 503.
pub const RETRY_AFTER_SECONDS: u32 = 2;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status(), axum::Json(self.body())).into_response();
        if matches!(self, ApiError::Unavailable(_)) {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(RETRY_AFTER_SECONDS),
            );
        }
        response
    }
}

impl ApiError {
    /// The whole HTTP/1.1 response, as bytes, for the connection layer to
    /// write itself (a connection over the limit, a head too large for the
    /// parser), where no router runs.
    pub fn raw_response(&self) -> Vec<u8> {
        let body = serde_json::to_string(&self.body()).unwrap_or_default();
        let status = self.status();
        let retry = if matches!(self, ApiError::Unavailable(_)) {
            format!("Retry-After: {RETRY_AFTER_SECONDS}\r\n")
        } else {
            String::new()
        };
        format!(
            "HTTP/1.1 {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{retry}Connection: close\r\n\r\n{body}",
            status.as_u16(),
            status.canonical_reason().unwrap_or(""),
            body.len()
        )
        .into_bytes()
    }
}
