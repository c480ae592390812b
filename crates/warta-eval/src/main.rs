//! `warta-eval`: the project's evaluation command. See README.md in this crate.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::{Args, Parser, Subcommand};
use warta_eval::report::{self, PageLog, SetReport};
use warta_eval::run::System;
use warta_eval::{content, dump, metadata, sets, speed, textmode};

#[derive(Parser)]
#[command(
    name = "warta-eval",
    about = "Scores warta on the public benchmark sets"
)]
struct Cli {
    /// The benchmark directory (default: ../shared/bench from the repository root).
    #[arg(long, global = true)]
    bench: Option<PathBuf>,
    /// Also write every number as JSON to this file.
    #[arg(long, global = true)]
    json: Option<PathBuf>,
    /// Also write the tables as Markdown to this file.
    #[arg(long, global = true)]
    markdown: Option<PathBuf>,
    /// Write per-page scores (JSONL) to this file.
    #[arg(long, global = true)]
    pages: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Selection {
    /// Only these sets (repeatable).
    #[arg(long = "set")]
    sets: Vec<String>,
    /// Only the first N pages of each set (by page id).
    #[arg(long)]
    limit: Option<usize>,
}

#[derive(Args)]
struct Systems {
    /// Score a peer's outputs (`<DIR>/<set>.jsonl`) instead of running warta (repeatable).
    #[arg(long = "peer")]
    peers: Vec<PathBuf>,
    /// With --peer: score warta as well, in the same table.
    #[arg(long)]
    with_warta: bool,
}

impl Systems {
    fn list(&self) -> Vec<System> {
        let mut list: Vec<System> = self.peers.iter().cloned().map(System::Peer).collect();
        if list.is_empty() || self.with_warta {
            list.insert(0, System::Warta);
        }
        list
    }
}

#[derive(Subcommand)]
enum Command {
    /// Main-content quality (scrapinghub, wcxb-dev, trafilatura, readability, fundus-dev).
    Content {
        #[command(flatten)]
        sel: Selection,
        #[command(flatten)]
        who: Systems,
    },
    /// Metadata quality (htmldate, wcxb-dev, readability, fundus-dev).
    Metadata {
        #[command(flatten)]
        sel: Selection,
        #[command(flatten)]
        who: Systems,
    },
    /// Flattened-text input: warta text mode vs the C4 filter vs warta on HTML.
    Textmode {
        #[command(flatten)]
        sel: Selection,
    },
    /// Single-thread speed on in-memory pages (build with --release).
    Speed {
        #[command(flatten)]
        sel: Selection,
        /// Timed passes after the warm-up; the fastest is reported.
        #[arg(long, default_value_t = 1)]
        passes: usize,
        #[command(flatten)]
        who: Systems,
    },
    /// Every page's whole article (HTML mode, and text mode where the set has one) as JSON
    /// lines, to diff two builds' outputs.
    Dump {
        #[command(flatten)]
        sel: Selection,
        /// Only every N-th page of each set (a fixed sample, e.g. for callgrind).
        #[arg(long, default_value_t = 1)]
        every: usize,
        /// Where to write the JSON lines.
        #[arg(long)]
        out: PathBuf,
    },
}

/// The chosen sets, checked against the ones the command can score.
fn chosen<'a>(
    sel: &'a Selection,
    allowed: &[&'a str],
    default: &[&'a str],
) -> Result<Vec<&'a str>> {
    if sel.sets.is_empty() {
        return Ok(default.to_vec());
    }
    for s in &sel.sets {
        if !allowed.contains(&s.as_str()) {
            bail!(
                "set {s} cannot be scored here (choose from {})",
                allowed.join(", ")
            );
        }
    }
    Ok(sel.sets.iter().map(String::as_str).collect())
}

/// The allocator the `warta` CLI ships with, so the speed figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<()> {
    let cli = Cli::parse();
    let Some(bench) = cli.bench.clone().or_else(sets::default_bench_dir) else {
        bail!("no benchmark directory: pass --bench DIR (default is ../shared/bench)");
    };
    if let Command::Dump { sel, every, out } = &cli.command {
        let s = chosen(sel, sets::ALL_SETS, sets::ALL_SETS)?;
        let lines = dump::run(&bench, &s, sel.limit, *every, out)?;
        eprintln!("{lines} articles written to {}", out.display());
        return Ok(());
    }
    let mut log = PageLog::new(cli.pages.as_deref())?;
    let (name, reports): (&str, Vec<SetReport>) = match &cli.command {
        Command::Content { sel, who } => {
            let s = chosen(sel, sets::CONTENT_SETS, sets::CONTENT_SETS)?;
            (
                "content",
                content::run(&bench, &s, sel.limit, &who.list(), &mut log)?,
            )
        }
        Command::Metadata { sel, who } => {
            let s = chosen(sel, sets::METADATA_SETS, sets::METADATA_SETS)?;
            (
                "metadata",
                metadata::run(&bench, &s, sel.limit, &who.list(), &mut log)?,
            )
        }
        Command::Textmode { sel } => {
            let s = chosen(sel, textmode::TEXTMODE_SETS, textmode::TEXTMODE_SETS)?;
            ("textmode", textmode::run(&bench, &s, sel.limit, &mut log)?)
        }
        Command::Speed { sel, passes, who } => {
            let systems = who.list();
            if cfg!(debug_assertions) && systems.iter().any(|s| matches!(s, System::Warta)) {
                eprintln!("warning: debug build; run with --release for meaningful timings");
            }
            let s = chosen(sel, sets::ALL_SETS, &[sets::WCXB])?;
            (
                "speed",
                speed::run(&bench, &s, sel.limit, *passes, &systems)?,
            )
        }
        Command::Dump { .. } => unreachable!("handled above"),
    };
    log.finish()?;
    report::print_table(&reports);
    if let Some(path) = &cli.json {
        report::write_json(path, name, &reports)?;
    }
    if let Some(path) = &cli.markdown {
        std::fs::write(path, report::markdown(&reports))?;
    }
    let panics: usize = reports.iter().map(|r| r.tally.panics).sum();
    if panics > 0 {
        eprintln!("\n!!! {panics} page(s) made the engine panic: see the table above");
    }
    Ok(())
}
