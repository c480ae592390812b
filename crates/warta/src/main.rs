//! `warta`: the command line. A thin shell over `warta-core`: it reads files, hands bytes to
//! the library and prints what comes back.

mod batch;
mod crawl;
mod fetch_args;

mod args;

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;

use anyhow::Result;
use clap::{Parser, Subcommand};
use warta_core::{Format, InputKind, Options};
use warta_corpus::input::{ReadLimits, Reader};
use warta_corpus::page::{self, Item, Outcome};
use warta_corpus::{Record, Source};
use warta_fetch::Fetcher;

use args::{FocusArg, InputArg, OutputFormat};

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
    /// Input files (`.gz` is read transparently, up to the input size limit), directories,
    /// WARC files or http(s) URLs; `-` or nothing reads standard input.
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
    /// Print the trace of the run instead of the article: the reading chosen, fallbacks, and
    /// each unit (HTML) or line (text) kept or dropped, with the rule that decided.
    #[arg(long)]
    explain: bool,
    /// How many characters of each text the trace quotes.
    #[arg(long, default_value_t = 70)]
    explain_width: usize,
    #[command(flatten)]
    fetch: fetch_args::FetchArgs,
}

/// Parsing allocates and frees many small strings and vectors per page; mimalloc serves them
/// markedly faster than the system allocator, and keeps per-thread heaps for `batch --jobs`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Every input was read.
const EXIT_OK: i32 = 0;
/// Some input failed; its error record was still written.
const EXIT_SOME_FAILED: i32 = 1;
/// The command line was wrong, or the output could not be written.
const EXIT_USAGE: i32 = 2;

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Batch(args) => batch::run(args),
        Command::Crawl(args) => crawl::run(args),
        Command::Serve(args) => warta_server::run(args).map(|()| EXIT_OK),
    };
    match result {
        Ok(code) => std::process::exit(code),
        // A reader that went away (`| head`) wants no more output, and no complaint.
        Err(e) if is_broken_pipe(&e) => std::process::exit(EXIT_OK),
        Err(e) => {
            eprintln!("warta: {e:#}");
            std::process::exit(EXIT_USAGE);
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Reads every input through the corpus crate's input path (one manifest parser, one capped
/// inflate) and prints a record for each. Returns the exit code.
fn extract(args: ExtractArgs) -> Result<i32> {
    let format = Format::from(args.format);
    let mut base = Options::default()
        .with_input_kind(InputKind::from(args.input))
        .with_focus(args.focus.into());
    if let Some(charset) = &args.charset {
        base = base.with_http_charset(charset.as_str());
    }
    if let Some(instant) = &args.reference_time {
        base = base.with_reference_time(instant)?;
    }
    let limits = ReadLimits {
        max_file_bytes: base.limits().max_input_bytes as u64,
        ..ReadLimits::default()
    };
    let bytes_read = AtomicU64::new(0);
    let reader = Reader {
        limits,
        bytes_read: &bytes_read,
    };
    let fetcher = Fetcher::new(args.fetch.config());
    let out = io::stdout();
    let mut out = io::BufWriter::new(out.lock());
    let mut any_failed = false;
    let mut write_error = None;
    let sources = sources(&args);
    // `--url` names the page of a single input.
    let single_input = sources.len() == 1;
    // The walk breaks only on a write error, which `write_error` holds.
    let _ = reader.visit(&sources, &mut |item| {
        let record = match item {
            Item::Skipped(_) => return ControlFlow::Continue(()),
            Item::Failed(record) => *record,
            Item::Page(mut page) => {
                if single_input && page.url.is_none() {
                    page.url = args.url.clone();
                }
                let (id, input) = (page.id.clone(), page.input.clone());
                match page::prepare(page, &base, &fetcher) {
                    Ok(ready) if args.explain => {
                        let written = match warta_core::explain(
                            &ready.bytes,
                            &ready.options,
                            args.explain_width,
                        ) {
                            Ok(trace) => writeln!(out, "{trace}"),
                            Err(e) => writeln!(out, "{e}"),
                        };
                        if let Err(e) = written {
                            write_error = Some(e);
                            return ControlFlow::Break(());
                        }
                        return ControlFlow::Continue(());
                    }
                    Ok(ready) => ready.extract(),
                    Err(Outcome::Record(record)) => *record,
                    Err(Outcome::Skipped(reason)) => Record::failed(
                        id,
                        Some(input),
                        "unsupported",
                        format!("no page to read: {reason}"),
                    ),
                }
            }
        };
        any_failed |= record.error.is_some();
        if let Err(e) = write_record(&mut out, &record, format) {
            write_error = Some(e);
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    if let Some(e) = write_error {
        return Err(e.into());
    }
    out.flush()?;
    Ok(if any_failed {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    })
}

/// The command line's inputs as the corpus crate's sources, in order.
fn sources(args: &ExtractArgs) -> Vec<Source> {
    let mut sources: Vec<Source> = args
        .manifest
        .iter()
        .cloned()
        .map(Source::Manifest)
        .collect();
    for f in &args.files {
        let name = f.to_string_lossy();
        sources.push(if name == "-" {
            Source::Stdin
        } else if name.starts_with("http://") || name.starts_with("https://") {
            Source::Url(name.into_owned())
        } else {
            Source::Path(f.clone())
        });
    }
    if sources.is_empty() {
        sources.push(Source::Stdin);
    }
    sources
}

/// Writes one record. A failure is a JSON line in the JSON formats; in the others, where a
/// record has no place, it is said on standard error.
fn write_record(out: &mut impl Write, record: &Record, format: Format) -> io::Result<()> {
    match (&record.error, format) {
        (Some(error), Format::Markdown | Format::Text | Format::Html) => {
            eprintln!(
                "warta: {}: {}",
                record.input.as_deref().unwrap_or("-"),
                error.message
            );
            Ok(())
        }
        _ => writeln!(out, "{}", record.render(format)),
    }
}
