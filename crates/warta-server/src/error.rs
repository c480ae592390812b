//! The API's one error shape, `{"error": {"kind", "message"}}`, with the status that fits.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A failed request: the HTTP status, a short stable kind and a message for people.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub message: String,
    /// Seconds to wait before trying again (sent as `Retry-After`).
    pub retry_after: Option<u32>,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            kind,
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn bad_request(kind: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, kind, message)
    }

    pub fn too_large(kind: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, kind, message)
    }

    pub fn overloaded() -> Self {
        ApiError {
            retry_after: Some(1),
            ..Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "overloaded",
                "too many requests in flight; try again shortly",
            )
        }
    }

    /// The library's own failures: an empty or unreadable page is the client's, a panic ours.
    pub fn from_core(e: &warta_core::Error) -> Self {
        let status = match e {
            warta_core::Error::EmptyInput => StatusCode::BAD_REQUEST,
            warta_core::Error::NotAPage(_) => StatusCode::UNPROCESSABLE_ENTITY,
            warta_core::Error::Panicked(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Self::new(status, e.kind(), e.to_string())
    }

    pub fn body(&self) -> serde_json::Value {
        json!({"error": {"kind": self.kind, "message": self.message}})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response.extensions_mut().insert(ErrorKind(self.kind));
        response
    }
}

/// Carried on an error response so that the metrics can count errors by kind.
#[derive(Debug, Clone, Copy)]
pub struct ErrorKind(pub &'static str);
