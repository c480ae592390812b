//! Runs a Rust peer extractor over warta's benchmark sets and writes
//! `peers/out/<tool>/<set>.jsonl`, one line per page, in the format warta-eval reads.
//!
//! Usage: rust-peers --tool rs-trafilatura|trafilatura-rs|dom_smoothie [--set NAME]... [--limit N]
//!                   [--bench DIR] [--out DIR]
//!
//! Time per page covers, in-process and on one thread: decoding the bytes to text, parsing and
//! extraction (with metadata). Reading the file and gunzip are outside it.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde::{Deserialize, Serialize};

const SETS: [&str; 7] = [
    "scrapinghub",
    "wcxb-dev",
    "trafilatura",
    "readability",
    "htmldate",
    "fundus-dev",
    "daniel-dev",
];
const TOOLS: [&str; 3] = ["rs-trafilatura", "trafilatura-rs", "dom_smoothie"];

#[derive(Deserialize)]
struct Page {
    id: String,
    url: Option<String>,
    path: String,
}

#[derive(Default)]
struct Extracted {
    text: String,
    title: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    site_name: Option<String>,
}

#[derive(Serialize)]
struct Record<'a> {
    set: &'a str,
    id: &'a str,
    text: &'a str,
    title: Option<&'a str>,
    authors: &'a [String],
    published: Option<&'a str>,
    site_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    ms: f64,
    cpu_ms: f64,
}

struct Args {
    tool: String,
    sets: Vec<String>,
    limit: Option<usize>,
    bench: Option<String>,
    out: PathBuf,
}

fn peers_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        tool: String::new(),
        sets: Vec::new(),
        limit: None,
        bench: None,
        out: peers_dir().join("out"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--tool" => args.tool = value()?,
            "--set" => args.sets.push(value()?),
            "--limit" => args.limit = Some(value()?.parse().map_err(|e| format!("--limit: {e}"))?),
            "--bench" => args.bench = Some(value()?),
            "--out" => args.out = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if !TOOLS.contains(&args.tool.as_str()) {
        return Err(format!("--tool must be one of {TOOLS:?}"));
    }
    if let Some(bad) = args.sets.iter().find(|s| !SETS.contains(&s.as_str())) {
        return Err(format!("unknown set {bad}; sets are {SETS:?}"));
    }
    if args.sets.is_empty() {
        args.sets = SETS.iter().map(|s| s.to_string()).collect();
    }
    Ok(args)
}

/// The page list comes from peers/pages.py, so every runner reads the same pages.
fn list_pages(set: &str, args: &Args) -> Result<Vec<Page>, String> {
    let mut command = Command::new("python3");
    command
        .arg(peers_dir().join("pages.py"))
        .args(["--set", set]);
    if let Some(limit) = args.limit {
        command.args(["--limit", &limit.to_string()]);
    }
    if let Some(bench) = &args.bench {
        command.args(["--bench", bench]);
    }
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("pages.py: {e}"))?;
    if !output.status.success() {
        return Err(format!("pages.py failed for {set}"));
    }
    output
        .stdout
        .lines()
        .map(|line| {
            let line = line.map_err(|e| e.to_string())?;
            serde_json::from_str(&line).map_err(|e| e.to_string())
        })
        .collect()
}

fn read_page(path: &str) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if !path.ends_with(".gz") {
        return Ok(raw);
    }
    let mut data = Vec::new();
    flate2::read::GzDecoder::new(raw.as_slice()).read_to_end(&mut data)?;
    Ok(data)
}

/// For peers that only take text: BOM, then a charset named in the first 1 KiB
/// (meta or XML declaration), then UTF-8 if valid, else windows-1252.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let declared = head
        .find("charset=")
        .or_else(|| head.find("encoding="))
        .map(|at| {
            let rest = &head[at..];
            let rest = &rest[rest.find('=').map_or(0, |eq| eq + 1)..];
            let rest = rest.trim_start_matches(['"', '\'', ' ']);
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || "-_:.".contains(c)))
                .unwrap_or(rest.len());
            rest[..end].to_string()
        })
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    if let Some(encoding) = declared {
        // A page that declares UTF-16 but reached us as ASCII-compatible bytes is UTF-8.
        let encoding = encoding.output_encoding();
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

fn split_authors(author: &str) -> Vec<String> {
    author
        .split(';')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

fn run_rs_trafilatura(bytes: &[u8], url: Option<&str>) -> Result<Extracted, String> {
    // Library defaults; the crate sniffs the charset itself from the bytes.
    let options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        ..rs_trafilatura::Options::default()
    };
    let result = match rs_trafilatura::extract_bytes_with_options(bytes, &options) {
        Ok(result) => result,
        // Finding nothing is an answer (an empty page), not a failure.
        Err(rs_trafilatura::Error::NoContent) => return Ok(Extracted::default()),
        Err(error) => return Err(error.to_string()),
    };
    let meta = result.metadata;
    Ok(Extracted {
        text: result.content_text,
        title: meta.title.as_deref().and_then(non_empty),
        authors: meta
            .author
            .as_deref()
            .map(split_authors)
            .unwrap_or_default(),
        published: meta
            .date
            .map(|date| date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        site_name: meta.sitename.as_deref().and_then(non_empty),
    })
}

fn run_trafilatura_rs(bytes: &[u8], url: Option<&str>) -> Result<Extracted, String> {
    let html = decode(bytes);
    // Defaults, plus the readability/justext fallback that Python trafilatura runs by default.
    let mut options = trafilatura::Options::default().with_fallback(true);
    if let Some(parsed) = url.and_then(|u| url::Url::parse(u).ok()) {
        options = options.with_url(parsed);
    }
    let result = match trafilatura::extract(&html, &options) {
        Ok(result) => result,
        // Finding nothing is an answer (an empty page), not a failure.
        Err(trafilatura::TrafilaturaError::InsufficientContent { .. }) => {
            return Ok(Extracted::default())
        }
        Err(error) => return Err(error.to_string()),
    };
    let meta = result.metadata;
    Ok(Extracted {
        text: result.content_text,
        title: non_empty(&meta.title),
        authors: split_authors(&meta.author),
        published: meta.date.map(|date| date.format("%Y-%m-%d").to_string()),
        site_name: non_empty(&meta.sitename),
    })
}

fn run_dom_smoothie(bytes: &[u8], url: Option<&str>) -> Result<Extracted, String> {
    let html = decode(bytes);
    let mut readability =
        dom_smoothie::Readability::new(html, url, None).map_err(|e| e.to_string())?;
    let article = match readability.parse() {
        Ok(article) => article,
        // Finding nothing is an answer (an empty page), not a failure.
        Err(dom_smoothie::ReadabilityError::GrabFailed) => return Ok(Extracted::default()),
        Err(error) => return Err(error.to_string()),
    };
    Ok(Extracted {
        text: article.text_content.to_string(),
        title: non_empty(&article.title),
        authors: article
            .byline
            .as_deref()
            .map(split_authors)
            .unwrap_or_default(),
        published: article.published_time.as_deref().and_then(non_empty),
        site_name: article.site_name.as_deref().and_then(non_empty),
    })
}

fn extractor(tool: &str) -> fn(&[u8], Option<&str>) -> Result<Extracted, String> {
    match tool {
        "rs-trafilatura" => run_rs_trafilatura,
        "trafilatura-rs" => run_trafilatura_rs,
        _ => run_dom_smoothie,
    }
}

/// A peer that panics on a page gets an empty result for it, and the run goes on.
fn extract_guarded(
    extract: fn(&[u8], Option<&str>) -> Result<Extracted, String>,
    bytes: &[u8],
    url: Option<&str>,
) -> Result<Extracted, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(bytes, url))).unwrap_or_else(
        |panic| {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("panic: {message}"))
        },
    )
}

fn round3(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

/// CPU time of the calling thread: unlike wall time, it does not grow when other processes
/// compete for the cores.
fn thread_cpu_ms() -> f64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if status != 0 {
        return 0.0;
    }
    now.tv_sec as f64 * 1000.0 + now.tv_nsec as f64 / 1e6
}

fn run_set(args: &Args, set: &str) -> Result<(), String> {
    let pages = list_pages(set, args)?;
    let dir = args.out.join(&args.tool);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let out_path = dir.join(format!("{set}.jsonl"));
    let create = |path: PathBuf| {
        std::fs::File::create(&path)
            .map(std::io::BufWriter::new)
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut out = create(out_path.clone())?;
    let mut errors_out = create(dir.join(format!("{set}.errors.jsonl")))?;
    let extract = extractor(&args.tool);
    if let Some(first) = pages.first() {
        // One untimed call first, so lazily built tables do not bill the first page.
        let bytes = read_page(&first.path).map_err(|e| format!("{}: {e}", first.path))?;
        let _ = extract_guarded(extract, &bytes, first.url.as_deref());
    }
    let (started, mut total_ms, mut total_cpu_ms, mut errors) = (Instant::now(), 0.0, 0.0, 0);
    for (number, page) in pages.iter().enumerate() {
        let bytes = read_page(&page.path).map_err(|e| format!("{}: {e}", page.path))?;
        let (begin, begin_cpu) = (Instant::now(), thread_cpu_ms());
        let result = extract_guarded(extract, &bytes, page.url.as_deref());
        let ms = begin.elapsed().as_secs_f64() * 1000.0;
        let cpu_ms = thread_cpu_ms() - begin_cpu;
        total_ms += ms;
        total_cpu_ms += cpu_ms;
        let (extracted, error) = match result {
            Ok(extracted) => (extracted, None),
            Err(error) => {
                errors += 1;
                let line = serde_json::json!({"id": page.id, "error": error});
                let _ = writeln!(errors_out, "{line}");
                (Extracted::default(), Some(error))
            }
        };
        let record = Record {
            set,
            id: &page.id,
            text: &extracted.text,
            title: extracted.title.as_deref(),
            authors: &extracted.authors,
            published: extracted.published.as_deref(),
            site_name: extracted.site_name.as_deref(),
            error: error.as_deref(),
            ms: round3(ms),
            cpu_ms: round3(cpu_ms),
        };
        let line = serde_json::to_string(&record).map_err(|e| e.to_string())?;
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
        if (number + 1) % 100 == 0 {
            eprintln!("{} {set}: {}/{}", args.tool, number + 1, pages.len());
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    errors_out.flush().map_err(|e| e.to_string())?;
    let count = pages.len().max(1) as f64;
    eprintln!(
        "{} {set}: {} pages, {errors} errors, mean {:.2} ms/page (cpu {:.2}), wall {:.1} s -> {}",
        args.tool,
        pages.len(),
        total_ms / count,
        total_cpu_ms / count,
        started.elapsed().as_secs_f64(),
        out_path.display()
    );
    Ok(())
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("rust-peers: {message}");
            std::process::exit(2);
        }
    };
    // Panics are recorded per page in <set>.errors.jsonl; the default hook would flood stderr.
    std::panic::set_hook(Box::new(|_| {}));
    // One worker thread with a large stack: deep DOMs must not overflow, and timing stays
    // single-threaded.
    let worker = std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(move || {
            for set in &args.sets {
                if let Err(message) = run_set(&args, set) {
                    eprintln!("rust-peers: {set}: {message}");
                    return false;
                }
            }
            true
        });
    let ok = worker
        .ok()
        .and_then(|handle| handle.join().ok())
        .unwrap_or(false);
    std::process::exit(if ok { 0 } else { 1 });
}
