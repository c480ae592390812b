//! `read_warc`: WARC and WET records as dicts, through `warta_corpus`'s reader (plain, gzip per
//! record, zstd). Nothing is skipped silently: a damaged stretch becomes an error record, and a
//! record that holds no page says why in `skip`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::Mutex;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use warta_corpus::input::record_item;
use warta_corpus::page::{http_page, Item, NotExtracted, Payload};
use warta_corpus::warc::{sniff, Entry, RecordLimits, WarcReader};

type Source = BufReader<Box<dyn Read + Send>>;

/// A Python file object opened in binary mode, read as a Rust stream.
struct PyFile(Py<PyAny>);

impl Read for PyFile {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        Python::attach(|py| {
            let chunk = self.0.bind(py).call_method1("read", (out.len(),))?;
            let chunk = chunk.cast::<PyBytes>()?.as_bytes();
            let n = chunk.len().min(out.len());
            out[..n].copy_from_slice(&chunk[..n]);
            Ok::<_, PyErr>(n)
        })
        .map_err(|e| io::Error::other(format!("reading the file object failed: {e}")))
    }
}

/// One record, read with the GIL released, turned into a dict afterwards.
#[derive(Default)]
struct Record {
    /// Where the record starts: its gzip member for `.warc.gz`, else its first byte.
    offset: u64,
    record_type: Option<String>,
    url: Option<String>,
    date: Option<String>,
    record_id: Option<String>,
    content_type: Option<String>,
    charset: Option<String>,
    /// How `extract` should read the body: "html" or "text" (WET conversions).
    read_as: Option<&'static str>,
    status: Option<u16>,
    http_headers: Option<Vec<(String, String)>>,
    body: Vec<u8>,
    warnings: Vec<String>,
    skip: Option<String>,
    error: Option<(String, String)>,
}

fn record(entry: Entry, file: &str) -> Record {
    let rec = match entry {
        Entry::Record(rec) => rec,
        Entry::Damaged { offset, message } => {
            return Record {
                offset,
                error: Some(("damaged-warc".into(), message)),
                ..Record::default()
            }
        }
    };
    let field = |name: &str| rec.field(name).map(str::to_string);
    let mut out = Record {
        offset: rec.offset,
        record_type: field("WARC-Type"),
        url: rec.target_uri().map(str::to_string),
        date: field("WARC-Date"),
        record_id: field("WARC-Record-ID"),
        content_type: field("Content-Type"),
        ..Record::default()
    };
    // The block is kept aside for records that hold no page: the caller still gets their bytes.
    let block = rec.block.clone();
    match record_item(Entry::Record(rec), file) {
        Item::Page(page) => {
            out.warnings = page.warnings;
            match page.payload {
                Payload::Document {
                    bytes,
                    charset,
                    kind,
                } => {
                    out.body = bytes;
                    out.charset = charset;
                    out.read_as = Some(match kind {
                        warta_core::InputKind::Text => "text",
                        _ => "html",
                    });
                }
                Payload::HttpResponse(block) => match http_page(&block) {
                    Ok(resp) => {
                        out.content_type = resp
                            .headers
                            .iter()
                            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
                            .map(|(_, value)| value.clone());
                        out.status = Some(resp.status);
                        out.charset = resp.charset;
                        out.http_headers = Some(resp.headers);
                        out.body = resp.body;
                        out.warnings.extend(resp.warnings);
                        out.read_as = Some("html");
                    }
                    Err(NotExtracted::Failed { kind, message }) => {
                        out.error = Some((kind.into(), message));
                        out.body = block;
                    }
                    Err(NotExtracted::Skipped(reason)) => {
                        out.skip = Some(reason);
                        out.body = block;
                    }
                },
                Payload::Fetch => out.skip = Some("nothing to fetch in a WARC".into()),
            }
            if out.skip.is_none()
                && out.error.is_none()
                && out.body.iter().all(u8::is_ascii_whitespace)
            {
                out.skip = Some("empty body".into());
            }
        }
        Item::Skipped(reason) => {
            out.skip = Some(reason);
            out.body = block;
        }
        Item::Failed(article) => {
            out.error = article.error.map(|e| (e.kind, e.message));
            out.body = block;
        }
    }
    out
}

impl Record {
    fn into_dict<'py>(self, py: Python<'py>, file: &str) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("input", format!("warc:{file}#{}", self.offset))?;
        d.set_item("offset", self.offset)?;
        d.set_item("type", self.record_type)?;
        d.set_item("url", self.url)?;
        d.set_item("date", self.date)?;
        d.set_item("record_id", self.record_id)?;
        d.set_item("content_type", self.content_type)?;
        d.set_item("charset", self.charset)?;
        d.set_item("read_as", self.read_as)?;
        d.set_item("status", self.status)?;
        match self.http_headers {
            Some(fields) => {
                let headers = PyDict::new(py);
                // Repeated fields are joined with ", ", as HTTP allows.
                for (name, value) in fields {
                    let joined = match headers.get_item(&name)? {
                        Some(prior) => format!("{}, {value}", prior.extract::<String>()?),
                        None => value,
                    };
                    headers.set_item(name, joined)?;
                }
                d.set_item("http_headers", headers)?;
            }
            None => d.set_item("http_headers", py.None())?,
        }
        d.set_item("body", PyBytes::new(py, &self.body))?;
        d.set_item("warnings", self.warnings)?;
        d.set_item("skip", self.skip)?;
        match self.error {
            Some((kind, message)) => {
                let e = PyDict::new(py);
                e.set_item("kind", kind)?;
                e.set_item("message", message)?;
                d.set_item("error", e)?;
            }
            None => d.set_item("error", py.None())?,
        }
        Ok(d)
    }
}

/// The records of one WARC or WET file, as dicts (see `read_warc`).
#[pyclass(module = "warta")]
pub struct WarcRecords {
    reader: Mutex<Option<WarcReader<Source>>>,
    /// The file's name in each record's `input` (`warc:NAME#OFFSET`, as `warta batch` writes).
    name: String,
}

#[pymethods]
impl WarcRecords {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let name = self.name.as_str();
        let next = py.detach(|| {
            let mut guard = self.reader.lock().unwrap_or_else(|e| e.into_inner());
            let reader = guard.as_mut()?;
            let next = warta_core::catch_panic(|| reader.next().map(|entry| record(entry, name)));
            match next {
                Ok(Some(rec)) => Some(Ok(rec)),
                Ok(None) => {
                    *guard = None;
                    None
                }
                Err(panic) => {
                    *guard = None;
                    Some(Err(panic))
                }
            }
        });
        match next {
            None => Ok(None),
            Some(Ok(rec)) => rec.into_dict(py, name).map(Some),
            Some(Err(panic)) => Err(crate::Panicked::new_err(panic.to_string())),
        }
    }
}

/// Reads a WARC or WET file (a path, or a binary file object) and yields its records as dicts:
/// `url`, `date`, `record_id`, `type`, `content_type`, `charset`, `status` and `http_headers`
/// (for HTTP responses), `body` (bytes: the HTTP body with its codings undone, else the block),
/// `read_as` ("html" or "text": pass it to `extract` as `input`), `offset`, `input`,
/// `warnings`, `skip` (why the record holds no page, or None) and `error` (a damaged stretch or
/// a broken response: `{"kind", "message"}`, or None). Plain, gzip-per-record and zstd files.
///
/// Raises OSError when the file cannot be opened, ValueError when it is not a WARC stream.
#[pyfunction]
pub fn read_warc(py: Python<'_>, path_or_file: &Bound<'_, PyAny>) -> PyResult<WarcRecords> {
    let (source, name): (Box<dyn Read + Send>, String) = if path_or_file.hasattr("read")? {
        let name = path_or_file
            .getattr("name")
            .and_then(|n| n.str()?.extract::<String>())
            .unwrap_or_else(|_| "-".into());
        (Box::new(PyFile(path_or_file.clone().unbind())), name)
    } else {
        let path: std::path::PathBuf = path_or_file.extract()?;
        let file = File::open(&path)
            .map_err(|e| PyOSError::new_err(format!("cannot open {}: {e}", path.display())))?;
        (Box::new(file), path.display().to_string())
    };
    let mut source: Source = BufReader::with_capacity(256 * 1024, source);
    let compression = py
        .detach(|| source.fill_buf().map(sniff))
        .map_err(|e| PyOSError::new_err(format!("cannot read {name}: {e}")))?
        .ok_or_else(|| PyValueError::new_err(format!("{name} is not a WARC or WET file")))?;
    let reader = WarcReader::new(source, compression, RecordLimits::default())
        .map_err(|e| PyValueError::new_err(format!("cannot read {name}: {e}")))?;
    Ok(WarcRecords {
        reader: Mutex::new(Some(reader)),
        name,
    })
}
