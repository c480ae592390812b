//! The benchmark sets: where each keeps its pages and gold, and how a page is named.
//!
//! Page ids (also the keys of peer outputs, see README.md): scrapinghub = the sha256 key,
//! wcxb-dev = the file id ("0001"), trafilatura and htmldate = the `file` name as given in the
//! set's JSON (without `.gz`), readability = the test-case directory name, fundus-dev = the
//! page's file name without `.html.gz`, daniel-dev = the page's name in `doc_lg.json` (its file
//! under `html/` without `.gz`).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use serde_json::Value;

use crate::flatten::flatten_html;

pub const SCRAPINGHUB: &str = "scrapinghub";
pub const WCXB: &str = "wcxb-dev";
pub const TRAFILATURA: &str = "trafilatura";
pub const READABILITY: &str = "readability";
pub const HTMLDATE: &str = "htmldate";
pub const FUNDUS: &str = "fundus-dev";
pub const DANIEL: &str = "daniel-dev";

/// Sets scored on their main content.
pub const CONTENT_SETS: &[&str] = &[SCRAPINGHUB, WCXB, TRAFILATURA, READABILITY, FUNDUS, DANIEL];
/// Sets with gold metadata.
pub const METADATA_SETS: &[&str] = &[HTMLDATE, WCXB, READABILITY, FUNDUS];
pub const ALL_SETS: &[&str] = &[
    SCRAPINGHUB,
    WCXB,
    TRAFILATURA,
    READABILITY,
    HTMLDATE,
    FUNDUS,
    DANIEL,
];

/// One page of a set, its gold data, and where its HTML lives (read on demand).
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub page_type: Option<String>,
    pub url: Option<String>,
    pub source: PathBuf,
    pub gold: Gold,
}

/// Whatever the set annotates; fields a set does not have stay empty.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    pub text: Option<String>,
    pub with: Vec<String>,
    pub without: Vec<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// The author names as a list, for sets that give one (fundus-dev).
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
}

impl Page {
    /// The page's bytes, gunzipped when the file ends in `.gz`.
    pub fn bytes(&self) -> Result<Vec<u8>> {
        read_maybe_gz(&self.source)
    }
}

pub fn read_maybe_gz(path: &Path) -> Result<Vec<u8>> {
    let raw = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .with_context(|| format!("gunzipping {}", path.display()))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// The benchmark directory: `../shared/bench` from the repository root, or from one of its
/// ancestors (a git worktree sits one level deeper than the main checkout).
pub fn default_bench_dir() -> Option<PathBuf> {
    let repo = fs::canonicalize(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).ok()?;
    repo.ancestors()
        .skip(1)
        .map(|a| a.join("shared/bench"))
        .find(|p| p.is_dir())
}

/// Loads a set's page list and gold, sorted by id; `limit` keeps the first pages.
pub fn load(bench: &Path, set: &str, limit: Option<usize>) -> Result<Vec<Page>> {
    let dir = bench.join(set);
    if !dir.is_dir() {
        bail!("set {set}: {} is missing", dir.display());
    }
    let mut pages = match set {
        SCRAPINGHUB => scrapinghub(&dir)?,
        WCXB => wcxb(&dir, limit)?,
        TRAFILATURA => trafilatura(&dir)?,
        READABILITY => readability(&dir, limit)?,
        HTMLDATE => htmldate(&dir)?,
        FUNDUS => fundus(&dir)?,
        DANIEL => daniel(&dir)?,
        other => bail!("unknown set {other} (known: {})", ALL_SETS.join(", ")),
    };
    pages.sort_by(|a, b| a.id.cmp(&b.id).then(a.url.cmp(&b.url)));
    if let Some(n) = limit {
        pages.truncate(n);
    }
    Ok(pages)
}

fn read_json(path: &Path) -> Result<Value> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    // Python's json writes missing values as a bare NaN, which is not JSON.
    let text = text.replace(": NaN", ": null");
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

fn string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(string).collect())
        .unwrap_or_default()
}

fn scrapinghub(dir: &Path) -> Result<Vec<Page>> {
    let gt = read_json(&dir.join("ground-truth.json"))?;
    let Some(map) = gt.as_object() else {
        bail!("scrapinghub ground truth is not an object");
    };
    Ok(map
        .iter()
        .map(|(key, v)| Page {
            id: key.clone(),
            page_type: None,
            url: string(&v["url"]),
            source: dir.join("html").join(format!("{key}.html.gz")),
            gold: Gold {
                text: Some(string(&v["articleBody"]).unwrap_or_default()),
                ..Default::default()
            },
        })
        .collect())
}

fn wcxb(dir: &Path, limit: Option<usize>) -> Result<Vec<Page>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir.join("ground-truth"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    if let Some(n) = limit {
        files.truncate(n);
    }
    let mut pages = Vec::with_capacity(files.len());
    for f in files {
        let Some(id) = f.file_stem().and_then(|s| s.to_str()).map(str::to_string) else {
            continue;
        };
        let v = read_json(&f)?;
        let g = &v["ground_truth"];
        pages.push(Page {
            source: dir.join("html").join(format!("{id}.html.gz")),
            id,
            page_type: string(&v["_internal"]["page_type"]["primary"]),
            url: string(&v["url"]),
            gold: Gold {
                // A null main_content is an empty gold (scored by the empty-gold rule).
                text: Some(string(&g["main_content"]).unwrap_or_default()),
                with: strings(&g["with"]),
                without: strings(&g["without"]),
                title: string(&g["title"]),
                author: string(&g["author"]),
                published: string(&g["publish_date"]),
                ..Default::default()
            },
        });
    }
    Ok(pages)
}

#[derive(Deserialize)]
struct SnippetEntry {
    file: String,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

fn trafilatura(dir: &Path) -> Result<Vec<Page>> {
    let v = read_json(&dir.join("evaldata.json"))?;
    let map: std::collections::BTreeMap<String, SnippetEntry> = serde_json::from_value(v)?;
    Ok(map
        .into_iter()
        .map(|(url, e)| Page {
            source: dir.join("pages").join(format!("{}.gz", e.file)),
            id: e.file,
            page_type: None,
            url: Some(url),
            gold: Gold {
                with: e.with,
                without: e.without,
                ..Default::default()
            },
        })
        .collect())
}

#[derive(Deserialize)]
struct DateEntry {
    file: String,
    date: Option<String>,
}

fn htmldate(dir: &Path) -> Result<Vec<Page>> {
    let mut pages = Vec::new();
    for (list, label) in [
        ("eval_default.json", "default"),
        ("eval_mediacloud_2020.json", "mediacloud-2020"),
    ] {
        let v = read_json(&dir.join(list))?;
        let map: std::collections::BTreeMap<String, DateEntry> = serde_json::from_value(v)?;
        pages.extend(map.into_iter().map(|(url, e)| Page {
            source: dir.join("pages").join(format!("{}.gz", e.file)),
            id: e.file,
            // Which of the two lists the page is from, so each can be reported apart.
            page_type: Some(label.to_string()),
            url: Some(url),
            gold: Gold {
                published: e.date,
                ..Default::default()
            },
        }));
    }
    Ok(pages)
}

fn readability(dir: &Path, limit: Option<usize>) -> Result<Vec<Page>> {
    let root = dir.join("test-pages");
    let mut cases: Vec<String> = fs::read_dir(&root)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    cases.sort();
    if let Some(n) = limit {
        cases.truncate(n);
    }
    let mut pages = Vec::with_capacity(cases.len());
    for case in cases {
        let case_dir = root.join(&case);
        let expected = read_maybe_gz(&case_dir.join("expected.html"))?;
        let meta = read_json(&case_dir.join("expected-metadata.json"))?;
        pages.push(Page {
            source: case_dir.join("source.html"),
            id: case,
            page_type: None,
            url: None,
            gold: Gold {
                text: Some(flatten_html(&String::from_utf8_lossy(&expected))),
                title: string(&meta["title"]),
                author: string(&meta["byline"]),
                published: string(&meta["publishedTime"]),
                site_name: string(&meta["siteName"]),
                ..Default::default()
            },
        });
    }
    Ok(pages)
}

#[derive(Deserialize)]
struct FundusEntry {
    file: String,
    url: Option<String>,
    country: Option<String>,
    title: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    published: Option<String>,
    body: Option<String>,
}

/// fundus-dev: one JSON line per page in `expected.jsonl`; the page type is the country.
fn fundus(dir: &Path) -> Result<Vec<Page>> {
    let path = dir.join("expected.jsonl");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut pages = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let e: FundusEntry = serde_json::from_str(line)
            .with_context(|| format!("{} line {}", path.display(), i + 1))?;
        let name = e.file.rsplit('/').next().unwrap_or(&e.file);
        pages.push(Page {
            id: name.trim_end_matches(".html.gz").to_string(),
            page_type: e.country,
            url: e.url,
            source: dir.join(&e.file),
            gold: Gold {
                text: Some(e.body.unwrap_or_default()),
                title: e.title,
                authors: e.authors,
                published: e.published,
                ..Default::default()
            },
        });
    }
    Ok(pages)
}

/// DANIEL: `doc_lg.json` maps each page to its language (the page type here, so that the
/// report has a row per language). The gold text is the reference with its `<p>` and `</p>`
/// markup removed (the set's rule); its first paragraph is the headline as the annotators
/// kept it, scored as the gold title.
fn daniel(dir: &Path) -> Result<Vec<Page>> {
    let v = read_json(&dir.join("doc_lg.json"))?;
    let Some(map) = v.as_object() else {
        bail!("daniel-dev doc_lg.json is not an object");
    };
    let mut pages = Vec::with_capacity(map.len());
    for (name, language) in map {
        let reference_path = dir.join("reference").join(name);
        let reference = fs::read_to_string(&reference_path)
            .with_context(|| format!("reading {}", reference_path.display()))?;
        pages.push(Page {
            source: dir.join("html").join(format!("{name}.gz")),
            id: name.clone(),
            page_type: string(language),
            url: None,
            gold: Gold {
                title: daniel_headline(&reference),
                text: Some(reference.replace("<p>", " ").replace("</p>", " ")),
                ..Default::default()
            },
        });
    }
    Ok(pages)
}

/// The first non-empty `<p>` paragraph of a DANIEL reference.
fn daniel_headline(reference: &str) -> Option<String> {
    reference
        .split("</p>")
        .map(|p| p.trim().trim_start_matches("<p>").trim())
        .find(|p| !p.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daniel_headline_is_the_first_paragraph() {
        let r = "<p>  </p>\n<p>Czytaj: nagłówek</p>\n<p>Tekst.</p>\n";
        assert_eq!(daniel_headline(r).as_deref(), Some("Czytaj: nagłówek"));
        assert_eq!(daniel_headline(""), None);
    }
}
