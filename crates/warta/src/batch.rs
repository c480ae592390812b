//! `warta batch`: the command-line face of `warta-corpus`. Parses flags, wires Ctrl-C to a clean
//! stop, prints the end-of-run summary; the work itself is in the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use clap::ValueEnum;
use warta_core::{Focus, Options};
use warta_corpus::{Config, DedupMode, OutputFormat, Source};

#[derive(clap::Args)]
pub struct BatchArgs {
    /// WARC/WET files (`.gz`, `.zst`), HTML files (`.gz`), directories, glob patterns, JSONL
    /// manifests (`*.jsonl`: one `{"id", "path", "url"}` per line), http(s) URLs to fetch.
    #[arg(required_unless_present = "urls")]
    inputs: Vec<String>,
    /// A file of URLs to fetch, one per line (as many at once as there are jobs).
    #[arg(long)]
    urls: Vec<PathBuf>,
    /// Output: a JSONL file (`-` or absent: standard output), a directory for Markdown/text, a
    /// file for Parquet.
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = BatchFormat::Jsonl)]
    format: BatchFormat,
    /// Worker threads (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Skip records already in the output and append the rest.
    #[arg(long)]
    resume: bool,
    /// Mark duplicates: `duplicate_of` names the first article seen with the same text.
    #[arg(long, value_enum)]
    dedup: Option<DedupArg>,
    /// For `--dedup near`: the largest SimHash distance (in bits, of 64) between near duplicates.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(0..=15))]
    near_threshold: u32,
    /// Stop after reading this many items, as on Ctrl-C (`--resume` goes on from there).
    #[arg(long)]
    limit: Option<u64>,
    /// Favour precision or recall of the body text.
    #[arg(long, value_enum, default_value_t = FocusArg::Balanced)]
    focus: FocusArg,
    /// No progress bar, no summary.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    fetch: crate::fetch_args::FetchArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum BatchFormat {
    Jsonl,
    Markdown,
    Text,
    /// Needs the `parquet` cargo feature.
    #[cfg(feature = "parquet")]
    Parquet,
}

#[derive(Clone, Copy, ValueEnum)]
enum DedupArg {
    Exact,
    Near,
}

#[derive(Clone, Copy, ValueEnum)]
enum FocusArg {
    Precision,
    Balanced,
    Recall,
}

/// Set by Ctrl-C: the run finishes the pages in flight and stops.
static STOP: AtomicBool = AtomicBool::new(false);

/// Runs the batch; returns the process exit code.
pub fn run(args: BatchArgs) -> Result<i32> {
    if args.resume && args.output.as_ref().is_none_or(|o| o.as_os_str() == "-") {
        anyhow::bail!("--resume needs an output file or directory (-o)");
    }
    let mut sources = warta_corpus::expand(&args.inputs).map_err(anyhow::Error::msg)?;
    sources.extend(args.urls.iter().cloned().map(Source::UrlList));
    let config = Config {
        jobs: args.jobs.unwrap_or(Config::default().jobs).max(1),
        format: match args.format {
            BatchFormat::Jsonl => OutputFormat::Jsonl,
            BatchFormat::Markdown => OutputFormat::Markdown,
            BatchFormat::Text => OutputFormat::Text,
            #[cfg(feature = "parquet")]
            BatchFormat::Parquet => OutputFormat::Parquet,
        },
        output: args.output.clone(),
        resume: args.resume,
        dedup: args.dedup.map(|d| match d {
            DedupArg::Exact => DedupMode::Exact,
            DedupArg::Near => DedupMode::Near {
                max_distance: args.near_threshold,
            },
        }),
        max_items: args.limit,
        options: Options {
            focus: match args.focus {
                FocusArg::Precision => Focus::Precision,
                FocusArg::Balanced => Focus::Balanced,
                FocusArg::Recall => Focus::Recall,
            },
            ..Options::default()
        },
        progress: !args.quiet && std::io::stderr().is_terminal(),
        fetch: args.fetch.config(),
        ..Config::default()
    };
    ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("warta: stopping after the pages in flight (Ctrl-C again to quit at once)");
    })
    .context("cannot install the Ctrl-C handler")?;
    let summary = warta_corpus::run(&config, &sources, &STOP).context("cannot write the output")?;
    if !args.quiet {
        eprint!("{summary}");
    }
    // An interrupted run exits as interrupted; `--limit` is a normal end.
    Ok(if summary.stopped_early && args.limit.is_none() {
        130
    } else {
        0
    })
}
