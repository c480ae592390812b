//! `warta crawl`: the command-line face of `warta-crawl`. Parses flags, wires Ctrl-C to a clean
//! stop, prints the end-of-run summary; the crawl itself is in the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use warta_crawl::Config;

use crate::fetch_args::FetchArgs;

#[derive(clap::Args)]
pub struct CrawlArgs {
    /// Sites (`https://news.example/`) or section pages to start from.
    #[arg(required = true)]
    seeds: Vec<String>,
    /// Article JSON lines, one error line per URL that failed (appended to; `-` or absent:
    /// standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Archive every response (robots.txt, sitemaps and feeds included) to this WARC file
    /// (`.warc.gz`: one gzip member per record), appended to.
    #[arg(long)]
    warc: Option<PathBuf>,
    /// Keep what was seen here, so the next run fetches only new and changed pages.
    #[arg(long)]
    state: Option<PathBuf>,
    /// Stop after fetching this many pages.
    #[arg(long)]
    max_pages: Option<u64>,
    /// Skip sitemap and feed entries dated before this (RFC 3339 or YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Seconds from a request to a host, and from its response, to the next request there
    /// (robots.txt's Crawl-delay can raise it).
    #[arg(long, default_value_t = 1.0)]
    delay: f64,
    /// Sent as User-Agent; its first word is the name robots.txt rules are matched against.
    #[arg(long, default_value = warta_crawl::USER_AGENT)]
    user_agent: String,
    /// Hosts crawled at once.
    #[arg(short, long, default_value_t = 4)]
    jobs: usize,
    /// Requests in flight to one host at once; `--delay` still spaces their starts, a
    /// `Retry-After` pauses them all, and a host whose robots.txt sets a Crawl-delay gets one.
    #[arg(long, default_value_t = 1)]
    per_host: usize,
    /// How many listing pages deep to follow from a seed.
    #[arg(long, default_value_t = 10)]
    max_depth: u32,
    /// Seconds one request may take, redirects included.
    #[arg(long, default_value_t = 30.0)]
    timeout: f64,
    /// Largest body accepted, in bytes (after decompression).
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    max_bytes: u64,
    #[command(flatten)]
    fetch: FetchArgs,
    /// No progress bar, no summary.
    #[arg(short, long)]
    quiet: bool,
}

/// Set by Ctrl-C: the crawl finishes the pages in flight and stops.
static STOP: AtomicBool = AtomicBool::new(false);

/// Runs the crawl; returns the process exit code.
pub fn run(args: CrawlArgs) -> Result<i32> {
    let since = args
        .since
        .as_deref()
        .map(|s| {
            s.parse::<jiff::Timestamp>()
                .or_else(|_| {
                    s.parse::<jiff::civil::Date>()
                        .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC))
                        .map(|z| z.timestamp())
                })
                .with_context(|| format!("--since {s}: not a date"))
        })
        .transpose()?;
    let seconds = |s: f64, name: &str| {
        Duration::try_from_secs_f64(s).with_context(|| format!("--{name} {s}: not a duration"))
    };
    let config = Config {
        seeds: args.seeds,
        output: args.output,
        warc: args.warc,
        state: args.state,
        max_pages: args.max_pages,
        since,
        delay: seconds(args.delay, "delay")?,
        jobs: args.jobs.max(1),
        per_host: args.per_host.max(1),
        max_depth: args.max_depth,
        fetch: warta_fetch::FetchConfig {
            timeout: seconds(args.timeout, "timeout")?,
            max_bytes: args.max_bytes,
            user_agent: args.user_agent,
            ..args.fetch.config()
        },
        progress: !args.quiet && std::io::stderr().is_terminal(),
        ..Config::default()
    };
    ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("warta: stopping after the pages in flight (Ctrl-C again to quit at once)");
    })
    .context("cannot install the Ctrl-C handler")?;
    let summary = warta_crawl::run(&config, &STOP).map_err(anyhow::Error::msg)?;
    if !args.quiet {
        eprint!("{summary}");
    }
    Ok(if summary.stopped_early { 130 } else { 0 })
}
