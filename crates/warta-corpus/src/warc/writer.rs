//! A small WARC writer, one gzip member (or zstd frame) per record as the standard recommends:
//! test streams, the benchmark file, and the crawler's archive (HTTP exchanges as WARC/1.1
//! `request` + `response` pairs with the headers replay tools expect).

use std::io::{self, Write};

use flate2::write::GzEncoder;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compress {
    None,
    Gzip,
    #[cfg(feature = "zstd")]
    Zstd,
}

pub struct WarcWriter<W: Write> {
    out: W,
    compress: Compress,
    position: u64,
    serial: u64,
}

impl<W: Write> WarcWriter<W> {
    pub fn new(out: W, compress: Compress) -> Self {
        WarcWriter {
            out,
            compress,
            position: 0,
            serial: 0,
        }
    }

    /// Bytes written so far: the offset the next record will start at.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// Writes one record with the given fields (a `WARC-Record-ID` and `Content-Length` are
    /// added when absent) and block.
    pub fn write_record(&mut self, fields: &[(&str, &str)], block: &[u8]) -> io::Result<()> {
        self.serial += 1;
        let mut head = String::from("WARC/1.1\r\n");
        let has = |name: &str| fields.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
        if !has("WARC-Record-ID") {
            head.push_str(&format!(
                "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{:012x}>\r\n",
                self.serial
            ));
        }
        for (name, value) in fields {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !has("Content-Length") {
            head.push_str(&format!("Content-Length: {}\r\n", block.len()));
        }
        head.push_str("\r\n");
        let mut record = head.into_bytes();
        record.extend_from_slice(block);
        record.extend_from_slice(b"\r\n\r\n");
        let bytes = match self.compress {
            Compress::None => record,
            Compress::Gzip => {
                let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::fast());
                enc.write_all(&record)?;
                enc.finish()?
            }
            #[cfg(feature = "zstd")]
            Compress::Zstd => zstd::stream::encode_all(&record[..], 3)?,
        };
        self.out.write_all(&bytes)?;
        self.position += bytes.len() as u64;
        Ok(())
    }

    /// Writes an HTTP `response` record for `url` with the given HTTP headers and body.
    pub fn write_response(
        &mut self,
        url: &str,
        date: &str,
        http_headers: &[(&str, &str)],
        body: &[u8],
    ) -> io::Result<()> {
        let mut block = b"HTTP/1.1 200 OK\r\n".to_vec();
        for (name, value) in http_headers {
            block.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        block.extend_from_slice(b"\r\n");
        block.extend_from_slice(body);
        self.write_record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Target-URI", url),
                ("WARC-Date", date),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &block,
        )
    }

    /// Writes one HTTP exchange as a `request` record and a `response` record that name each
    /// other (`WARC-Concurrent-To`), with block and payload digests (SHA-1, base32). Returns
    /// the response record's id.
    pub fn write_exchange(&mut self, exchange: &Exchange<'_>) -> io::Result<String> {
        let request_id = record_id();
        let response_id = record_id();
        let mut fields = vec![
            ("WARC-Type", "request"),
            ("WARC-Record-ID", request_id.as_str()),
            ("WARC-Date", exchange.date),
            ("WARC-Target-URI", exchange.url),
            ("WARC-Concurrent-To", response_id.as_str()),
            ("Content-Type", "application/http;msgtype=request"),
        ];
        if let Some(ip) = exchange.ip {
            fields.push(("WARC-IP-Address", ip));
        }
        let request_digest = sha1_digest(&[exchange.request]);
        fields.push(("WARC-Block-Digest", &request_digest));
        self.write_record(&fields, exchange.request)?;

        let block_digest = sha1_digest(&[exchange.response_head, exchange.body]);
        let payload_digest = sha1_digest(&[exchange.body]);
        let mut fields = vec![
            ("WARC-Type", "response"),
            ("WARC-Record-ID", response_id.as_str()),
            ("WARC-Date", exchange.date),
            ("WARC-Target-URI", exchange.url),
            ("WARC-Concurrent-To", request_id.as_str()),
            ("Content-Type", "application/http;msgtype=response"),
            ("WARC-Block-Digest", &block_digest),
            ("WARC-Payload-Digest", &payload_digest),
        ];
        if let Some(ip) = exchange.ip {
            fields.push(("WARC-IP-Address", ip));
        }
        let mut block = Vec::with_capacity(exchange.response_head.len() + exchange.body.len());
        block.extend_from_slice(exchange.response_head);
        block.extend_from_slice(exchange.body);
        self.write_record(&fields, &block)?;
        Ok(response_id)
    }

    /// Writes a `warcinfo` record: `info`'s `name: value` lines (`application/warc-fields`)
    /// describe the records that follow it in `filename`. Returns its id.
    pub fn write_warcinfo(
        &mut self,
        date: &str,
        filename: &str,
        info: &[(&str, &str)],
    ) -> io::Result<String> {
        let id = record_id();
        let block: String = info
            .iter()
            .map(|(name, value)| format!("{name}: {value}\r\n"))
            .collect();
        let digest = sha1_digest(&[block.as_bytes()]);
        self.write_record(
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", &id),
                ("WARC-Date", date),
                ("WARC-Filename", filename),
                ("Content-Type", "application/warc-fields"),
                ("WARC-Block-Digest", &digest),
            ],
            block.as_bytes(),
        )?;
        Ok(id)
    }

    /// Pushes buffered records out, so the file is valid up to the last whole record.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// One HTTP exchange, as sent and received.
#[derive(Debug, Clone, Copy)]
pub struct Exchange<'a> {
    pub url: &'a str,
    /// When the request was sent (`YYYY-MM-DDThh:mm:ssZ`).
    pub date: &'a str,
    pub ip: Option<&'a str>,
    /// The request line and headers, ending in the blank line.
    pub request: &'a [u8],
    /// The status line and headers, ending in the blank line.
    pub response_head: &'a [u8],
    /// The body as it came over the wire (content coding kept).
    pub body: &'a [u8],
}

fn record_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}

/// `sha1:` and the base32 (RFC 4648) of the SHA-1 of the parts, as WARC digests are written.
fn sha1_digest(parts: &[&[u8]]) -> String {
    let mut hasher = sha1_smol::Sha1::new();
    for part in parts {
        hasher.update(part);
    }
    format!("sha1:{}", base32(&hasher.digest().bytes()))
}

fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    while out.len() % 8 != 0 {
        out.push('=');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_base32_sha1() {
        // The SHA-1 of the empty string, as warcio and wget write it.
        assert_eq!(sha1_digest(&[b""]), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI======");
    }

    #[test]
    fn warcinfo_is_warc_fields_about_the_file() {
        let mut w = WarcWriter::new(Vec::new(), Compress::None);
        w.write_warcinfo(
            "2026-12-05T07:00:00Z",
            "crawl.warc.gz",
            &[("software", "warta/0.1"), ("robots", "obey")],
        )
        .unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert!(
            text.starts_with("WARC/1.1\r\nWARC-Type: warcinfo\r\n"),
            "{text}"
        );
        assert!(text.contains("WARC-Filename: crawl.warc.gz\r\n"));
        assert!(text.contains("Content-Type: application/warc-fields\r\n"));
        let block = "software: warta/0.1\r\nrobots: obey\r\n";
        assert!(text.contains(&format!(
            "Content-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )));
    }

    #[test]
    fn an_exchange_is_a_request_and_a_response_that_name_each_other() {
        let mut w = WarcWriter::new(Vec::new(), Compress::None);
        let id = w
            .write_exchange(&Exchange {
                url: "https://news.example/a",
                date: "2026-12-04T10:00:00Z",
                ip: Some("127.0.0.1"),
                request: b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
                response_head: b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                body: b"<p>x</p>",
            })
            .unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(text.matches("WARC/1.1\r\n").count(), 2);
        assert!(text.contains("WARC-Type: request"));
        assert!(text.contains(&format!("WARC-Concurrent-To: {id}")));
        assert!(text.contains("Content-Type: application/http;msgtype=response"));
        assert!(text.contains("WARC-Payload-Digest: sha1:"));
    }
}
