//! `warta`: the command line. A thin shell over `warta-core`: it reads files, hands bytes to
//! the library and prints what comes back.

mod batch;
mod crawl;
mod fetch_args;

use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Deserialize;
use warta_core::render::{self, Format};
use warta_core::{Article, Focus, InputKind, Options};

#[derive(Parser)]
#[command(
    name = "warta",
    version,
    about = "Reads news pages the way a careful editor would"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the article from HTML pages or flattened text.
    Extract(ExtractArgs),
    /// Extract every page of WARC/WET files, directories and manifests, in parallel, to JSONL.
    Batch(batch::BatchArgs),
    /// Follow news sites through robots.txt, sitemaps, feeds and sections, into JSONL and a WARC.
    Crawl(crawl::CrawlArgs),
    /// Serve the HTTP API and the reader page (see crates/warta-server/README.md).
    Serve(warta_server::ServeArgs),
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Input files (`.gz` is read transparently) or http(s) URLs; `-` or nothing reads
    /// standard input.
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    format: OutputFormat,
    /// The page's URL (for a single input).
    #[arg(long)]
    url: Option<String>,
    /// A JSONL manifest: one `{"id": ..., "path": ..., "url": ...}` per line.
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// How to read the input.
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
    input: InputArg,
    /// Favour precision or recall of the body text.
    #[arg(long, value_enum, default_value_t = FocusArg::Balanced)]
    focus: FocusArg,
    /// When the page was fetched (RFC 3339); relative ages are resolved against it.
    #[arg(long)]
    reference_time: Option<String>,
    /// The charset from the HTTP `Content-Type` header, if known.
    #[arg(long)]
    charset: Option<String>,
    /// Print a trace of how the content was chosen instead of the article.
    #[arg(long)]
    explain: bool,
    /// How many characters of each text the trace quotes.
    #[arg(long, default_value_t = 70)]
    explain_width: usize,
    #[command(flatten)]
    fetch: fetch_args::FetchArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    Jsonl,
    Markdown,
    Text,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputArg {
    Auto,
    Html,
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum FocusArg {
    Precision,
    Balanced,
    Recall,
}

#[derive(Deserialize)]
struct ManifestLine {
    id: Option<serde_json::Value>,
    path: PathBuf,
    url: Option<String>,
}

/// One unit of work: where to read, and the identity its record carries.
struct Job {
    id: Option<String>,
    path: Option<PathBuf>,
    url: Option<String>,
}

/// Parsing allocates and frees many small strings and vectors per page; mimalloc serves them
/// markedly faster than the system allocator, and keeps per-thread heaps for `batch --jobs`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Crawl(args) => crawl::run(args).map(|code| std::process::exit(code)),
        Command::Batch(args) => match batch::run(args) {
            Ok(0) => Ok(()),
            Ok(code) => std::process::exit(code),
            Err(e) => Err(e),
        },
        Command::Serve(args) => warta_server::run(args),
    };
    if let Err(e) = result {
        eprintln!("warta: {e:#}");
        std::process::exit(2);
    }
}

fn extract(args: ExtractArgs) -> Result<()> {
    let jobs = jobs(&args)?;
    let format = match args.format {
        OutputFormat::Json => Format::Json,
        OutputFormat::Jsonl => Format::Jsonl,
        OutputFormat::Markdown => Format::Markdown,
        OutputFormat::Text => Format::Text,
        OutputFormat::Html => Format::Html,
    };
    let base = Options {
        http_charset: args.charset.clone(),
        reference_time: args.reference_time.clone(),
        input_kind: match args.input {
            InputArg::Auto => InputKind::Auto,
            InputArg::Html => InputKind::Html,
            InputArg::Text => InputKind::Text,
        },
        focus: match args.focus {
            FocusArg::Precision => Focus::Precision,
            FocusArg::Balanced => Focus::Balanced,
            FocusArg::Recall => Focus::Recall,
        },
        ..Options::default()
    };
    let fetcher = warta_fetch::Fetcher::new(args.fetch.config());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for job in jobs {
        if args.explain {
            let bytes = read_input(job.path.as_deref())?;
            let html = warta_core::decode::decode(&bytes, base.http_charset.as_deref()).text;
            writeln!(
                out,
                "{}",
                warta_core::explain::explain_html(&html, &base, args.explain_width)
            )?;
            continue;
        }
        let article = run(&job, &base, &fetcher);
        let rendered = match (&article.error, format) {
            // Failures are always reported as a JSON line, whatever the format.
            (Some(_), Format::Markdown | Format::Text | Format::Html) => {
                eprintln!(
                    "warta: {}: {}",
                    article.input.as_deref().unwrap_or("-"),
                    article.error.as_ref().map_or("", |e| e.message.as_str())
                );
                continue;
            }
            _ => render::render(&article, format),
        };
        writeln!(out, "{rendered}")?;
    }
    out.flush()?;
    Ok(())
}

fn jobs(args: &ExtractArgs) -> Result<Vec<Job>> {
    let mut jobs = Vec::new();
    if let Some(m) = &args.manifest {
        let file = std::fs::File::open(m)
            .with_context(|| format!("cannot open manifest {}", m.display()))?;
        let dir = m.parent().unwrap_or(Path::new("."));
        for (i, line) in io::BufReader::new(file).lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<ManifestLine>(&line) {
                Ok(l) => jobs.push(Job {
                    id: l.id.map(|v| match v {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    }),
                    path: Some(dir.join(l.path)),
                    url: l.url,
                }),
                Err(e) => anyhow::bail!("manifest line {}: {e}", i + 1),
            }
        }
    }
    for f in &args.files {
        jobs.push(Job {
            id: None,
            path: (f.as_os_str() != "-").then(|| f.clone()),
            url: args.url.clone(),
        });
    }
    if jobs.is_empty() {
        jobs.push(Job {
            id: None,
            path: None,
            url: args.url.clone(),
        });
    }
    Ok(jobs)
}

/// Reads and extracts one input; every failure becomes an error record.
fn run(job: &Job, base: &Options, fetcher: &warta_fetch::Fetcher) -> Article {
    let input = job
        .path
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let mut opts = Options {
        url: job.url.clone(),
        ..base.clone()
    };
    let bytes = if is_url(&input) {
        match fetch(fetcher, &input) {
            Ok((body, charset)) => {
                opts.url.get_or_insert_with(|| input.clone());
                opts.http_charset = opts.http_charset.take().or(charset);
                body
            }
            Err(e) => return Article::failed(job.id.clone(), Some(input), "fetch", e),
        }
    } else {
        match read_input(job.path.as_deref()) {
            Ok(b) => b,
            Err(e) => {
                return Article::failed(job.id.clone(), Some(input), "read", format!("{e:#}"))
            }
        }
    };
    match warta_core::extract(&bytes, &opts) {
        Ok(mut a) => {
            a.id = job.id.clone();
            a.input = Some(input);
            a
        }
        Err(e) => Article::failed(job.id.clone(), Some(input), e.kind(), e.to_string()),
    }
}

fn is_url(input: &str) -> bool {
    input.starts_with("http://") || input.starts_with("https://")
}

/// Fetches one page; returns the body and the HTTP charset.
fn fetch(fetcher: &warta_fetch::Fetcher, url: &str) -> Result<(Vec<u8>, Option<String>), String> {
    let fetched = fetcher
        .fetch(url)
        .map_err(|e| format!("{}: {e}", e.kind()))?;
    if fetched.status() >= 400 {
        return Err(format!("HTTP status {}", fetched.status()));
    }
    let charset = fetched
        .content_type()
        .and_then(|ct| warta_corpus::http::split_content_type(ct).1);
    Ok((fetched.body, charset))
}

fn read_input(path: Option<&Path>) -> Result<Vec<u8>> {
    let mut raw = Vec::new();
    match path {
        Some(p) => {
            raw = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
        }
        None => {
            io::stdin().read_to_end(&mut raw)?;
        }
    }
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        // Past the library's input limit the page is cut anyway: a gzip bomb stops there.
        let cap = warta_core::Limits::default().max_input_bytes as u64 + 1;
        flate2::read::MultiGzDecoder::new(&raw[..])
            .take(cap)
            .read_to_end(&mut out)
            .context("invalid gzip data")?;
        return Ok(out);
    }
    Ok(raw)
}
