//! The HTTP response inside a WARC `response` record: status, media type, charset, and the body
//! with its transfer and content codings undone.

/// A response whose body is ready for the extractor.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    /// The media type, lower-cased, without parameters.
    pub mime: Option<String>,
    pub charset: Option<String>,
    /// The header fields, in order, as written (for callers that hand them on, like the Python
    /// binding's `read_warc`).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub warnings: Vec<String>,
}

/// Why a response cannot be read.
#[derive(Debug, PartialEq, Eq)]
pub enum HttpError {
    /// The header is malformed; the kind of error record to write and why.
    Malformed(String),
    /// A coding we cannot undo (a skip, not a failure: the bytes are not a page we can read).
    UnsupportedCoding(String),
    /// The body claims a coding but does not decode.
    Decoding(String),
}

/// Parses the response in `block`, decoding at most `max_body` bytes of body.
pub fn parse_response(block: &[u8], max_body: usize) -> Result<Response, HttpError> {
    let (head_len, body_start) = header_end(block)
        .ok_or_else(|| HttpError::Malformed("no end of the HTTP header".into()))?;
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.split('\n').map(|l| l.trim_end_matches('\r'));
    let status_line = lines.next().unwrap_or_default();
    let status = parse_status(status_line).ok_or_else(|| {
        HttpError::Malformed(format!(
            "bad HTTP status line {:?}",
            truncate(status_line, 60)
        ))
    })?;
    let mut content_type = None;
    let mut transfer_encoding = String::new();
    let mut content_encoding = String::new();
    let mut headers = Vec::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim(), value.trim());
        headers.push((name.to_string(), value.to_string()));
        if name.eq_ignore_ascii_case("content-type") {
            content_type.get_or_insert_with(|| value.to_string());
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            append_list(&mut transfer_encoding, value);
        } else if name.eq_ignore_ascii_case("content-encoding") {
            append_list(&mut content_encoding, value);
        }
    }
    let (mime, charset) = content_type
        .as_deref()
        .map(split_content_type)
        .unwrap_or_default();
    let mut warnings = Vec::new();
    let mut body = block[body_start..].to_vec();
    if transfer_encoding.to_ascii_lowercase().contains("chunked") {
        match dechunk(&body) {
            Ok(plain) => body = plain,
            // Many crawlers store the body already de-chunked but keep the header.
            Err(Dechunk::NotChunked) => {}
            Err(Dechunk::Partial(plain)) => {
                warnings.push("chunked body ends early".to_string());
                body = plain;
            }
        }
    }
    for coding in content_encoding
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .rev()
    {
        body = match decode_coding(&coding, body, max_body) {
            Ok(b) => b,
            // The crawler stored the decoded body but kept the header.
            Err((raw, _)) if looks_like_markup(&raw) => raw,
            Err((_, e)) => return Err(e),
        };
    }
    if body.len() > max_body {
        body.truncate(max_body);
        warnings.push(format!("body cut to {max_body} bytes"));
    }
    Ok(Response {
        status,
        mime,
        charset,
        headers,
        body,
        warnings,
    })
}

fn append_list(list: &mut String, value: &str) {
    if !list.is_empty() {
        list.push(',');
    }
    list.push_str(value);
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Where the header ends (before the blank line) and the body starts.
fn header_end(block: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while let Some(nl) = block[i..].iter().position(|&b| b == b'\n') {
        let line_end = i + nl;
        let next = line_end + 1;
        match block.get(next..) {
            Some([b'\n', ..]) => return Some((line_end, next + 1)),
            Some([b'\r', b'\n', ..]) => return Some((line_end, next + 2)),
            _ => i = next,
        }
    }
    None
}

fn parse_status(line: &str) -> Option<u16> {
    let mut parts = line.split_whitespace();
    let version = parts.next()?;
    if !version.starts_with("HTTP/") {
        return None;
    }
    parts.next()?.parse().ok()
}

/// `text/html; charset="ISO-8859-1"` → (`text/html`, `ISO-8859-1`).
pub fn split_content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let mime = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
            .filter(|c| !c.is_empty())
    });
    (mime, charset)
}

enum Dechunk {
    /// The body does not start with a chunk size line.
    NotChunked,
    /// Chunks that were readable, up to where the body broke off.
    Partial(Vec<u8>),
}

fn dechunk(body: &[u8]) -> Result<Vec<u8>, Dechunk> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut chunks = 0;
    loop {
        let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
            return Err(broken(out, chunks));
        };
        let size_text = String::from_utf8_lossy(&rest[..nl]);
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            return Err(broken(out, chunks));
        };
        rest = &rest[nl + 1..];
        if size == 0 {
            return Ok(out);
        }
        if rest.len() < size {
            out.extend_from_slice(rest);
            return Err(Dechunk::Partial(out));
        }
        out.extend_from_slice(&rest[..size]);
        chunks += 1;
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
        if rest.is_empty() {
            return Err(Dechunk::Partial(out));
        }
    }
}

fn broken(out: Vec<u8>, chunks: usize) -> Dechunk {
    if chunks == 0 {
        Dechunk::NotChunked
    } else {
        Dechunk::Partial(out)
    }
}

/// Undoes one content coding; on failure gives the input back with the error.
fn decode_coding(coding: &str, body: Vec<u8>, max: usize) -> Result<Vec<u8>, (Vec<u8>, HttpError)> {
    if matches!(coding, "" | "identity" | "none") {
        return Ok(body);
    }
    let mut out = Vec::new();
    match warta_fetch::undo_coding(coding, &body, max as u64 + 1, &mut out) {
        None => Err((
            body,
            HttpError::UnsupportedCoding(format!("content-encoding {}", truncate(coding, 30))),
        )),
        Some(Ok(_)) => Ok(out),
        // A body cut by the crawler still decodes up to the cut: keep that part.
        Some(Err(_)) if out.len() > 512 => Ok(out),
        Some(Err(e)) => Err((
            body,
            HttpError::Decoding(format!("{coding} body does not decode: {e}")),
        )),
    }
}

fn looks_like_markup(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    head.get(start) == Some(&b'<')
}

/// True when the body sniffs as HTML: for responses without a usable media type.
pub fn sniffs_as_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(1024)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start();
    text.starts_with('<')
        && [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<title",
            "<meta",
        ]
        .iter()
        .any(|t| text.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn response(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut b = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        b.extend_from_slice(body);
        b
    }

    #[test]
    fn reads_status_type_and_charset() {
        let r = parse_response(
            &response(
                "Content-Type: text/html; charset=\"ISO-8859-2\"\r\n",
                b"<p>x",
            ),
            1 << 20,
        )
        .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.mime.as_deref(), Some("text/html"));
        assert_eq!(r.charset.as_deref(), Some("ISO-8859-2"));
        assert_eq!(r.body, b"<p>x");
    }

    #[test]
    fn dechunks_and_tolerates_bodies_stored_dechunked() {
        let chunked = response(
            "Transfer-Encoding: chunked\r\n",
            b"4\r\n<p>a\r\n6;ext=1\r\nbc</p>\r\n0\r\n\r\n",
        );
        assert_eq!(
            parse_response(&chunked, 1 << 20).unwrap().body,
            b"<p>abc</p>"
        );
        let stored = response("Transfer-Encoding: chunked\r\n", b"<p>plain</p>");
        assert_eq!(
            parse_response(&stored, 1 << 20).unwrap().body,
            b"<p>plain</p>"
        );
    }

    #[test]
    fn undoes_gzip_and_chunking_together() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<html>zipped</html>").unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", gz.len()).into_bytes();
        chunked.extend_from_slice(&gz);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let r = parse_response(
            &response(
                "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked,
            ),
            1 << 20,
        )
        .unwrap();
        assert_eq!(r.body, b"<html>zipped</html>");
    }

    #[test]
    fn a_body_stored_decoded_under_a_coding_header_is_kept() {
        let r = parse_response(
            &response("Content-Encoding: gzip\r\n", b"<html>x</html>"),
            1 << 20,
        );
        assert_eq!(r.unwrap().body, b"<html>x</html>");
        let bad = parse_response(
            &response("Content-Encoding: gzip\r\n", b"\x00\x01binary"),
            1 << 20,
        );
        assert!(matches!(bad, Err(HttpError::Decoding(_))));
    }

    #[test]
    fn malformed_headers_are_errors() {
        assert!(parse_response(b"not http at all", 100).is_err());
        assert!(parse_response(b"FOO 200\r\n\r\nbody", 100).is_err());
    }

    proptest::proptest! {
        /// Whatever the bytes, parsing ends without a panic, and a body never exceeds the cap.
        #[test]
        fn any_bytes_parse_without_panic(
            head in "(HTTP/1\\.1 [0-9]{3} OK\r\n)?((Transfer-Encoding: chunked|Content-Encoding: (gzip|deflate|br)|Content-Type: [a-z/;= -]{0,30})\r\n){0,3}\r\n",
            body in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
        ) {
            let mut block = head.into_bytes();
            block.extend_from_slice(&body);
            if let Ok(r) = parse_response(&block, 100) {
                proptest::prop_assert!(r.body.len() <= 100);
            }
        }
    }

    #[test]
    fn sniffing() {
        assert!(sniffs_as_html(b"\xef\xbb\xbf  <!DOCTYPE html><p>"));
        assert!(!sniffs_as_html(b"{\"json\": true}"));
    }
}
