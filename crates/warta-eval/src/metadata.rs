//! `warta-eval metadata`: publication dates (htmldate set), and title, authors and date
//! against the gold of WCXB, Readability and fundus-dev (which also scores the instant).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use serde_json::json;

use crate::content::ReadabilityMeta;
use crate::report::{Metrics, PageLog, PageRecord, SetReport, Tally};
use crate::run::{Prediction, Predictor, System};
use crate::score::dates::{self, Verdict};
use crate::score::meta::{
    instant, same_authors, same_date, same_instant, same_name_set, same_title, Rate,
};
use crate::sets::{self, Page};

fn date_metrics(c: &dates::Counts) -> Metrics {
    let (p, r, f1, acc) = c.scores();
    vec![
        ("P".into(), p),
        ("R".into(), r),
        ("F1".into(), f1),
        ("accuracy".into(), acc),
        ("#TP".into(), c.tp as f64),
        ("#FP".into(), c.fp as f64),
        ("#FN".into(), c.fn_ as f64),
        ("#TN".into(), c.tn as f64),
    ]
}

/// WCXB metadata: title equal after case folding and whitespace collapsing; authors equal as
/// sets of names (split on `,` `;` `&` ` and `); publication date on the day. Each rate is over
/// the pages whose gold field is non-empty.
#[derive(Default)]
struct WcxbMeta {
    title: Rate,
    authors: Rate,
    date: Rate,
}

impl WcxbMeta {
    fn add(&mut self, page: &Page, pred: &Prediction) -> serde_json::Value {
        let g = &page.gold;
        let title = self
            .title
            .add(g.title.as_deref(), pred.title.is_some(), |t| {
                same_title(t, pred.title.as_deref().unwrap_or_default())
            });
        let authors = self
            .authors
            .add(g.author.as_deref(), !pred.authors.is_empty(), |a| {
                same_authors(a, &pred.authors)
            });
        let date = self
            .date
            .add(g.published.as_deref(), pred.published.is_some(), |d| {
                same_date(d, pred.published.as_deref().unwrap_or_default())
            });
        json!({
            "title": title,
            "authors": authors,
            "date": date,
            "gold": {"title": g.title, "author": g.author, "date": g.published},
            "ours": {"title": pred.title, "authors": pred.authors, "published": pred.published},
        })
    }

    fn metrics(&self) -> Metrics {
        let mut m = Metrics::new();
        for (name, r) in [
            ("title", &self.title),
            ("authors", &self.authors),
            ("date", &self.date),
        ] {
            m.push((name.into(), r.value()));
            m.push((format!("#{name}"), r.scored as f64));
            m.push((format!("#{name}_spurious"), r.spurious as f64));
        }
        m
    }
}

/// fundus-dev: title as WCXB's; authors as the same set of names (case-folded, the gold's
/// list against ours, unsplit); the day as written; and the instant, over the pages whose gold
/// has a time and an offset: the same moment within five minutes, which needs an offset in the
/// prediction. `local_time` counts predictions with a time but no offset on those pages.
#[derive(Default)]
struct FundusMeta {
    title: Rate,
    authors: Rate,
    day: Rate,
    instant: Rate,
    local_time: usize,
}

impl FundusMeta {
    fn add(&mut self, page: &Page, pred: &Prediction) -> serde_json::Value {
        let g = &page.gold;
        let predicted = pred.published.as_deref().unwrap_or_default();
        let title = self
            .title
            .add(g.title.as_deref(), pred.title.is_some(), |t| {
                same_title(t, pred.title.as_deref().unwrap_or_default())
            });
        let names = (!g.authors.is_empty()).then_some("names");
        let authors = self.authors.add(names, !pred.authors.is_empty(), |_| {
            same_name_set(&g.authors, &pred.authors)
        });
        let day = self
            .day
            .add(g.published.as_deref(), pred.published.is_some(), |d| {
                same_date(d, predicted)
            });
        let gold_instant = g.published.as_deref().filter(|d| instant(d).is_some());
        let moment = self
            .instant
            .add(gold_instant, pred.published.is_some(), |d| {
                same_instant(d, predicted)
            });
        let local = gold_instant.is_some() && predicted.len() > 10 && instant(predicted).is_none();
        self.local_time += usize::from(local);
        json!({
            "title": title,
            "authors": authors,
            "day": day,
            "instant": moment,
            "local_time": local,
            "gold": {"title": g.title, "authors": g.authors, "published": g.published},
            "ours": {"title": pred.title, "authors": pred.authors, "published": pred.published},
        })
    }

    fn metrics(&self) -> Metrics {
        let mut m = Metrics::new();
        for (name, r) in [
            ("title", &self.title),
            ("authors", &self.authors),
            ("day", &self.day),
            ("instant", &self.instant),
        ] {
            m.push((name.into(), r.value()));
            m.push((format!("#{name}"), r.scored as f64));
        }
        m.push(("#local_time".into(), self.local_time as f64));
        m
    }
}

enum Scorer {
    Dates {
        all: dates::Counts,
        by_list: BTreeMap<String, dates::Counts>,
    },
    Wcxb(WcxbMeta),
    Readability(ReadabilityMeta),
    Fundus(FundusMeta),
}

impl Scorer {
    fn new(set: &str) -> Self {
        match set {
            sets::HTMLDATE => Scorer::Dates {
                all: Default::default(),
                by_list: BTreeMap::new(),
            },
            sets::WCXB => Scorer::Wcxb(WcxbMeta::default()),
            sets::FUNDUS => Scorer::Fundus(FundusMeta::default()),
            _ => Scorer::Readability(ReadabilityMeta::default()),
        }
    }

    fn add(&mut self, page: &Page, pred: &Prediction) -> serde_json::Value {
        match self {
            Scorer::Dates { all, by_list } => {
                let v = dates::judge(page.gold.published.as_deref(), pred.published.as_deref());
                all.add(v);
                if let Some(list) = &page.page_type {
                    by_list.entry(list.clone()).or_default().add(v);
                }
                json!({
                    "gold": page.gold.published,
                    "predicted": pred.published,
                    "verdict": match v {
                        Verdict::Right => "right",
                        Verdict::Wrong => "wrong",
                        Verdict::Missed => "missed",
                        Verdict::RightlyNone => "rightly-none",
                    },
                })
            }
            Scorer::Wcxb(m) => m.add(page, pred),
            Scorer::Readability(m) => m.add(page, pred),
            Scorer::Fundus(m) => m.add(page, pred),
        }
    }

    fn finish(self, report: &mut SetReport) {
        match self {
            Scorer::Dates { all, by_list } => {
                report.metrics = date_metrics(&all);
                report.groups = by_list
                    .iter()
                    .map(|(k, c)| (k.clone(), date_metrics(c)))
                    .collect();
                report.notes.push(
                    "same day = TP, wrong or unreadable date = FP, no date = FN (TN when the \
                     gold has none)"
                        .into(),
                );
            }
            Scorer::Wcxb(m) => {
                report.metrics = m.metrics();
                report.notes.push(
                    "rates over pages whose gold field is non-empty (#field); title case-folded \
                     and whitespace-collapsed; authors as sets split on , ; & and; date on the \
                     day; #field_spurious = we gave a value where the gold has none"
                        .into(),
                );
            }
            Scorer::Readability(m) => {
                m.metrics(&mut report.metrics);
                report.notes.push(ReadabilityMeta::NOTE.into());
            }
            Scorer::Fundus(m) => {
                report.metrics = m.metrics();
                report.notes.push(
                    "title case-folded and whitespace-collapsed; authors the same set of names \
                     (case-folded); day as written; instant within 5 minutes over the #instant \
                     pages whose gold has a time and an offset (a prediction without an offset \
                     misses; #local_time counts those)"
                        .into(),
                );
            }
        }
    }
}

/// Scores each system on each set in `set_names` (pages are loaded once per set).
pub fn run(
    bench: &Path,
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
            let name = system.name();
            let mut scorer = Scorer::new(set);
            let mut tally = Tally::default();
            for page in &pages {
                let pred = predictor.predict(page);
                tally.add(page, &pred);
                let detail = scorer.add(page, &pred);
                log.write(&PageRecord {
                    set,
                    system: &name,
                    id: &page.id,
                    page_type: page.page_type.as_deref(),
                    p: None,
                    r: None,
                    f1: None,
                    outcome: pred.outcome.name(),
                    message: pred.message.as_deref(),
                    detail,
                })?;
            }
            let mut report = SetReport {
                set: set.into(),
                system: name,
                tally,
                ..Default::default()
            };
            scorer.finish(&mut report);
            report.notes.extend(predictor.note(set));
            reports.push(report);
        }
    }
    Ok(reports)
}
