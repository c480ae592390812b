//! Stage 1: bytes → decoded text.
//!
//! The charset comes, in order of trust, from a byte-order mark, the caller's HTTP header, the
//! page's own `<meta>` declaration, and finally detection. One exception to that order: bytes
//! that are valid UTF-8 with non-ASCII content are read as UTF-8 even when the page declares a
//! legacy charset. Such declarations are left over from templates or re-saved pages far more
//! often than legacy text happens to form valid UTF-8 sequences throughout.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// How the charset was chosen, for the article's warnings and for debugging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    Bom,
    HttpHeader,
    Meta,
    Detected,
}

/// A page's text, and how its bytes were read.
pub struct Decoded<'a> {
    /// Borrowed from the input when it was valid text in its encoding already (UTF-8, or
    /// ASCII in an ASCII-compatible encoding), as pages mostly are.
    pub text: Cow<'a, str>,
    /// The encoding the bytes were read in.
    pub encoding: &'static Encoding,
    /// Where that encoding came from.
    pub source: CharsetSource,
    /// Some bytes were not valid in the chosen encoding and were replaced.
    pub had_errors: bool,
}

/// How far into the page a `<meta charset>` is looked for (the HTML spec's prescan uses 1024;
/// real pages often put it later, after long comments or scripts).
const META_SCAN_BYTES: usize = 8 * 1024;

/// Decodes a page's bytes, choosing the charset as the module explains.
pub fn decode<'a>(bytes: &'a [u8], http_charset: Option<&str>) -> Decoded<'a> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(&bytes[bom_len..], enc, CharsetSource::Bom);
    }
    let declared = http_charset
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .map(|e| (e, CharsetSource::HttpHeader))
        .or_else(|| meta_charset(bytes).map(|e| (e, CharsetSource::Meta)));
    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    match declared {
        Some((enc, source)) => {
            let enc = wider_equivalent(enc);
            if enc != UTF_8 && utf8_ok && !bytes.is_ascii() {
                finish(bytes, UTF_8, CharsetSource::Detected)
            } else {
                finish(bytes, enc, source)
            }
        }
        None if utf8_ok => finish(bytes, UTF_8, CharsetSource::Detected),
        None => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
            det.feed(bytes, true);
            finish(
                bytes,
                det.guess(None, chardetng::Utf8Detection::Allow),
                CharsetSource::Detected,
            )
        }
    }
}

/// Labels that browsers map to a wider encoding (the WHATWG table already maps latin1 to
/// windows-1252); UTF-16 declared in a byte stream without a BOM is treated as UTF-8, as the
/// spec's prescan does.
fn wider_equivalent(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        enc
    }
}

fn finish<'a>(bytes: &'a [u8], enc: &'static Encoding, source: CharsetSource) -> Decoded<'a> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding: enc,
        source,
        had_errors,
    }
}

/// Finds the charset of a `<meta charset=...>` or `<meta http-equiv=content-type content=...>`
/// near the top of the page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let mut at = 0;
    while let Some(pos) = find_ci(&head[at..], b"<meta") {
        let start = at + pos + 5;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(cs) = find_ci(tag, b"charset") {
            let value = tag[cs + 7..]
                .iter()
                .skip_while(|b| b.is_ascii_whitespace() || **b == b'=')
                .skip_while(|b| **b == b'"' || **b == b'\'')
                .take_while(|b| {
                    !(b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/'))
                })
                .copied()
                .collect::<Vec<u8>>();
            if let Some(enc) = Encoding::for_label(&value) {
                return Some(enc);
            }
        }
        at = end;
    }
    None
}

fn find_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let d = decode(b"\xEF\xBB\xBF<p>caf\xC3\xA9</p>", Some("iso-8859-1"));
        assert_eq!(d.source, CharsetSource::Bom);
        assert_eq!(d.text, "<p>café</p>");
    }

    #[test]
    fn http_header_charset() {
        let d = decode(b"<p>caf\xE9</p>", Some("ISO-8859-1"));
        assert_eq!(d.source, CharsetSource::HttpHeader);
        assert_eq!(d.text, "<p>café</p>");
    }

    #[test]
    fn meta_charset_forms() {
        let d = decode(b"<meta charset='windows-1251'><p>\xcf\xf0\xe8</p>", None);
        assert_eq!(d.source, CharsetSource::Meta);
        assert_eq!(d.text, "<meta charset='windows-1251'><p>При</p>");
        let d = decode(
            b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=shift_jis\"><p>\x93\xfa</p>",
            None,
        );
        assert_eq!(d.encoding, encoding_rs::SHIFT_JIS);
        assert!(d.text.ends_with("<p>日</p>"));
    }

    #[test]
    fn valid_utf8_beats_a_stale_latin1_declaration() {
        let d = decode("<meta charset=iso-8859-1><p>café</p>".as_bytes(), None);
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.contains("café"));
    }

    #[test]
    fn valid_utf8_beats_a_stale_multibyte_declaration() {
        let d = decode(
            "<meta charset=gb2312><p>人工智能迈上新台阶</p>".as_bytes(),
            None,
        );
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.contains("人工智能"));
    }

    #[test]
    fn real_gbk_bytes_follow_the_declaration() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("<meta charset=gb2312><p>人工智能迈上新台阶</p>");
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, encoding_rs::GBK);
        assert!(d.text.contains("人工智能"));
    }

    #[test]
    fn undeclared_legacy_bytes_are_detected() {
        let text = "Übergrößenträger schließen Straßenbahnen während Überschwemmungen.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes, None);
        assert_eq!(d.source, CharsetSource::Detected);
        assert_eq!(d.text, text);
    }
}
