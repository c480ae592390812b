//! WARC 1.0/1.1 streams: plain, gzip-per-record (`.warc.gz`) and zstd (`.warc.zst`).
//!
//! The reader yields records one at a time and never holds more than one record in memory. A
//! damaged stretch does not end the stream: a corrupt gzip member is reported and the reader
//! scans to the next member; garbage in a plain WARC is reported and skipped up to the next
//! version line.

mod record;
mod replay;
pub mod writer;

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;

pub use record::{read_record, RawRecord, RecordLimits};
use replay::Replay;

/// What the stream gives: a record, or a stretch of the stream that could not be read.
#[derive(Debug)]
pub enum Entry {
    Record(RawRecord),
    Damaged { offset: u64, message: String },
}

/// The compression a WARC file uses, told from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];
/// The WARC zstd convention puts the dictionary in a skippable frame with this magic.
const ZSTD_DICTIONARY_FRAME: [u8; 4] = [0x5d, 0x2a, 0x4d, 0x18];

/// Tells whether `head` (the first bytes of a file) starts a WARC stream, and how it is
/// compressed. `None` when it is not WARC.
pub fn sniff(head: &[u8]) -> Option<Compression> {
    if head.starts_with(b"WARC/") {
        return Some(Compression::None);
    }
    if head.starts_with(&GZIP_MAGIC) {
        let mut start = [0u8; 5];
        let mut dec = flate2::read::GzDecoder::new(head);
        return (dec.read_exact(&mut start).is_ok() && &start == b"WARC/")
            .then_some(Compression::Gzip);
    }
    if head.starts_with(&ZSTD_MAGIC) || head.starts_with(&ZSTD_DICTIONARY_FRAME) {
        return Some(Compression::Zstd);
    }
    None
}

pub struct WarcReader<R: BufRead> {
    state: State<R>,
    limits: RecordLimits,
}

enum State<R: BufRead> {
    Plain(Replay<R>),
    /// Between gzip members.
    Members(Replay<R>),
    /// Inside the gzip member that starts at `start`.
    Member {
        decoder: Box<BufReader<GzDecoder<Replay<R>>>>,
        start: u64,
    },
    #[cfg(feature = "zstd")]
    Zstd(Box<BufReader<zstd::stream::read::Decoder<'static, Counting<R>>>>),
    Done,
}

impl<R: BufRead> WarcReader<R> {
    pub fn new(src: R, compression: Compression, limits: RecordLimits) -> io::Result<Self> {
        let state = match compression {
            Compression::None => State::Plain(Replay::new(src)),
            Compression::Gzip => State::Members(Replay::new(src)),
            Compression::Zstd => zstd_state(src)?,
        };
        Ok(WarcReader { state, limits })
    }

    /// Bytes of the (compressed) input consumed so far.
    pub fn position(&self) -> u64 {
        match &self.state {
            State::Plain(r) => r.position(),
            State::Members(r) => r.position(),
            State::Member { decoder, .. } => decoder.get_ref().get_ref().position(),
            #[cfg(feature = "zstd")]
            State::Zstd(d) => d.get_ref().get_ref().position,
            State::Done => 0,
        }
    }

    fn next_plain(&mut self, mut src: Replay<R>) -> Option<Entry> {
        let start = src.position();
        match read_record(&mut src, &self.limits) {
            Ok(Some(mut rec)) => {
                rec.offset = start;
                // A cut-short block means the stream ended or failed: nothing follows.
                if rec.cut_short.is_none() {
                    self.state = State::Plain(src);
                }
                Some(Entry::Record(rec))
            }
            Ok(None) => None,
            Err(e) => {
                let message = e.to_string();
                if e.kind() == io::ErrorKind::InvalidData && skip_to_version_line(&mut src).is_ok()
                {
                    self.state = State::Plain(src);
                }
                Some(Entry::Damaged {
                    offset: start,
                    message,
                })
            }
        }
    }

    fn next_member_entry(&mut self, mut src: Replay<R>) -> Option<Entry> {
        let offset = src.position();
        let head = match src.peek(3) {
            Ok(h) => h,
            Err(e) => return Some(damaged(offset, format!("read error: {e}"))),
        };
        if head.is_empty() {
            return None;
        }
        if !head.starts_with(&[0x1f, 0x8b, 0x08]) {
            let skipped = src.skip_to_gzip_magic();
            self.state = State::Members(src);
            return Some(damaged(
                offset,
                match skipped {
                    Ok(n) => format!("{n} bytes that are not a gzip member were skipped"),
                    Err(e) => format!("read error: {e}"),
                },
            ));
        }
        src.start_recording();
        self.state = State::Member {
            decoder: Box::new(BufReader::with_capacity(64 * 1024, GzDecoder::new(src))),
            start: offset,
        };
        self.next()
    }

    fn next_in_member(
        &mut self,
        mut decoder: Box<BufReader<GzDecoder<Replay<R>>>>,
        start: u64,
    ) -> Option<Entry> {
        match read_record(&mut *decoder, &self.limits) {
            Ok(Some(mut rec)) => {
                rec.offset = start;
                if rec.cut_short.is_some() {
                    // The member broke inside this record: keep what was read, then look for
                    // the next member after this one's start.
                    let mut src = decoder.into_inner().into_inner();
                    // The record carries the damage as a warning; the skip needs no report.
                    let _ = resync(&mut src);
                    self.state = State::Members(src);
                } else {
                    self.state = State::Member { decoder, start };
                }
                Some(Entry::Record(rec))
            }
            Ok(None) => {
                let mut src = decoder.into_inner().into_inner();
                src.stop_recording();
                self.state = State::Members(src);
                self.next()
            }
            Err(e) => {
                let mut src = decoder.into_inner().into_inner();
                let message = match resync(&mut src) {
                    Ok(skipped) => format!(
                        "corrupt gzip member: {e}; {skipped} bytes skipped to the next member"
                    ),
                    Err(read) => format!("corrupt gzip member: {e}; then a read error: {read}"),
                };
                self.state = State::Members(src);
                Some(damaged(start, message))
            }
        }
    }
}

/// After a broken member: back to just past its first byte (when it was small enough to keep),
/// then on to the next gzip header. Returns the bytes skipped past the broken member's start.
fn resync<R: BufRead>(src: &mut Replay<R>) -> io::Result<u64> {
    let rewound = src.rewind();
    if !rewound {
        src.stop_recording();
    }
    let skipped = src.skip_to_gzip_magic()?;
    Ok(skipped + u64::from(rewound))
}

fn damaged(offset: u64, message: String) -> Entry {
    Entry::Damaged { offset, message }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Plain(src) => self.next_plain(src),
            State::Members(src) => self.next_member_entry(src),
            State::Member { decoder, start } => self.next_in_member(decoder, start),
            #[cfg(feature = "zstd")]
            State::Zstd(mut decoder) => {
                let offset = decoder.get_ref().get_ref().position;
                match read_record(&mut *decoder, &self.limits) {
                    Ok(Some(mut rec)) => {
                        rec.offset = offset;
                        if rec.cut_short.is_none() {
                            self.state = State::Zstd(decoder);
                        }
                        Some(Entry::Record(rec))
                    }
                    Ok(None) => None,
                    Err(e) => Some(damaged(offset, format!("unreadable zstd WARC: {e}"))),
                }
            }
            State::Done => None,
        }
    }
}

/// Skips to the next line that starts a WARC record, leaving that line unread. Called at the
/// start of a line.
fn skip_to_version_line<R: BufRead>(src: &mut Replay<R>) -> io::Result<()> {
    const AT_LINE_START: &[u8] = b"\nWARC/";
    loop {
        let buf = src.peek(AT_LINE_START.len())?;
        if buf.len() < AT_LINE_START.len() {
            let n = buf.len();
            src.consume(n);
            return Ok(());
        }
        if buf.starts_with(&AT_LINE_START[1..]) {
            return Ok(());
        }
        let step = match buf
            .windows(AT_LINE_START.len())
            .position(|w| w == AT_LINE_START)
        {
            Some(i) => i + 1,
            // Keep a tail that may be the start of a version line cut by the buffer edge.
            None => (buf.len() + 1).saturating_sub(AT_LINE_START.len()).max(1),
        };
        src.consume(step);
    }
}

#[cfg(feature = "zstd")]
fn zstd_state<R: BufRead>(src: R) -> io::Result<State<R>> {
    let mut src = Counting::new(src);
    let dictionary = read_zstd_dictionary(&mut src)?;
    let decoder = match dictionary {
        Some(dict) => zstd::stream::read::Decoder::with_dictionary(src, &dict)?,
        None => zstd::stream::read::Decoder::with_buffer(src)?,
    };
    Ok(State::Zstd(Box::new(BufReader::with_capacity(
        64 * 1024,
        decoder,
    ))))
}

#[cfg(not(feature = "zstd"))]
fn zstd_state<R: BufRead>(_src: R) -> io::Result<State<R>> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "zstd WARC support was not built in (cargo feature `zstd`)",
    ))
}

/// The dictionary a `.warc.zst` file carries in its leading skippable frame (itself possibly
/// zstd-compressed), per the WARC zstd convention.
#[cfg(feature = "zstd")]
fn read_zstd_dictionary<R: BufRead>(src: &mut Counting<R>) -> io::Result<Option<Vec<u8>>> {
    if !src.fill_buf()?.starts_with(&ZSTD_DICTIONARY_FRAME) {
        return Ok(None);
    }
    let mut header = [0u8; 8];
    src.read_exact(&mut header)?;
    let size = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as u64;
    if size > 64 * 1024 * 1024 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "zstd dictionary frame too large",
        ));
    }
    let mut dict = Vec::new();
    src.by_ref().take(size).read_to_end(&mut dict)?;
    if dict.starts_with(&ZSTD_MAGIC) {
        let mut plain = Vec::new();
        zstd::stream::read::Decoder::new(&dict[..])?
            .take(64 * 1024 * 1024)
            .read_to_end(&mut plain)?;
        dict = plain;
    }
    Ok(Some(dict))
}

/// A `BufRead` that counts the bytes consumed through it.
#[cfg(feature = "zstd")]
struct Counting<R> {
    inner: R,
    position: u64,
}

#[cfg(feature = "zstd")]
impl<R> Counting<R> {
    fn new(inner: R) -> Self {
        Counting { inner, position: 0 }
    }
}

#[cfg(feature = "zstd")]
impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        self.position += n as u64;
        Ok(n)
    }
}

#[cfg(feature = "zstd")]
impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.position += amt as u64;
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use super::writer::{Compress, WarcWriter};
    use super::*;

    fn records(bytes: &[u8]) -> Vec<Entry> {
        let compression = sniff(bytes).expect("a WARC stream");
        WarcReader::new(
            io::BufReader::with_capacity(7, bytes),
            compression,
            RecordLimits::default(),
        )
        .unwrap()
        .collect()
    }

    fn bodies(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| match e {
                Entry::Record(r) => String::from_utf8_lossy(&r.block).into_owned(),
                Entry::Damaged { .. } => "<damaged>".into(),
            })
            .collect()
    }

    fn three(compress: Compress) -> (Vec<u8>, Vec<u64>) {
        let mut w = WarcWriter::new(Vec::new(), compress);
        let mut offsets = Vec::new();
        for body in ["one", "two", "three"] {
            offsets.push(w.position());
            w.write_record(&[("WARC-Type", "resource")], body.as_bytes())
                .unwrap();
        }
        (w.finish().unwrap(), offsets)
    }

    #[test]
    fn plain_and_gzip_streams_read_alike() {
        for compress in [Compress::None, Compress::Gzip] {
            let (bytes, offsets) = three(compress);
            let entries = records(&bytes);
            assert_eq!(bodies(&entries), ["one", "two", "three"]);
            let got: Vec<u64> = entries
                .iter()
                .filter_map(|e| match e {
                    Entry::Record(r) => Some(r.offset),
                    Entry::Damaged { .. } => None,
                })
                .collect();
            assert_eq!(got, offsets);
        }
    }

    #[test]
    fn a_file_gzipped_whole_reads_like_one_member_per_record() {
        let (plain, _) = three(Compress::None);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &plain).unwrap();
        let bytes = gz.finish().unwrap();
        assert_eq!(bodies(&records(&bytes)), ["one", "two", "three"]);
    }

    #[test]
    fn a_corrupt_member_is_reported_and_the_next_ones_read() {
        let (mut bytes, offsets) = three(Compress::Gzip);
        // Smash the deflate data of the middle member.
        let middle = offsets[1] as usize;
        for b in &mut bytes[middle + 12..offsets[2] as usize - 8] {
            *b = 0xff;
        }
        let entries = records(&bytes);
        let text = bodies(&entries);
        assert_eq!(text.first().map(String::as_str), Some("one"));
        assert_eq!(text.last().map(String::as_str), Some("three"));
        assert!(text.contains(&"<damaged>".to_string()));
        assert!(!text.contains(&"two".to_string()));
    }

    #[test]
    fn a_truncated_gzip_file_keeps_what_was_read() {
        let (bytes, _) = three(Compress::Gzip);
        let entries = records(&bytes[..bytes.len() - 10]);
        let text = bodies(&entries);
        assert_eq!(&text[..2], ["one", "two"]);
        // The last member is either cut short or reported damaged, never silently dropped.
        assert!(text.len() >= 3, "{text:?}");
    }

    #[test]
    fn garbage_between_plain_records_is_skipped() {
        let (bytes, offsets) = three(Compress::None);
        let mut damaged = bytes[..offsets[1] as usize].to_vec();
        damaged.extend_from_slice(b"junk line\r\nmore junk\r\n");
        damaged.extend_from_slice(&bytes[offsets[1] as usize..]);
        assert_eq!(
            bodies(&records(&damaged)),
            ["one", "<damaged>", "two", "three"]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Damage anywhere never panics or hangs, and the records before it are still read.
        #[test]
        fn damaged_streams_end_and_keep_what_precedes_the_damage(
            gzip in proptest::bool::ANY,
            flips in proptest::collection::vec((0usize..100_000, 0u8..=255), 1..8),
            cut in proptest::option::of(0usize..100_000),
        ) {
            let (mut bytes, offsets) = three(if gzip { Compress::Gzip } else { Compress::None });
            let first_damage = flips.iter().map(|(at, _)| at % bytes.len()).min().unwrap_or(0);
            for (at, value) in &flips {
                let len = bytes.len();
                bytes[at % len] ^= value | 1;
            }
            if let Some(cut) = cut {
                bytes.truncate(cut % (bytes.len() + 1));
            }
            let entries: Vec<Entry> =
                WarcReader::new(io::BufReader::with_capacity(7, &bytes[..]), if gzip { Compression::Gzip } else { Compression::None }, RecordLimits::default())
                    .unwrap()
                    .take(1000)
                    .collect();
            proptest::prop_assert!(entries.len() < 1000);
            let intact = offsets.iter().filter(|&&o| {
                let end = offsets.iter().find(|&&n| n > o).copied().unwrap_or(u64::MAX);
                end as usize <= first_damage.min(cut.map_or(usize::MAX, |c| c % (bytes.len() + 1)))
            }).count();
            let text = bodies(&entries);
            for (i, want) in ["one", "two", "three"].iter().enumerate().take(intact) {
                proptest::prop_assert_eq!(text.get(i).map(String::as_str), Some(*want));
            }
        }
    }

    #[cfg(feature = "zstd")]
    #[test]
    fn zstd_with_a_dictionary_frame_reads() {
        let dictionary = b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: ".repeat(8);
        let mut file = ZSTD_DICTIONARY_FRAME.to_vec();
        file.extend_from_slice(&(dictionary.len() as u32).to_le_bytes());
        file.extend_from_slice(&dictionary);
        let mut compressor = zstd::bulk::Compressor::with_dictionary(3, &dictionary).unwrap();
        for body in ["one", "two"] {
            let record = format!(
                "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
                body.len()
            );
            file.extend_from_slice(&compressor.compress(record.as_bytes()).unwrap());
        }
        assert_eq!(sniff(&file), Some(Compression::Zstd));
        assert_eq!(bodies(&records(&file)), ["one", "two"]);
    }

    #[cfg(feature = "zstd")]
    #[test]
    fn zstd_frames_read() {
        let (bytes, _) = three(Compress::Zstd);
        assert_eq!(sniff(&bytes), Some(Compression::Zstd));
        assert_eq!(bodies(&records(&bytes)), ["one", "two", "three"]);
    }
}
