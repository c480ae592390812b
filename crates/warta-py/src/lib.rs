//! `warta._native`: the Python binding. A thin layer: options and pages in, `warta_core::extract`
//! and `warta_core::render` out, WARC records through `warta_corpus`'s reader. No extraction
//! logic lives here. The `warta` package (python/warta) re-exports these names and adds the
//! engine steps (datatrove, Spark, Ray).
//!
//! The GIL is released while pages are extracted, so Python threads scale; `extract_many` runs
//! on Rust threads. Every panic is caught by `warta_core::catch_panic` and becomes an exception
//! (or an error record in a batch), never a crash of the interpreter.

mod warc;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString, PyTuple};
use rayon::prelude::*;
use warta_core::{Article, Error, Focus, Format, InputKind, InvalidOption, Options};
use warta_corpus::Record;

/// Parsing makes many small allocations per page; the CLI uses mimalloc for the same reason, and
/// the binding must not be slower than the Rust call it wraps.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    warta,
    WartaError,
    PyException,
    "The base of warta's own exceptions."
);
create_exception!(warta, EmptyInput, WartaError, "The page holds no bytes.");
create_exception!(
    warta,
    NotAPage,
    WartaError,
    "The input is not a readable page (binary data, or no text at all)."
);
create_exception!(
    warta,
    Panicked,
    WartaError,
    "warta panicked on this page: a bug in warta, caught and reported instead of a crash."
);

/// The options every extracting function takes, as Python passes them.
struct OptionArgs {
    url: Option<String>,
    input: String,
    focus: String,
    reference_time: Option<String>,
    http_charset: Option<String>,
}

fn invalid(e: InvalidOption) -> PyErr {
    PyValueError::new_err(e.to_string())
}

impl OptionArgs {
    fn options(&self) -> PyResult<Options> {
        let mut opts = Options::default()
            .with_input_kind(self.input.parse::<InputKind>().map_err(invalid)?)
            .with_focus(self.focus.parse::<Focus>().map_err(invalid)?);
        if let Some(url) = &self.url {
            opts = opts.with_url(url.as_str());
        }
        if let Some(charset) = &self.http_charset {
            opts = opts.with_http_charset(charset.as_str());
        }
        if let Some(instant) = &self.reference_time {
            opts = opts.with_reference_time(instant).map_err(invalid)?;
        }
        Ok(opts)
    }
}

/// Extracts one page behind the one panic guard; the article comes back as its JSON text, ready
/// for `json.loads` (the same text the CLI prints, so the dict equals the CLI's).
fn extract_json(page: &[u8], opts: &Options) -> Result<String, Error> {
    warta_core::catch_panic(|| {
        #[cfg(feature = "test-hooks")]
        test_hooks::on_page(page);
        warta_core::extract(page, opts).map(|article| render_json(&article))
    })
    .and_then(|result| result)
}

fn render_json(article: &Article) -> String {
    warta_core::render(article, Format::Jsonl)
}

fn to_py_error(e: Error) -> PyErr {
    let message = e.to_string();
    match e {
        Error::EmptyInput => EmptyInput::new_err(message),
        Error::NotAPage(_) => NotAPage::new_err(message),
        // Panics, and failures the library may name later, are warta's own bugs.
        _ => Panicked::new_err(message),
    }
}

/// `json.loads`, looked up once.
fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LOADS.import(py, "json", "loads")?.call1((text,))
}

/// A page as Python hands it: bytes are read in place, a str as its UTF-8.
fn page_bytes<'a>(page: &'a Bound<'_, PyAny>) -> PyResult<&'a [u8]> {
    if let Ok(bytes) = page.cast::<PyBytes>() {
        Ok(bytes.as_bytes())
    } else if let Ok(text) = page.cast::<PyString>() {
        Ok(text.to_str()?.as_bytes())
    } else {
        Err(PyTypeError::new_err(format!(
            "a page is bytes or str, not {}",
            page.get_type().name()?
        )))
    }
}

/// Extracts the article from one page (raw HTML or flattened text, as bytes or str) and returns
/// it as a dict: the article JSON of ARTICLE.md, as `warta extract --format json` prints it.
///
/// Raises EmptyInput for an empty page, NotAPage for binary data, ValueError for a bad option,
/// Panicked if warta hits a bug on this page. The GIL is released while the page is read.
#[pyfunction]
#[pyo3(signature = (page, *, url=None, input="auto".to_string(), focus="balanced".to_string(), reference_time=None, http_charset=None))]
fn extract<'py>(
    py: Python<'py>,
    page: &Bound<'py, PyAny>,
    url: Option<String>,
    input: String,
    focus: String,
    reference_time: Option<String>,
    http_charset: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let opts = OptionArgs {
        url,
        input,
        focus,
        reference_time,
        http_charset,
    }
    .options()?;
    let bytes = page_bytes(page)?;
    let json = py
        .detach(|| extract_json(bytes, &opts))
        .map_err(to_py_error)?;
    json_loads(py, &json)
}

/// One page of a batch with its own URL, when the caller gave a `(page, url)` tuple.
struct BatchPage<'py> {
    page: Bound<'py, PyAny>,
    url: Option<String>,
}

fn batch_page<'py>(item: Bound<'py, PyAny>) -> PyResult<BatchPage<'py>> {
    if let Ok(pair) = item.cast::<PyTuple>() {
        if pair.len() != 2 {
            return Err(PyTypeError::new_err(
                "a page tuple is (page, url): two items",
            ));
        }
        return Ok(BatchPage {
            page: pair.get_item(0)?,
            url: pair.get_item(1)?.extract()?,
        });
    }
    Ok(BatchPage {
        page: item,
        url: None,
    })
}

/// An error record, as `warta batch` writes one: `{"error": {"kind": ..., "message": ...}}`
/// (with the page's URL when it has one).
fn error_record(e: Error, url: Option<&str>) -> String {
    let mut record = Record::refused(None, None, &e);
    record.article.url = url.map(str::to_string);
    record.render(Format::Jsonl)
}

/// Extracts many pages in parallel on Rust threads (the GIL released) and returns their dicts in
/// input order. `pages` is an iterable of bytes, str, or (page, url) tuples. A page that fails
/// gives an error record `{"error": {"kind": ..., "message": ...}}` instead of stopping the
/// batch. `jobs` is the number of threads (default: one per core). Raises ValueError for a bad
/// option or jobs < 1, TypeError for an item that is not a page.
#[pyfunction]
#[pyo3(signature = (pages, *, jobs=None, url=None, input="auto".to_string(), focus="balanced".to_string(), reference_time=None, http_charset=None))]
#[allow(clippy::too_many_arguments)]
fn extract_many<'py>(
    py: Python<'py>,
    pages: &Bound<'py, PyAny>,
    jobs: Option<usize>,
    url: Option<String>,
    input: String,
    focus: String,
    reference_time: Option<String>,
    http_charset: Option<String>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let base = OptionArgs {
        url,
        input,
        focus,
        reference_time,
        http_charset,
    }
    .options()?;
    if jobs == Some(0) {
        return Err(PyValueError::new_err("invalid jobs: at least 1"));
    }
    let items = pages
        .try_iter()?
        .map(|item| batch_page(item?))
        .collect::<PyResult<Vec<_>>>()?;
    let work = items
        .iter()
        .map(|item| Ok((page_bytes(&item.page)?, item.url.as_deref())))
        .collect::<PyResult<Vec<_>>>()?;
    let extract_one = |&(page, url): &(&[u8], Option<&str>)| {
        let opts = match url {
            Some(u) => base.clone().with_url(u),
            None => base.clone(),
        };
        extract_json(page, &opts).unwrap_or_else(|e| error_record(e, url))
    };
    let records: Vec<String> = py.detach(|| -> PyResult<Vec<String>> {
        match jobs {
            Some(1) => Ok(work.iter().map(extract_one).collect()),
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))
                .map(|pool| pool.install(|| work.par_iter().map(extract_one).collect())),
            None => Ok(work.par_iter().map(extract_one).collect()),
        }
    })?;
    records.iter().map(|json| json_loads(py, json)).collect()
}

/// Renders an article dict (as `extract` returns it) as "markdown", "text", "html" or "json",
/// exactly as the CLI's --format does. Raises ValueError for an unknown format or a dict that is
/// not an article.
#[pyfunction]
fn render(py: Python<'_>, article: &Bound<'_, PyAny>, format: &str) -> PyResult<String> {
    let format = match format {
        "markdown" => Format::Markdown,
        "text" => Format::Text,
        "html" => Format::Html,
        "json" => Format::Json,
        other => {
            return Err(PyValueError::new_err(format!(
                "invalid format: {other:?}: expected markdown, text, html or json"
            )))
        }
    };
    static DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let json: String = DUMPS
        .import(py, "json", "dumps")?
        .call1((article,))?
        .extract()?;
    let article: Article = serde_json::from_str(&json)
        .map_err(|e| PyValueError::new_err(format!("not an article: {e}")))?;
    Ok(py.detach(|| warta_core::render(&article, format)))
}

/// For the benchmark only (bench/bench.py): calls the Rust extractor on every page, on this
/// thread (with `render`, also as the JSON text `extract` parses), and returns how many gave
/// an article; the caller times it against `extract`.
#[pyfunction]
#[pyo3(signature = (pages, *, input="auto".to_string(), render=false))]
fn _rust_extract_loop(
    py: Python<'_>,
    pages: Vec<Bound<'_, PyBytes>>,
    input: String,
    render: bool,
) -> PyResult<usize> {
    let opts = Options::default().with_input_kind(input.parse::<InputKind>().map_err(invalid)?);
    let pages: Vec<&[u8]> = pages.iter().map(|page| page.as_bytes()).collect();
    Ok(py.detach(|| {
        pages
            .iter()
            .filter(|page| match render {
                true => extract_json(page, &opts).is_ok(),
                false => warta_core::extract(page, &opts).is_ok(),
            })
            .count()
    }))
}

#[cfg(feature = "test-hooks")]
mod test_hooks {
    //! Built only with the `test-hooks` feature (the test part's build, never a release wheel),
    //! and then active only while the tests set these variables: a page containing the marker
    //! text panics (WARTA_TEST_PANIC_MARKER) or stalls for a minute (WARTA_TEST_STALL_MARKER)
    //! inside the extractor, so that the engine steps' handling of both can be shown.

    pub fn on_page(page: &[u8]) {
        if holds(page, "WARTA_TEST_PANIC_MARKER") {
            panic!("test hook: this page asked to panic");
        }
        if holds(page, "WARTA_TEST_STALL_MARKER") {
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    }

    fn holds(page: &[u8], variable: &str) -> bool {
        std::env::var(variable).is_ok_and(|marker| {
            !marker.is_empty()
                && page
                    .windows(marker.len())
                    .any(|window| window == marker.as_bytes())
        })
    }
}

/// warta: reads news pages the way a careful editor would.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(render, m)?)?;
    m.add_function(wrap_pyfunction!(warc::read_warc, m)?)?;
    m.add_function(wrap_pyfunction!(_rust_extract_loop, m)?)?;
    m.add_class::<warc::WarcRecords>()?;
    m.add("WartaError", py.get_type::<WartaError>())?;
    m.add("EmptyInput", py.get_type::<EmptyInput>())?;
    m.add("NotAPage", py.get_type::<NotAPage>())?;
    m.add("Panicked", py.get_type::<Panicked>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("_test_hooks", cfg!(feature = "test-hooks"))?;
    Ok(())
}
