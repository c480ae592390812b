//! Fetching a page by URL through `warta-fetch` (its address policy, caps and typed errors),
//! on a blocking thread, and mapping its errors to HTTP answers.

use axum::body::Bytes;
use axum::http::StatusCode;
use warta_fetch::FetchError;

use crate::body::charset_param;
use crate::error::ApiError;
use crate::Shared;

/// A fetched page: its body, the URL it came from after redirects, and its HTTP charset.
pub struct Fetched {
    pub body: Bytes,
    pub url: String,
    pub charset: Option<String>,
}

/// Fetches `url` under the server's fetch policy. A refusal (scheme, port, address, type) is
/// the client's 4xx; a network failure or an upstream error status is a 502 (504 on timeout).
pub async fn fetch_page(state: &Shared, url: &str) -> Result<Fetched, ApiError> {
    let _in_flight = state.metrics.page_started();
    let fetcher = state.fetcher.clone();
    let target = url.trim().to_string();
    let outcome = tokio::task::spawn_blocking(move || fetcher.fetch(&target))
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "panic",
                format!("the fetch task failed: {e}"),
            )
        })?;
    let response = match outcome {
        Ok(response) => response,
        Err(e) => {
            state.metrics.record_fetch(e.kind());
            return Err(fetch_error(&e));
        }
    };
    if response.status() >= 400 {
        state.metrics.record_fetch("upstream-status");
        return Err(ApiError::new(
            StatusCode::BAD_GATEWAY,
            "upstream-status",
            format!("{} answered HTTP {}", response.url(), response.status()),
        ));
    }
    state.metrics.record_fetch("ok");
    let charset = response.content_type().and_then(charset_param);
    Ok(Fetched {
        url: response.url().to_string(),
        charset,
        body: Bytes::from(response.body),
    })
}

fn fetch_error(e: &FetchError) -> ApiError {
    let status = match e {
        FetchError::InvalidUrl { .. }
        | FetchError::SchemeRefused { .. }
        | FetchError::PortRefused { .. } => StatusCode::BAD_REQUEST,
        FetchError::AddressRefused { .. } => StatusCode::FORBIDDEN,
        FetchError::ContentTypeRefused { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        FetchError::Timeout { .. } => StatusCode::GATEWAY_TIMEOUT,
        _ if e.is_refusal() => StatusCode::BAD_REQUEST,
        _ => StatusCode::BAD_GATEWAY,
    };
    ApiError::new(status, e.kind(), e.to_string())
}
