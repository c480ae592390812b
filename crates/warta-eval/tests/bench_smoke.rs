//! The content evaluation on the first pages of every available set: it must finish with
//! finite scores in [0, 1] and without a single engine panic.

use std::path::PathBuf;

use warta_eval::report::PageLog;
use warta_eval::run::System;
use warta_eval::{content, sets};

const PAGES_PER_SET: usize = 20;

fn bench_dir() -> Option<PathBuf> {
    let dir = sets::default_bench_dir();
    if dir.is_none() {
        eprintln!("skipping: no ../shared/bench next to the repository (or its ancestors)");
    }
    dir
}

#[test]
fn content_eval_gives_sane_numbers_on_every_set() {
    let Some(bench) = bench_dir() else { return };
    for &set in sets::CONTENT_SETS {
        if !bench.join(set).is_dir() {
            eprintln!("skipping set {set}: not in {}", bench.display());
            continue;
        }
        let reports = content::run(
            &bench,
            &[set],
            Some(PAGES_PER_SET),
            &[System::Warta],
            &mut PageLog::none(),
        )
        .unwrap_or_else(|e| panic!("{set}: {e:#}"));
        for r in reports {
            assert_eq!(r.tally.pages, PAGES_PER_SET, "{set}: page count");
            assert_eq!(
                r.tally.panics, 0,
                "{set}: engine panicked on {:?}",
                r.tally.panicked
            );
            assert!(!r.metrics.is_empty(), "{set}: no metrics");
            let all = r.metrics.iter().chain(r.groups.values().flatten());
            for (name, v) in all.filter(|(n, _)| !n.starts_with('#')) {
                assert!(
                    v.is_finite() && (0.0..=1.0).contains(v),
                    "{set}: {name} = {v}"
                );
            }
        }
    }
}
