//! A small WARC writer: enough to build test streams and the benchmark file, one gzip member
//! (or zstd frame) per record as the standard recommends.

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

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}
