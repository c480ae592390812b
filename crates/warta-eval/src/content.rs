//! `warta-eval content`: main-content quality, each set by its own published rule.

use std::collections::BTreeMap;

use anyhow::Result;
use serde_json::{json, Value};

use crate::report::{Metrics, PageLog, PageRecord, SetReport, Tally};
use crate::run::{Prediction, Predictor, System};
use crate::score::meta::{same_byline_names, same_date, same_exact, same_title, Rate};
use crate::score::{shingles, snippets, words};
use crate::sets::{self, Page};

/// Accumulates one system's scores on one set.
pub struct ContentScorer {
    set: String,
    system: String,
    tally: Tally,
    shingles: shingles::Totals,
    words: words::Means,
    words_by_type: BTreeMap<String, words::Means>,
    /// Pages whose gold has text, scored apart (see `finish`).
    words_with_gold: words::Means,
    snippets: snippets::Counts,
    readability: ReadabilityMeta,
    /// DANIEL: our title against the reference's first paragraph, overall and per language.
    headline: Rate,
    headline_by_language: BTreeMap<String, Rate>,
}

/// Readability's metadata, compared field by field (see `score::meta` for the rates):
/// title, byline (against our authors joined with ", ") and siteName must be equal after
/// whitespace collapsing; publishedTime must name the same day. The byline is also scored by
/// its names (`byline_names`, see [`same_byline_names`]): the expected bylines keep "By" and
/// dates, which warta's authors leave out by contract.
#[derive(Debug, Default)]
pub struct ReadabilityMeta {
    title: Rate,
    byline: Rate,
    byline_names: Rate,
    site_name: Rate,
    published: Rate,
}

impl ReadabilityMeta {
    pub fn add(&mut self, page: &Page, pred: &Prediction) -> Value {
        let g = &page.gold;
        let byline = pred.authors.join(", ");
        let title = self
            .title
            .add(g.title.as_deref(), pred.title.is_some(), |t| {
                same_exact(t, pred.title.as_deref().unwrap_or_default())
            });
        let byline_ok = self
            .byline
            .add(g.author.as_deref(), !byline.is_empty(), |b| {
                same_exact(b, &byline)
            });
        let names_gold = g
            .author
            .as_deref()
            .filter(|b| same_byline_names(b, &[]).is_some());
        let byline_names = self
            .byline_names
            .add(names_gold, !pred.authors.is_empty(), |b| {
                same_byline_names(b, &pred.authors) == Some(true)
            });
        let site_name = self
            .site_name
            .add(g.site_name.as_deref(), pred.site_name.is_some(), |s| {
                same_exact(s, pred.site_name.as_deref().unwrap_or_default())
            });
        let published = self
            .published
            .add(g.published.as_deref(), pred.published.is_some(), |d| {
                same_date(d, pred.published.as_deref().unwrap_or_default())
            });
        json!({
            "title": title,
            "byline": byline_ok,
            "byline_names": byline_names,
            "site_name": site_name,
            "published": published,
            "gold": {
                "title": g.title,
                "byline": g.author,
                "siteName": g.site_name,
                "publishedTime": g.published,
            },
            "ours": {
                "title": pred.title,
                "byline": byline,
                "site_name": pred.site_name,
                "published": pred.published,
            },
        })
    }

    pub fn metrics(&self, m: &mut Metrics) {
        for (name, r) in [
            ("title", &self.title),
            ("byline", &self.byline),
            ("byline_names", &self.byline_names),
            ("siteName", &self.site_name),
            ("publishedTime", &self.published),
        ] {
            m.push((name.into(), r.value()));
            m.push((format!("#{name}"), r.scored as f64));
        }
    }

    pub const NOTE: &'static str = "metadata rates are over pages whose expected value is \
        non-null; title, byline (our authors joined with \", \") and siteName must match after \
        whitespace collapsing, publishedTime on the day; byline_names: our names are the \
        byline's once labels, joiners and dates are set aside (over bylines that name someone)";
}

fn means_metrics(m: &words::Means) -> Metrics {
    vec![
        ("P".into(), m.p.value()),
        ("R".into(), m.r.value()),
        ("F1".into(), m.f1.value()),
        ("#pages".into(), m.f1.count() as f64),
    ]
}

impl ContentScorer {
    pub fn new(set: &str, system: &str) -> Self {
        ContentScorer {
            set: set.into(),
            system: system.into(),
            tally: Tally::default(),
            shingles: Default::default(),
            words: Default::default(),
            words_by_type: BTreeMap::new(),
            words_with_gold: Default::default(),
            snippets: Default::default(),
            readability: Default::default(),
            headline: Rate::default(),
            headline_by_language: BTreeMap::new(),
        }
    }

    /// Scores one page and writes its record to the `--pages` log.
    pub fn add(&mut self, page: &Page, pred: &Prediction, log: &mut PageLog) -> Result<()> {
        self.tally.add(page, pred);
        let gold_text = page.gold.text.as_deref().unwrap_or_default();
        let (p, r, f1, detail) = match self.set.as_str() {
            sets::SCRAPINGHUB => {
                let c = shingles::count(gold_text, &pred.text);
                self.shingles.add(c);
                let (p, r) = (c.precision(), c.recall());
                let f1 = crate::score::page_f1(p, r);
                (p, r, f1, json!({"tp": c.tp, "fp": c.fp, "fn": c.fn_}))
            }
            sets::TRAFILATURA => {
                let c = snippets::count(&pred.text, &page.gold.with, &page.gold.without);
                self.snippets += c;
                let (p, r) = (c.precision(), c.recall());
                let f1 = crate::score::page_f1(p, r);
                let detail = json!({"tp": c.tp, "fp": c.fp, "fn": c.fn_, "tn": c.tn});
                (p, r, f1, detail)
            }
            _ => {
                // fundus-dev and daniel-dev count each Han or kana character as a token.
                let tokenizer = if self.set == sets::FUNDUS || self.set == sets::DANIEL {
                    words::Tokenizer::HanSplit
                } else {
                    words::Tokenizer::Words
                };
                let s = words::score_with(gold_text, &pred.text, tokenizer);
                self.words.add(s);
                if let Some(t) = &page.page_type {
                    self.words_by_type.entry(t.clone()).or_default().add(s);
                }
                if !words::is_empty(gold_text) {
                    self.words_with_gold.add(s);
                }
                let detail = if self.set == sets::READABILITY {
                    self.readability.add(page, pred)
                } else if self.set == sets::DANIEL {
                    self.add_headline(page, pred)
                } else {
                    Value::Null
                };
                (Some(s.p), Some(s.r), Some(s.f1), detail)
            }
        };
        log.write(&PageRecord {
            set: &self.set,
            system: &self.system,
            id: &page.id,
            page_type: page.page_type.as_deref(),
            p,
            r,
            f1,
            outcome: pred.outcome.name(),
            message: pred.message.as_deref(),
            detail,
        })
    }

    /// The headline figure: our title equal to the reference's first paragraph after case
    /// folding and whitespace collapsing.
    fn add_headline(&mut self, page: &Page, pred: &Prediction) -> Value {
        let gold = page.gold.title.as_deref();
        let agree = |g: &str| same_title(g, pred.title.as_deref().unwrap_or_default());
        let matched = self.headline.add(gold, pred.title.is_some(), agree);
        if let Some(language) = &page.page_type {
            let rate = self
                .headline_by_language
                .entry(language.clone())
                .or_default();
            rate.add(gold, pred.title.is_some(), agree);
        }
        json!({"headline": matched, "gold": gold, "ours": pred.title})
    }

    pub fn finish(self) -> SetReport {
        let mut report = SetReport {
            set: self.set.clone(),
            system: self.system,
            tally: self.tally,
            ..Default::default()
        };
        match self.set.as_str() {
            sets::SCRAPINGHUB => {
                let (p, r, f1) = self.shingles.scores();
                report.metrics = vec![("P".into(), p), ("R".into(), r), ("F1".into(), f1)];
                report.notes.push(
                    "4-token shingles; P over pages with a prediction, R over pages with gold"
                        .into(),
                );
            }
            sets::TRAFILATURA => {
                let c = self.snippets;
                let (p, r, f1, acc) = c.scores();
                report.metrics = vec![
                    ("P".into(), p),
                    ("R".into(), r),
                    ("F1".into(), f1),
                    ("accuracy".into(), acc),
                    ("#TP".into(), c.tp as f64),
                    ("#FP".into(), c.fp as f64),
                    ("#FN".into(), c.fn_ as f64),
                    ("#TN".into(), c.tn as f64),
                ];
            }
            _ => {
                report.metrics = means_metrics(&self.words);
                report.groups = self
                    .words_by_type
                    .iter()
                    .map(|(t, m)| (t.clone(), means_metrics(m)))
                    .collect();
                if self.set == sets::DANIEL {
                    report
                        .metrics
                        .push(("headline".into(), self.headline.value()));
                    for (language, rate) in &self.headline_by_language {
                        if let Some(group) = report.groups.get_mut(language) {
                            group.push(("headline".into(), rate.value()));
                        }
                    }
                    report.notes.push(
                        "DANIEL rule: WCXB word rule, reference <p> markup removed, each Han or \
                         kana character a token; groups are languages. headline = title equal \
                         to the reference's first paragraph after case folding and whitespace \
                         collapsing"
                            .into(),
                    );
                } else if self.set == sets::READABILITY {
                    self.readability.metrics(&mut report.metrics);
                    report.notes.push(
                        "text of expected.html flattened by our flattener; WCXB word rule".into(),
                    );
                    report.notes.push(ReadabilityMeta::NOTE.into());
                } else if self.set == sets::FUNDUS {
                    report.notes.push(
                        "mean per-page word P/R/F1 (WCXB rule) with every Han or kana character \
                         a token of its own; groups are countries"
                            .into(),
                    );
                } else {
                    let w = &self.words_with_gold;
                    report.metrics.push(("F1_gold".into(), w.f1.value()));
                    report.metrics.push(("#gold".into(), w.f1.count() as f64));
                    report.notes.push(
                        "mean per-page word P/R/F1 by the README rule: an empty gold scores 1 \
                         against an empty prediction, else 0. F1_gold = the mean over the #gold \
                         pages whose gold has text (rs-trafilatura's published 0.859 matches \
                         this variant, not the rule)"
                            .into(),
                    );
                }
            }
        }
        if report.tally.missing > 0 {
            report.notes.push(format!(
                "{} page(s) had no output and were scored as empty",
                report.tally.missing
            ));
        }
        report
    }
}

/// Scores each system on each set in `set_names` (pages are loaded once per set).
pub fn run(
    bench: &std::path::Path,
    set_names: &[&str],
    limit: Option<usize>,
    systems: &[System],
    log: &mut PageLog,
) -> Result<Vec<SetReport>> {
    let mut reports = Vec::new();
    for &set in set_names {
        let pages = sets::load(bench, set, limit)?;
        for system in systems {
            let predictor = Predictor::for_set(system, set)?;
            let mut scorer = ContentScorer::new(set, &system.name());
            for page in &pages {
                scorer.add(page, &predictor.predict(page), log)?;
            }
            let mut report = scorer.finish();
            report.notes.extend(predictor.note(set));
            reports.push(report);
        }
    }
    Ok(reports)
}
