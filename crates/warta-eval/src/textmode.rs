//! `warta-eval textmode`: the same pages flattened the way a crawler would, then read by
//! warta's text mode, by the C4 line filter, and (for comparison) by warta on the HTML.

use std::path::Path;

use anyhow::Result;

use crate::content::ContentScorer;
use crate::flatten::flatten_html;
use crate::report::{PageLog, SetReport};
use crate::run::{self, Outcome};
use crate::sets;

/// Sets whose rule needs only text (so flattened input can be scored like HTML input).
pub const TEXTMODE_SETS: &[&str] = &[sets::WCXB, sets::SCRAPINGHUB];

pub const WARTA_TEXT: &str = "warta-text";
pub const C4: &str = "c4-filter";
pub const WARTA_HTML: &str = "warta-html";

pub fn run(
    bench: &Path,
    set_names: &[&str],
    limit: Option<usize>,
    log: &mut PageLog,
) -> Result<Vec<SetReport>> {
    let mut reports = Vec::new();
    for &set in set_names {
        let pages = sets::load(bench, set, limit)?;
        let mut text = ContentScorer::new(set, WARTA_TEXT);
        let mut c4 = ContentScorer::new(set, C4);
        let mut html = ContentScorer::new(set, WARTA_HTML);
        for page in &pages {
            // The flattener decodes with the engine's own charset detection.
            let flattened = page.bytes().map(|b| {
                let decoded = warta_core::internals::decode(&b, None);
                flatten_html(&decoded.text)
            });
            match flattened {
                Ok(flat) => {
                    text.add(page, &run::warta_text(page, &flat), log)?;
                    c4.add(page, &run::text_only(crate::c4::filter(&flat)), log)?;
                }
                Err(e) => {
                    let mut failed = run::text_only(String::new());
                    failed.outcome = Outcome::Error;
                    failed.message = Some(format!("{e:#}"));
                    text.add(page, &failed, log)?;
                    c4.add(page, &failed, log)?;
                }
            }
            html.add(page, &run::warta_html(page), log)?;
        }
        reports.extend([text.finish(), c4.finish(), html.finish()]);
    }
    Ok(reports)
}
