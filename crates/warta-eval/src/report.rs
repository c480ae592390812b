//! Results: per-set reports (printed as a table and written as JSON) and per-page records.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Result;
use serde::Serialize;
use serde_json::{json, Value};

use crate::run::{Outcome, Prediction};
use crate::score::Mean;
use crate::sets::Page;

/// Named numbers, in the order they are printed; names starting with `#` are counts.
pub type Metrics = Vec<(String, f64)>;

/// One system's scores on one set.
#[derive(Debug, Default)]
pub struct SetReport {
    pub set: String,
    pub system: String,
    pub tally: Tally,
    pub metrics: Metrics,
    /// The same metrics per page type (or per sub-list).
    pub groups: BTreeMap<String, Metrics>,
    /// How the numbers were computed, where a reader could wonder.
    pub notes: Vec<String>,
}

/// How the pages of a set fared, whatever the rule.
#[derive(Debug, Default)]
pub struct Tally {
    pub pages: usize,
    pub errors: usize,
    pub panics: usize,
    pub missing: usize,
    /// Ids of the pages that panicked.
    pub panicked: Vec<String>,
    /// Extraction time, where known.
    pub ms: Mean,
}

impl Tally {
    pub fn add(&mut self, page: &Page, pred: &Prediction) {
        self.pages += 1;
        match pred.outcome {
            Outcome::Ok => {}
            Outcome::Error => self.errors += 1,
            Outcome::Missing => self.missing += 1,
            Outcome::Panic => {
                self.panics += 1;
                self.panicked.push(page.id.clone());
            }
        }
        if let Some(ms) = pred.ms {
            self.ms.add(ms);
        }
    }
}

fn metrics_json(m: &Metrics) -> Value {
    Value::Object(m.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
}

impl SetReport {
    pub fn to_json(&self) -> Value {
        let t = &self.tally;
        json!({
            "set": self.set,
            "system": self.system,
            "pages": t.pages,
            "errors": t.errors,
            "panics": t.panics,
            "missing": t.missing,
            "panicked": t.panicked,
            "mean_ms": (t.ms.count() > 0).then(|| t.ms.value()),
            "metrics": metrics_json(&self.metrics),
            "groups": self.groups.iter().map(|(k, m)| (k.clone(), metrics_json(m))).collect::<serde_json::Map<_, _>>(),
            "notes": self.notes,
        })
    }
}

/// Reports grouped by set, in first-seen order, with the metric names of each set's columns
/// (systems share the leading metrics; the longest list names the columns).
fn by_set(reports: &[SetReport]) -> Vec<(&str, Vec<&SetReport>, Vec<&str>)> {
    let mut sets: Vec<&str> = Vec::new();
    for r in reports {
        if !sets.contains(&r.set.as_str()) {
            sets.push(&r.set);
        }
    }
    sets.into_iter()
        .map(|set| {
            let rows: Vec<&SetReport> = reports.iter().filter(|r| r.set == set).collect();
            let widest = rows
                .iter()
                .max_by_key(|r| r.metrics.len())
                .unwrap_or(&rows[0]);
            let names = widest.metrics.iter().map(|(k, _)| k.as_str()).collect();
            (set, rows, names)
        })
        .collect()
}

fn cell(name: &str, v: f64) -> String {
    if name.starts_with('#') {
        format!("{}", v as i64)
    } else {
        format!("{v:.3}")
    }
}

/// The reports as Markdown tables, one per set, for BENCHMARKS.md.
pub fn markdown(reports: &[SetReport]) -> String {
    let mut out = String::new();
    for (set, rows, names) in by_set(reports) {
        out.push_str(&format!("### {set}\n\n| system | pages |"));
        for n in &names {
            out.push_str(&format!(" {n} |"));
        }
        out.push_str(" errors | panics | ms/page |\n|---|---:|");
        out.push_str(&"---:|".repeat(names.len() + 3));
        out.push('\n');
        for r in &rows {
            let mut line = |label: &str, pages: String, m: &Metrics, tail: String| {
                out.push_str(&format!("| {label} | {pages} |"));
                for (i, _) in names.iter().enumerate() {
                    let v = m.get(i).map(|(k, v)| cell(k, *v)).unwrap_or_default();
                    out.push_str(&format!(" {v} |"));
                }
                out.push_str(&tail);
                out.push('\n');
            };
            let t = &r.tally;
            let ms = if t.ms.count() > 0 {
                format!("{:.2}", t.ms.value())
            } else {
                String::new()
            };
            let tail = format!(" {} | {} | {ms} |", t.errors, t.panics);
            line(&r.system, t.pages.to_string(), &r.metrics, tail);
            for (g, m) in &r.groups {
                line(
                    &format!("{} / {g}", r.system),
                    String::new(),
                    m,
                    " | | |".into(),
                );
            }
        }
        out.push('\n');
    }
    out
}

/// Prints reports grouped by set: one heading with the metric names, one row per system and
/// per group; then the notes and, loudly, any panics.
pub fn print_table(reports: &[SetReport]) {
    for (set, rows, names) in by_set(reports) {
        let width = names.iter().map(|n| n.len().max(7)).collect::<Vec<_>>();
        println!();
        print!("{set:<36}{:>6}", "pages");
        for (n, w) in names.iter().zip(&width) {
            print!(" {n:>w$}");
        }
        println!(
            "  {:>6} {:>6} {:>6} {:>8}",
            "errors", "panics", "miss", "ms/page"
        );
        for r in &rows {
            print_row(&r.system, r.tally.pages, &r.metrics, &width);
            let t = &r.tally;
            let ms = if t.ms.count() > 0 {
                format!("{:.2}", t.ms.value())
            } else {
                "-".into()
            };
            println!(
                "  {:>6} {:>6} {:>6} {:>8}",
                t.errors, t.panics, t.missing, ms
            );
            for (g, m) in &r.groups {
                print_row(&format!("  {} / {g}", r.system), 0, m, &width);
                println!();
            }
        }
        // Each note once, naming its systems unless every row shares it.
        let mut notes: Vec<(&str, Vec<&str>)> = Vec::new();
        for r in &rows {
            for n in &r.notes {
                match notes.iter_mut().find(|(t, _)| t == n) {
                    Some((_, who)) => who.push(&r.system),
                    None => notes.push((n, vec![&r.system])),
                }
            }
        }
        for (note, who) in notes {
            if who.len() == rows.len() {
                println!("  note: {note}");
            } else {
                println!("  note ({}): {note}", who.join(", "));
            }
        }
        for r in &rows {
            if r.tally.panics > 0 {
                println!(
                    "  !!! {} PANICKED on {} page(s) — these are bugs: {}",
                    r.system,
                    r.tally.panics,
                    r.tally.panicked.join(", ")
                );
            }
        }
    }
}

fn print_row(label: &str, pages: usize, metrics: &Metrics, width: &[usize]) {
    let pages = if pages > 0 {
        pages.to_string()
    } else {
        String::new()
    };
    print!("  {label:<34}{pages:>6}");
    for ((name, v), w) in metrics.iter().zip(width) {
        print!(" {:>w$}", cell(name, *v));
    }
}

/// Writes every report as one JSON document.
pub fn write_json(path: &Path, command: &str, reports: &[SetReport]) -> Result<()> {
    let doc = json!({
        "command": command,
        "release_build": !cfg!(debug_assertions),
        "reports": reports.iter().map(SetReport::to_json).collect::<Vec<_>>(),
    });
    let mut f = BufWriter::new(File::create(path)?);
    serde_json::to_writer_pretty(&mut f, &doc)?;
    writeln!(f)?;
    Ok(())
}

/// One page's scores, for finding the worst pages.
#[derive(Debug, Serialize)]
pub struct PageRecord<'a> {
    pub set: &'a str,
    pub system: &'a str,
    pub id: &'a str,
    pub page_type: Option<&'a str>,
    pub p: Option<f64>,
    pub r: Option<f64>,
    pub f1: Option<f64>,
    pub outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<&'a str>,
    /// Rule-specific details (snippet counts, which metadata fields agreed...).
    #[serde(skip_serializing_if = "Value::is_null")]
    pub detail: Value,
}

/// Where per-page records go (`--pages FILE`), if anywhere.
pub struct PageLog(Option<BufWriter<File>>);

impl PageLog {
    pub fn new(path: Option<&Path>) -> Result<Self> {
        Ok(PageLog(match path {
            Some(p) => Some(BufWriter::new(File::create(p)?)),
            None => None,
        }))
    }

    pub fn none() -> Self {
        PageLog(None)
    }

    pub fn write(&mut self, rec: &PageRecord) -> Result<()> {
        if let Some(w) = &mut self.0 {
            serde_json::to_writer(&mut *w, rec)?;
            writeln!(w)?;
        }
        Ok(())
    }

    pub fn finish(&mut self) -> Result<()> {
        if let Some(w) = &mut self.0 {
            w.flush()?;
        }
        Ok(())
    }
}
