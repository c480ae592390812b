//! Reading a request body within the limits: a size cap, a time limit, and a cap on what a gzip
//! body may inflate to.

use std::io::Read;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::error::ApiError;

/// Reads the whole body: at most `max_bytes` (else 413), within `timeout` (else 408).
pub async fn read_capped(
    headers: &HeaderMap,
    body: Body,
    max_bytes: usize,
    timeout: Duration,
) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max_bytes as u64) {
        return Err(too_large(max_bytes));
    }
    let collect = Limited::new(body, max_bytes).collect();
    match tokio::time::timeout(timeout, collect).await {
        Err(_) => Err(ApiError::new(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            "body-timeout",
            format!(
                "the request body did not arrive within {}s",
                timeout.as_secs()
            ),
        )),
        Ok(Err(e)) if e.is::<LengthLimitError>() => Err(too_large(max_bytes)),
        Ok(Err(e)) => Err(ApiError::bad_request(
            "bad-body",
            format!("the request body could not be read: {e}"),
        )),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
    }
}

fn too_large(max_bytes: usize) -> ApiError {
    ApiError::too_large(
        "body-too-large",
        format!("the request body is larger than {max_bytes} bytes"),
    )
}

/// [`inflate_if_gzip`] on a blocking thread: inflating is CPU work the async workers must not do.
pub async fn inflate_off_thread(
    headers: &HeaderMap,
    bytes: Bytes,
    max_inflated: usize,
) -> Result<Bytes, ApiError> {
    let headers = headers.clone();
    tokio::task::spawn_blocking(move || inflate_if_gzip(&headers, bytes, max_inflated))
        .await
        .map_err(|e| {
            ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "panic",
                format!("inflating the body failed: {e}"),
            )
        })?
}

/// The page's bytes: inflated when the client sent gzip (by `Content-Encoding` or by its magic
/// bytes), never to more than `max_inflated` bytes.
pub fn inflate_if_gzip(
    headers: &HeaderMap,
    bytes: Bytes,
    max_inflated: usize,
) -> Result<Bytes, ApiError> {
    let encoding = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_ascii_lowercase());
    match encoding.as_deref() {
        None | Some("identity") | Some("gzip") | Some("x-gzip") => {}
        Some(other) => {
            return Err(ApiError::new(
                axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-encoding",
                format!("Content-Encoding {other:?} is not supported (gzip is)"),
            ))
        }
    }
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return match encoding.as_deref() {
            Some("gzip") | Some("x-gzip") => Err(ApiError::bad_request(
                "bad-gzip",
                "Content-Encoding says gzip but the body is not gzip data",
            )),
            _ => Ok(bytes),
        };
    }
    gunzip_capped(&bytes, max_inflated).map(Bytes::from)
}

/// Inflates gzip data, refusing (413) once the output would pass `max_inflated` bytes: a gzip
/// bomb costs at most that much memory.
pub fn gunzip_capped(gz: &[u8], max_inflated: usize) -> Result<Vec<u8>, ApiError> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(gz)
        .take(max_inflated as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| ApiError::bad_request("bad-gzip", format!("invalid gzip data: {e}")))?;
    if out.len() > max_inflated {
        return Err(ApiError::too_large(
            "inflated-too-large",
            format!("the gzip body inflates to more than {max_inflated} bytes"),
        ));
    }
    Ok(out)
}

/// The charset named by a `Content-Type` header, if any.
pub fn charset(headers: &HeaderMap) -> Option<String> {
    charset_param(headers.get(header::CONTENT_TYPE)?.to_str().ok()?)
}

/// The `charset` parameter of a `Content-Type` value, if any.
pub fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
            .filter(|v| !v.is_empty())
    })
}

/// The media type of a `Content-Type` header, lower-cased, without parameters.
pub fn media_type(headers: &HeaderMap) -> Option<String> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(
        content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_cap() {
        let bomb = gzip(&vec![0u8; 8 * 1024 * 1024]);
        assert!(bomb.len() < 64 * 1024);
        let err = gunzip_capped(&bomb, 1024 * 1024).unwrap_err();
        assert_eq!(err.status, 413);
        assert_eq!(
            gunzip_capped(&gzip(b"<p>hi</p>"), 1024).unwrap(),
            b"<p>hi</p>"
        );
        assert_eq!(
            gunzip_capped(b"\x1f\x8bnot gzip", 1024).unwrap_err().kind,
            "bad-gzip"
        );
    }

    #[test]
    fn charset_comes_from_the_content_type() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            "text/html; Charset=\"windows-1252\"".parse().unwrap(),
        );
        assert_eq!(charset(&h).as_deref(), Some("windows-1252"));
        assert_eq!(media_type(&h).as_deref(), Some("text/html"));
        h.insert(header::CONTENT_TYPE, "text/html".parse().unwrap());
        assert_eq!(charset(&h), None);
    }
}
