//! Getting a prediction for a page: from warta (HTML or text mode) or from a peer's output.
//!
//! Every warta call runs under the core's panic guard (`warta_core::catch_panic`) so that one panicking page is counted (and
//! reported loudly: a panic is a bug) instead of ending the evaluation. An engine error is
//! scored as an empty prediction and counted too.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use serde::Deserialize;
use warta_core::{Article, Error, InputKind, Options, Person, Role};

use crate::sets::Page;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// The engine returned an error (or the page could not be read).
    Error,
    /// The engine panicked.
    Panic,
    /// A peer has no output for this page.
    Missing,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Error => "error",
            Outcome::Panic => "panic",
            Outcome::Missing => "missing",
        }
    }
}

/// What a system said about a page, reduced to the fields we score.
#[derive(Debug, Clone)]
pub struct Prediction {
    pub outcome: Outcome,
    pub text: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    /// Time to extract the page, in milliseconds.
    pub ms: Option<f64>,
    /// CPU time for the same, where a peer measured it.
    pub cpu_ms: Option<f64>,
    /// The error or panic message.
    pub message: Option<String>,
}

impl Prediction {
    fn empty(outcome: Outcome, message: Option<String>) -> Self {
        Prediction {
            outcome,
            text: String::new(),
            title: None,
            authors: Vec::new(),
            published: None,
            site_name: None,
            ms: None,
            cpu_ms: None,
            message,
        }
    }

    fn from_article(a: Article, ms: f64) -> Self {
        Prediction {
            outcome: Outcome::Ok,
            text: a.text,
            title: a.title,
            authors: writers(a.authors),
            published: a.published,
            site_name: a.site_name,
            ms: Some(ms),
            cpu_ms: None,
            message: None,
        }
    }
}

/// Runs one extraction under the core's panic guard, timing it.
pub fn guarded(f: impl FnOnce() -> Result<Article, String>) -> Prediction {
    let start = Instant::now();
    let result = warta_core::catch_panic(f);
    let ms = start.elapsed().as_secs_f64() * 1e3;
    match result {
        Ok(Ok(a)) => Prediction::from_article(a, ms),
        Ok(Err(e)) => Prediction::empty(Outcome::Error, Some(e)),
        Err(Error::Panicked(message)) => Prediction::empty(Outcome::Panic, Some(message)),
        Err(other) => Prediction::empty(Outcome::Panic, Some(other.to_string())),
    }
}

pub fn options_for(page: &Page) -> Options {
    match &page.url {
        Some(url) => Options::default().with_url(url.as_str()),
        None => Options::default(),
    }
}

/// warta on the page's raw bytes (decode + parse + extract).
pub fn warta_html(page: &Page) -> Prediction {
    let bytes = match page.bytes() {
        Ok(b) => b,
        Err(e) => return Prediction::empty(Outcome::Error, Some(format!("{e:#}"))),
    };
    let opts = options_for(page);
    guarded(|| warta_core::extract(&bytes, &opts).map_err(|e| e.to_string()))
}

/// warta's text mode on already flattened text.
pub fn warta_text(page: &Page, flattened: &str) -> Prediction {
    let opts = options_for(page).with_input_kind(InputKind::Text);
    guarded(|| warta_core::extract(flattened.as_bytes(), &opts).map_err(|e| e.to_string()))
}

/// A prediction that is just a text (a baseline such as the C4 filter).
pub fn text_only(text: String) -> Prediction {
    Prediction {
        text,
        ..Prediction::empty(Outcome::Ok, None)
    }
}

/// One line of a peer's `<set>.jsonl`.
#[derive(Debug, Deserialize)]
struct PeerLine {
    id: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    authors: Option<Vec<String>>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    site_name: Option<String>,
    #[serde(default)]
    ms: Option<f64>,
    #[serde(default)]
    cpu_ms: Option<f64>,
    #[serde(default)]
    error: Option<String>,
}

/// A peer tool's outputs for one set, by page id.
pub struct PeerOutputs {
    lines: HashMap<String, PeerLine>,
    /// Lines that did not parse, with their line numbers.
    pub bad_lines: Vec<usize>,
}

impl PeerOutputs {
    /// Reads `<dir>/<set>.jsonl`; a missing file gives no outputs (every page then counts as
    /// missing).
    pub fn load(dir: &Path, set: &str) -> Result<Self> {
        let path = dir.join(format!("{set}.jsonl"));
        let mut lines = HashMap::new();
        let mut bad_lines = Vec::new();
        if !path.exists() {
            return Ok(PeerOutputs { lines, bad_lines });
        }
        let file = fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        for (i, line) in BufReader::new(file).lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<PeerLine>(&line) {
                Ok(l) => {
                    lines.insert(l.id.clone(), l);
                }
                Err(_) => bad_lines.push(i + 1),
            }
        }
        Ok(PeerOutputs { lines, bad_lines })
    }

    pub fn predict(&self, page: &Page) -> Prediction {
        let Some(l) = self.lines.get(&page.id) else {
            return Prediction::empty(Outcome::Missing, None);
        };
        Prediction {
            outcome: if l.error.is_some() {
                Outcome::Error
            } else {
                Outcome::Ok
            },
            text: l.text.clone().unwrap_or_default(),
            title: l.title.clone().filter(|t| !t.is_empty()),
            authors: l.authors.clone().unwrap_or_default(),
            published: l.published.clone().filter(|t| !t.is_empty()),
            site_name: l.site_name.clone().filter(|t| !t.is_empty()),
            ms: l.ms,
            cpu_ms: l.cpu_ms,
            message: l.error.clone(),
        }
    }
}

/// Who is being scored.
#[derive(Debug, Clone)]
pub enum System {
    Warta,
    Peer(std::path::PathBuf),
}

impl System {
    pub fn name(&self) -> String {
        match self {
            System::Warta => "warta".into(),
            System::Peer(dir) => dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| dir.display().to_string()),
        }
    }
}

/// A system made ready for one set.
pub enum Predictor {
    Warta,
    Peer(PeerOutputs),
}

impl Predictor {
    pub fn for_set(system: &System, set: &str) -> Result<Self> {
        Ok(match system {
            System::Warta => Predictor::Warta,
            System::Peer(dir) => Predictor::Peer(PeerOutputs::load(dir, set)?),
        })
    }

    pub fn predict(&self, page: &Page) -> Prediction {
        match self {
            Predictor::Warta => warta_html(page),
            Predictor::Peer(p) => p.predict(page),
        }
    }

    /// A note for the report when a peer's file had lines we could not read.
    pub fn note(&self, set: &str) -> Option<String> {
        match self {
            Predictor::Peer(p) if !p.bad_lines.is_empty() => Some(format!(
                "{} unreadable line(s) in {set}.jsonl (lines {:?})",
                p.bad_lines.len(),
                p.bad_lines
            )),
            _ => None,
        }
    }
}

/// The names the benchmarks' author and byline fields mean: the people who wrote the piece.
/// Editors and photographers that warta credits with their roles are not its authors.
fn writers(people: Vec<Person>) -> Vec<String> {
    people
        .into_iter()
        .filter(|p| !matches!(p.role, Role::Editor | Role::Photographer))
        .map(|p| p.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_writers_are_scored_as_authors() {
        let person = |name: &str, role| Person::new(name, role);
        let people = vec![
            person("Jane Roe", Role::Author),
            person("Sam Lens", Role::Photographer),
            person("Ed Desk", Role::Editor),
            person("Wire Desk", Role::Reporter),
        ];
        assert_eq!(writers(people), ["Jane Roe", "Wire Desk"]);
    }

    #[test]
    fn panics_are_caught_and_counted() {
        let p = guarded(|| panic!("boom"));
        assert_eq!(p.outcome, Outcome::Panic);
        assert_eq!(p.message.as_deref(), Some("boom"));
        assert!(p.text.is_empty());
    }

    #[test]
    fn errors_become_empty_predictions() {
        let p = guarded(|| Err("bad".into()));
        assert_eq!((p.outcome, p.text.as_str()), (Outcome::Error, ""));
    }

    #[test]
    fn peer_lines_are_keyed_by_id() {
        let dir = std::env::temp_dir().join(format!("warta-eval-peer-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("x.jsonl"),
            "{\"set\":\"x\",\"id\":\"a\",\"text\":\"hi\",\"authors\":[\"A\"],\"ms\":2.5}\nnot json\n",
        )
        .unwrap();
        let peer = PeerOutputs::load(&dir, "x").unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(peer.bad_lines, [2]);
        let page = |id: &str| Page {
            id: id.into(),
            page_type: None,
            url: None,
            source: "none".into(),
            gold: Default::default(),
        };
        let a = peer.predict(&page("a"));
        assert_eq!((a.text.as_str(), a.ms), ("hi", Some(2.5)));
        assert_eq!(peer.predict(&page("b")).outcome, Outcome::Missing);
    }
}
