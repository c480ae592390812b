//! Inputs: files, directories, globs, JSONL manifests and WARC/WET files, read one item at a time
//! in a fixed order (so the output order never depends on timing).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Deserialize;
use warta_core::InputKind;

use crate::record::Record;

use crate::http::split_content_type;
use crate::page::{Item, Page, Payload};
use crate::warc::{self, Entry, RawRecord, RecordLimits, WarcReader};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file (HTML, `.gz` HTML, WARC, WET) or a directory to walk.
    Path(PathBuf),
    /// A JSONL manifest: one `{"id": ..., "path": ..., "url": ...}` per line.
    Manifest(PathBuf),
    /// A page to fetch.
    Url(String),
    /// A file of URLs to fetch, one per line (blank lines and `#` comments aside).
    UrlList(PathBuf),
    /// One page (HTML, `.gz` HTML or flattened text) on standard input.
    Stdin,
}

/// Turns command-line arguments into sources: `http(s)://` URLs to fetch, existing paths as
/// they are, `*.jsonl` as manifests, anything else as a glob pattern that must match.
pub fn expand(args: &[String]) -> Result<Vec<Source>, String> {
    let mut sources = Vec::new();
    for arg in args {
        if is_url(arg) {
            sources.push(Source::Url(arg.clone()));
            continue;
        }
        let path = PathBuf::from(arg);
        if path.exists() {
            sources.push(classify(path));
            continue;
        }
        if !arg.contains(['*', '?', '[']) {
            return Err(format!("{arg}: no such file or directory"));
        }
        let matches = glob::glob(arg).map_err(|e| format!("{arg}: bad pattern: {e}"))?;
        let mut found: Vec<PathBuf> = matches.filter_map(Result::ok).collect();
        if found.is_empty() {
            return Err(format!("{arg}: the pattern matches nothing"));
        }
        found.sort();
        sources.extend(found.into_iter().map(classify));
    }
    Ok(sources)
}

fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn url_page(url: &str) -> Item {
    Item::Page(Page {
        id: None,
        input: url.to_string(),
        url: Some(url.to_string()),
        fetched: None,
        payload: Payload::Fetch,
        warnings: Vec::new(),
    })
}

/// A page read from a file of its own (named on the command line or by a manifest).
fn file_page(
    id: Option<String>,
    path: &Path,
    url: Option<String>,
    bytes: Vec<u8>,
    warnings: Vec<String>,
) -> Item {
    Item::Page(Page {
        id,
        input: path.display().to_string(),
        url,
        fetched: None,
        payload: Payload::Document {
            bytes,
            charset: None,
            kind: InputKind::Auto,
        },
        warnings,
    })
}

fn classify(path: PathBuf) -> Source {
    if path.is_file() && path.extension().is_some_and(|e| e == "jsonl") {
        Source::Manifest(path)
    } else {
        Source::Path(path)
    }
}

/// Total size of the plain files among `sources` (directories are not walked for this), for a
/// progress bar's ETA. `None` when a directory makes the total unknown.
pub fn known_size(sources: &[Source]) -> Option<u64> {
    sources.iter().try_fold(0u64, |sum, s| match s {
        Source::Path(p) if p.is_file() => Some(sum + p.metadata().ok()?.len()),
        _ => None,
    })
}

/// Caps on what one input may cost.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    pub record: RecordLimits,
    /// A single HTML file is read up to this size (the rest is dropped, with a warning); a
    /// gzipped one is inflated up to this size, so a small bomb cannot take the memory.
    pub max_file_bytes: u64,
    /// Directories nested deeper than this are not walked (guards against link loops).
    pub max_depth: usize,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            record: RecordLimits::default(),
            // The extractor reads no more than this of a page anyway.
            max_file_bytes: warta_core::Limits::default().max_input_bytes as u64,
            max_depth: 64,
        }
    }
}

/// Reads sources in order and hands each item to `sink`, which may stop the walk.
pub struct Reader<'a> {
    pub limits: ReadLimits,
    /// Input bytes consumed so far (compressed size for compressed files), for progress.
    pub bytes_read: &'a AtomicU64,
}

type Sink<'s> = dyn FnMut(Item) -> ControlFlow<()> + 's;

impl Reader<'_> {
    pub fn visit(&self, sources: &[Source], sink: &mut Sink<'_>) -> ControlFlow<()> {
        for source in sources {
            match source {
                Source::Path(p) if p.is_dir() => self.visit_dir(p, 0, sink)?,
                Source::Path(p) => self.visit_file(p, sink)?,
                Source::Manifest(m) => self.visit_manifest(m, sink)?,
                Source::Url(u) => sink(url_page(u))?,
                Source::UrlList(list) => self.visit_url_list(list, sink)?,
                Source::Stdin => self.visit_stdin(sink)?,
            }
        }
        ControlFlow::Continue(())
    }

    fn visit_dir(&self, dir: &Path, depth: usize, sink: &mut Sink<'_>) -> ControlFlow<()> {
        if depth > self.limits.max_depth {
            return sink(Item::Skipped("directory nested too deep".into()));
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => return sink(read_failure(dir, &e)),
        };
        entries.sort();
        for path in entries {
            if path.is_dir() {
                self.visit_dir(&path, depth + 1, sink)?;
            } else if is_page_or_archive_name(&path) {
                self.visit_file(&path, sink)?;
            } else {
                sink(Item::Skipped("file type not read in directories".into()))?;
            }
        }
        ControlFlow::Continue(())
    }

    fn visit_file(&self, path: &Path, sink: &mut Sink<'_>) -> ControlFlow<()> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => return sink(read_failure(path, &e)),
        };
        let mut src = BufReader::with_capacity(256 * 1024, file);
        let compression = match src.fill_buf() {
            Ok(head) => warc::sniff(head),
            Err(e) => return sink(read_failure(path, &e)),
        };
        match compression {
            Some(c) => self.visit_warc(path, src, c, sink),
            None if src.fill_buf().is_ok_and(is_arc) => {
                sink(Item::Failed(Box::new(Record::failed(
                    None,
                    Some(path.display().to_string()),
                    "unsupported",
                    "ARC files (the format before WARC) are not read".into(),
                ))))
            }
            None => {
                let item = match read_page_file(src, self.limits.max_file_bytes) {
                    Ok((bytes, warnings)) => {
                        self.bytes_read.fetch_add(file_len(path), Ordering::Relaxed);
                        file_page(None, path, None, bytes, warnings)
                    }
                    Err(e) => read_failure(path, &e),
                };
                sink(item)
            }
        }
    }

    fn visit_stdin(&self, sink: &mut Sink<'_>) -> ControlFlow<()> {
        let stdin = Path::new("-");
        let item = match read_page_file(io::stdin().lock(), self.limits.max_file_bytes) {
            Ok((bytes, warnings)) => file_page(None, stdin, None, bytes, warnings),
            Err(e) => read_failure(stdin, &e),
        };
        sink(item)
    }

    fn visit_warc(
        &self,
        path: &Path,
        src: BufReader<File>,
        compression: warc::Compression,
        sink: &mut Sink<'_>,
    ) -> ControlFlow<()> {
        let name = path.display().to_string();
        let mut reader = match WarcReader::new(src, compression, self.limits.record) {
            Ok(r) => r,
            Err(e) => return sink(read_failure(path, &e)),
        };
        let mut counted = 0;
        while let Some(entry) = reader.next() {
            let position = reader.position();
            self.bytes_read
                .fetch_add(position.saturating_sub(counted), Ordering::Relaxed);
            counted = counted.max(position);
            sink(record_item(entry, &name))?;
        }
        ControlFlow::Continue(())
    }

    fn visit_url_list(&self, list: &Path, sink: &mut Sink<'_>) -> ControlFlow<()> {
        let file = match File::open(list) {
            Ok(f) => f,
            Err(e) => return sink(read_failure(list, &e)),
        };
        for (n, line) in BufReader::new(file).lines().enumerate() {
            let line = match line {
                Ok(l) => l,
                Err(e) => return sink(read_failure(list, &e)),
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let item = if is_url(line) {
                url_page(line)
            } else {
                Item::Failed(Box::new(Record::failed(
                    None,
                    Some(format!("{}:{}", list.display(), n + 1)),
                    "fetch",
                    format!("not an http(s) URL: {line:?}"),
                )))
            };
            sink(item)?;
        }
        ControlFlow::Continue(())
    }

    fn visit_manifest(&self, manifest: &Path, sink: &mut Sink<'_>) -> ControlFlow<()> {
        let file = match File::open(manifest) {
            Ok(f) => f,
            Err(e) => return sink(read_failure(manifest, &e)),
        };
        let dir = manifest.parent().unwrap_or(Path::new("."));
        for (n, line) in BufReader::new(file).lines().enumerate() {
            let input = format!("{}:{}", manifest.display(), n + 1);
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    return sink(Item::Failed(Box::new(Record::failed(
                        None,
                        Some(input),
                        "read",
                        e.to_string(),
                    ))));
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let entry: ManifestLine = match serde_json::from_str(&line) {
                Ok(e) => e,
                Err(e) => {
                    sink(Item::Failed(Box::new(Record::failed(
                        None,
                        Some(input),
                        "manifest",
                        format!("bad manifest line: {e}"),
                    ))))?;
                    continue;
                }
            };
            let path = dir.join(&entry.path);
            let id = entry.id.map(|v| match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            });
            let opened = File::open(&path)
                .and_then(|f| read_page_file(BufReader::new(f), self.limits.max_file_bytes));
            let item = match opened {
                Ok((bytes, warnings)) => file_page(id, &path, entry.url, bytes, warnings),
                Err(e) => {
                    let mut a = Record::failed(
                        id,
                        Some(path.display().to_string()),
                        "read",
                        format!("cannot read {}: {e}", path.display()),
                    );
                    a.article.url = entry.url;
                    Item::Failed(Box::new(a))
                }
            };
            sink(item)?;
        }
        ControlFlow::Continue(())
    }
}

#[derive(Deserialize)]
struct ManifestLine {
    id: Option<serde_json::Value>,
    path: PathBuf,
    url: Option<String>,
}

fn file_len(path: &Path) -> u64 {
    path.metadata().map_or(0, |m| m.len())
}

fn read_failure(path: &Path, e: &io::Error) -> Item {
    Item::Failed(Box::new(Record::failed(
        None,
        Some(path.display().to_string()),
        "read",
        format!("cannot read {}: {e}", path.display()),
    )))
}

/// An ARC file (plain or gzip) starts with its `filedesc://` version block.
fn is_arc(head: &[u8]) -> bool {
    const MARK: &[u8] = b"filedesc://";
    if head.starts_with(&[0x1f, 0x8b]) {
        let mut start = [0u8; MARK.len()];
        let mut dec = flate2::read::GzDecoder::new(head);
        return dec.read_exact(&mut start).is_ok() && start == MARK;
    }
    head.starts_with(MARK)
}

/// Names a directory walk reads: HTML pages and WARC/WET files, gzip- or zstd-compressed.
fn is_page_or_archive_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(&name);
    [".html", ".htm", ".xhtml", ".shtml", ".warc", ".wet"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// A page file, gunzipped when it is gzip, cut at `max` bytes.
fn read_page_file<R: BufRead>(mut src: R, max: u64) -> io::Result<(Vec<u8>, Vec<String>)> {
    let gz = src.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let mut bytes = Vec::new();
    if gz {
        flate2::bufread::MultiGzDecoder::new(src)
            .take(max + 1)
            .read_to_end(&mut bytes)?;
    } else {
        src.take(max + 1).read_to_end(&mut bytes)?;
    }
    let mut warnings = Vec::new();
    if bytes.len() as u64 > max {
        bytes.truncate(max as usize);
        warnings.push(format!("file cut to {max} bytes"));
    }
    Ok((bytes, warnings))
}

/// Turns a WARC entry into work: pages from `response`, `resource` and WET `conversion`
/// records; every other record type is a counted skip.
pub fn record_item(entry: Entry, file: &str) -> Item {
    let rec = match entry {
        Entry::Record(r) => r,
        Entry::Damaged { offset, message } => {
            return Item::Failed(Box::new(Record::failed(
                None,
                Some(format!("warc:{file}#{offset}")),
                "damaged-warc",
                message,
            )))
        }
    };
    let record_type = rec.record_type().unwrap_or("untyped").to_ascii_lowercase();
    let (mime, charset) = rec
        .field("Content-Type")
        .map(split_content_type)
        .unwrap_or_default();
    // `None` for an HTTP response; else the document's charset and how to read it.
    let document: Option<(Option<String>, InputKind)> = match record_type.as_str() {
        "response" => match mime.as_deref() {
            None | Some("application/http") => None,
            Some(_) => return Item::Skipped("response record that is not HTTP".into()),
        },
        "resource" => match mime.as_deref() {
            Some("text/html" | "application/xhtml+xml") => Some((charset, InputKind::Html)),
            _ => return Item::Skipped("resource record that is not HTML".into()),
        },
        "conversion" => Some((charset.or_else(|| Some("utf-8".into())), InputKind::Text)),
        "warcinfo" | "request" | "metadata" | "revisit" | "continuation" => {
            return Item::Skipped(format!("{record_type} record"))
        }
        _ => return Item::Skipped("record of unknown type".into()),
    };
    let warnings = record_warnings(&rec);
    let id = rec.field("WARC-Record-ID").map(str::to_string);
    let url = rec.target_uri().map(str::to_string);
    let fetched = rec.field("WARC-Date").map(str::to_string);
    let input = format!("warc:{file}#{}", rec.offset);
    let payload = match document {
        None => Payload::HttpResponse(rec.block),
        Some((charset, kind)) => Payload::Document {
            bytes: rec.block,
            charset,
            kind,
        },
    };
    Item::Page(Page {
        id,
        input,
        url,
        fetched,
        payload,
        warnings,
    })
}

fn record_warnings(rec: &RawRecord) -> Vec<String> {
    let mut warnings = Vec::new();
    if let Some(reason) = rec.field("WARC-Truncated") {
        warnings.push(format!(
            "the crawler truncated this record (WARC-Truncated: {reason})"
        ));
    }
    if let Some(why) = &rec.cut_short {
        warnings.push(format!("record cut short: {why}"));
    } else if let Some(len) = rec
        .field("Content-Length")
        .and_then(|v| v.parse::<u64>().ok())
    {
        if len > rec.block.len() as u64 {
            warnings.push(format!("record block cut to {} bytes", rec.block.len()));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn arc_files_are_recognised_plain_or_gzipped() {
        let arc = b"filedesc://crawl.arc 0.0.0.0 20040101000000 text/plain 76\n";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(arc).unwrap();
        assert!(is_arc(arc));
        assert!(is_arc(&gz.finish().unwrap()));
        assert!(!is_arc(b"<html>"));
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("HTTPS://news.example/a"));
        assert!(is_url("http://x"));
        assert!(!is_url("httpdocs/index.html"));
    }
}
