//! Every error the server answers with, from one table: a stable code that
//! scripts can match, the HTTP status, and a message for people.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The error table: code, status, what it means. The API documentation and
/// the tests read it from here.
pub const ERRORS: [(&str, u16, &str); 8] = [
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
    ("uri_too_long", 414, "the query string is over the limit"),
    (
        "unavailable",
        503,
        "the store or index is busy (an ingest holds it); retry",
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
        match &e {
            undoc_store::StoreError::Database(rusqlite_error)
                if rusqlite_error.to_string().contains("locked")
                    || rusqlite_error.to_string().contains("busy") =>
            {
                ApiError::Unavailable(format!("the store is busy: {e}"))
            }
            _ => ApiError::Internal(format!("store: {e}")),
        }
    }
}

impl From<undoc_index::IndexError> for ApiError {
    fn from(e: undoc_index::IndexError) -> Self {
        match e {
            undoc_index::IndexError::BadRequest(message) => ApiError::BadRequest(message),
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

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status(), axum::Json(self.body())).into_response()
    }
}
