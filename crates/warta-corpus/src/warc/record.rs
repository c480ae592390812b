//! One WARC record from a decompressed byte stream: the version line, the named fields, and the
//! block of `Content-Length` bytes.

use std::io::{self, BufRead, Read};

/// Caps that keep one malformed or hostile record from taking all memory.
#[derive(Debug, Clone, Copy)]
pub struct RecordLimits {
    /// Blocks longer than this are read up to this size; the rest is skipped.
    pub max_block_bytes: usize,
    /// A header line longer than this means the stream is not WARC.
    pub max_line_bytes: usize,
    /// So does a header with more fields than this.
    pub max_fields: usize,
}

impl Default for RecordLimits {
    fn default() -> Self {
        RecordLimits {
            max_block_bytes: 32 * 1024 * 1024,
            max_line_bytes: 64 * 1024,
            max_fields: 512,
        }
    }
}

/// A WARC record as read from the stream.
#[derive(Debug, Clone, Default)]
pub struct RawRecord {
    /// The named fields, in order, as written (names keep their case).
    pub fields: Vec<(String, String)>,
    pub block: Vec<u8>,
    /// Where the record starts in the file: its gzip member for `.warc.gz`, else its first byte.
    pub offset: u64,
    /// Why the block is shorter than `Content-Length`, when it is.
    pub cut_short: Option<String>,
}

impl RawRecord {
    /// The first field of that name (names compare case-insensitively, as the standard says).
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn record_type(&self) -> Option<&str> {
        self.field("WARC-Type")
    }

    /// `WARC-Target-URI`, without the angle brackets some WARC 1.0 writers put around it.
    pub fn target_uri(&self) -> Option<&str> {
        self.field("WARC-Target-URI")
            .map(|u| u.trim().trim_start_matches('<').trim_end_matches('>'))
    }
}

/// Reads the next record. `Ok(None)` at a clean end of stream (blank lines aside); an error when
/// the bytes are not a WARC record, or when the stream itself fails before the block starts. A
/// stream that fails or ends inside the block gives the record with `cut_short` set.
pub fn read_record<R: BufRead>(
    src: &mut R,
    limits: &RecordLimits,
) -> io::Result<Option<RawRecord>> {
    let version = loop {
        let line = read_line(src, limits.max_line_bytes)?;
        if line.is_empty() {
            return Ok(None);
        }
        if !line.iter().all(|b| b.is_ascii_whitespace()) {
            break line;
        }
    };
    if !version.starts_with(b"WARC/") {
        return Err(invalid(format!(
            "expected a WARC version line, found {:?}",
            String::from_utf8_lossy(&version[..version.len().min(40)])
        )));
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    loop {
        let line = read_line(src, limits.max_line_bytes)?;
        if line.is_empty() {
            return Err(invalid("the stream ends inside a WARC header".into()));
        }
        let line = trim_eol(&line);
        if line.is_empty() {
            break;
        }
        let text = String::from_utf8_lossy(line);
        if line[0] == b' ' || line[0] == b'\t' {
            // A folded continuation of the previous field.
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
            continue;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(invalid(format!(
                "WARC header line without a colon: {text:?}"
            )));
        };
        if fields.len() >= limits.max_fields {
            return Err(invalid("too many WARC header fields".into()));
        }
        fields.push((name.trim().to_string(), value.trim().to_string()));
    }
    let length = fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.parse::<u64>().ok())
        .ok_or_else(|| invalid("WARC record without a valid Content-Length".into()))?;
    let wanted = length.min(limits.max_block_bytes as u64);
    let mut block = Vec::with_capacity(wanted.min(1 << 20) as usize);
    let mut cut_short = match src.by_ref().take(wanted).read_to_end(&mut block) {
        Ok(_) if (block.len() as u64) < wanted => Some(format!(
            "the stream ends after {} of {length} block bytes",
            block.len()
        )),
        Ok(_) => None,
        Err(e) => Some(format!(
            "the stream failed after {} of {length} block bytes: {e}",
            block.len()
        )),
    };
    if cut_short.is_none() && length > wanted {
        match io::copy(&mut src.by_ref().take(length - wanted), &mut io::sink()) {
            Ok(n) if n == length - wanted => {}
            Ok(_) => cut_short = Some("the stream ends inside an oversized block".into()),
            Err(e) => cut_short = Some(format!("the stream failed inside an oversized block: {e}")),
        }
    }
    if cut_short.is_none() {
        skip_record_end(src)?;
    }
    Ok(Some(RawRecord {
        fields,
        block,
        offset: 0,
        cut_short,
    }))
}

/// Consumes the blank lines that end a record, so the stream stands at the next one's start.
fn skip_record_end<R: BufRead>(src: &mut R) -> io::Result<()> {
    loop {
        let buf = src.fill_buf()?;
        let n = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        if n == 0 {
            return Ok(());
        }
        src.consume(n);
    }
}

/// One line including its `\n`, at most `max` bytes; empty at end of stream.
fn read_line<R: BufRead>(src: &mut R, max: usize) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    src.by_ref().take(max as u64).read_until(b'\n', &mut line)?;
    if line.len() >= max && line.last() != Some(&b'\n') {
        return Err(invalid(format!("a line longer than {max} bytes")));
    }
    Ok(line)
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> io::Result<Option<RawRecord>> {
        read_record(&mut &bytes[..], &RecordLimits::default())
    }

    #[test]
    fn reads_fields_and_block() {
        let rec = read(b"WARC/1.1\r\nWARC-Type: response\r\nwarc-target-uri: <http://a.example/>\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n")
            .unwrap()
            .unwrap();
        assert_eq!(rec.record_type(), Some("response"));
        assert_eq!(rec.target_uri(), Some("http://a.example/"));
        assert_eq!(rec.block, b"hello");
        assert!(rec.cut_short.is_none());
    }

    #[test]
    fn a_short_block_is_flagged_not_lost() {
        let rec = read(b"WARC/1.0\r\nContent-Length: 50\r\n\r\nonly this")
            .unwrap()
            .unwrap();
        assert_eq!(rec.block, b"only this");
        assert!(rec.cut_short.unwrap().contains("9 of 50"));
    }

    #[test]
    fn garbage_is_an_error_and_blank_end_is_none() {
        assert!(read(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(read(b"\r\n\r\n").unwrap().is_none());
        assert!(read(b"WARC/1.0\r\nWARC-Type: x\r\n\r\n").is_err());
    }

    #[test]
    fn oversized_blocks_are_capped_and_the_stream_stays_in_step() {
        let limits = RecordLimits {
            max_block_bytes: 3,
            ..RecordLimits::default()
        };
        let data = b"WARC/1.0\r\nContent-Length: 6\r\n\r\nabcdef\r\n\r\nWARC/1.0\r\nContent-Length: 1\r\n\r\nz\r\n\r\n";
        let mut src = &data[..];
        let first = read_record(&mut src, &limits).unwrap().unwrap();
        assert_eq!(first.block, b"abc");
        let second = read_record(&mut src, &limits).unwrap().unwrap();
        assert_eq!(second.block, b"z");
    }
}
