//! Undoing `Content-Encoding` under the size cap: a small compressed body that inflates past
//! the cap (a "bomb") is refused as too large, and never held whole in memory.

use std::io::Read;

use crate::FetchError;

/// The codings asked for in `Accept-Encoding`, all of which [`decode`] undoes.
pub const ACCEPTED_CODINGS: &str = if cfg!(feature = "zstd") {
    "gzip, deflate, br, zstd"
} else {
    "gzip, deflate, br"
};

/// Undoes the codings named in a `Content-Encoding` value (applied in order, so undone last
/// first); `None` when there was nothing to undo.
pub fn decode(
    content_encoding: &str,
    body: &[u8],
    max: u64,
) -> Result<Option<Vec<u8>>, FetchError> {
    let codings: Vec<String> = content_encoding
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    if codings.is_empty() {
        return Ok(None);
    }
    let mut current = body.to_vec();
    for coding in codings.iter().rev() {
        current = decode_one(coding, &current, max)?;
    }
    Ok(Some(current))
}

fn decode_one(coding: &str, body: &[u8], max: u64) -> Result<Vec<u8>, FetchError> {
    let mut out = Vec::new();
    // One byte past the cap tells "exactly at the cap" from "over it".
    match undo_coding(coding, body, max.saturating_add(1), &mut out) {
        None => Err(FetchError::ContentEncoding {
            coding: coding.chars().take(40).collect(),
            detail: "not a coding this build undoes".into(),
        }),
        Some(Ok(_)) if out.len() as u64 > max => Err(FetchError::TooLarge { limit: max }),
        Some(Ok(_)) => Ok(out),
        Some(Err(e)) => Err(FetchError::ContentEncoding {
            coding: coding.to_string(),
            detail: format!("the body does not decode: {e}"),
        }),
    }
}

/// Undoes one content coding (`gzip`, `deflate` zlib-wrapped or raw, `br`, and `zstd` with that
/// feature) into `out`, writing at most `limit` bytes, so a bomb costs no more. `None` for a
/// coding this build does not undo. On a decoding error `out` keeps what decoded before it.
/// The one coding reader: the fetcher and the WARC payload reader (`warta-corpus`) both call it.
pub fn undo_coding(
    coding: &str,
    body: &[u8],
    limit: u64,
    out: &mut Vec<u8>,
) -> Option<std::io::Result<usize>> {
    Some(match coding {
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(body)
            .take(limit)
            .read_to_end(out),
        "deflate" => {
            // Servers send both zlib-wrapped and raw deflate under this name.
            let zlib = flate2::read::ZlibDecoder::new(body)
                .take(limit)
                .read_to_end(out);
            if zlib.is_err() {
                out.clear();
                flate2::read::DeflateDecoder::new(body)
                    .take(limit)
                    .read_to_end(out)
            } else {
                zlib
            }
        }
        "br" => brotli_decompressor::Decompressor::new(body, 64 * 1024)
            .take(limit)
            .read_to_end(out),
        #[cfg(feature = "zstd")]
        "zstd" => match zstd::stream::read::Decoder::new(body) {
            Ok(d) => d.take(limit).read_to_end(out),
            Err(e) => Err(e),
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gzip_inflates_and_identity_is_left_alone() {
        assert_eq!(
            decode("gzip", &gzip(b"<p>hi</p>"), 100),
            Ok(Some(b"<p>hi</p>".to_vec()))
        );
        assert_eq!(decode("identity", b"x", 100), Ok(None));
        assert_eq!(decode("", b"x", 100), Ok(None));
    }

    #[test]
    fn a_bomb_stops_at_the_cap() {
        let bomb = gzip(&vec![0u8; 10_000_000]);
        assert!(bomb.len() < 20_000);
        assert_eq!(
            decode("gzip", &bomb, 1_000_000),
            Err(FetchError::TooLarge { limit: 1_000_000 })
        );
        assert_eq!(
            decode("gzip", &gzip(&[1; 100]), 100).map(|b| b.map(|b| b.len())),
            Ok(Some(100))
        );
    }

    #[test]
    fn unknown_and_broken_codings_are_errors() {
        assert_eq!(
            decode("compress", b"x", 100).map_err(|e| e.kind()),
            Err("content-encoding")
        );
        assert_eq!(
            decode("gzip", b"not gzip", 100).map_err(|e| e.kind()),
            Err("content-encoding")
        );
    }
}
