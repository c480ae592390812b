//! ScrapingHub's rule: 4-token shingles counted as multisets.
//!
//! Tokens are `\w+` (case kept). A text of fewer than four tokens is one shingle; an empty
//! text has none. Per page, TP = shingles shared (multiset intersection), FP = predicted only,
//! FN = gold only. Page precision = TP/(TP+FP), recall = TP/(TP+FN); the set's P is the mean
//! precision over pages with TP+FP > 0 and R the mean recall over pages with TP+FN > 0, so an
//! empty prediction costs recall but is left out of precision. (The published rule's special
//! cases, "1 where FP=FN=0" and "0 where TP=FP=0", give the same values on those pages.)

use std::collections::HashMap;

use super::{f1, ratio, tokens, Mean};

const SHINGLE_LEN: usize = 4;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// `None` when the page does not count towards the set's precision.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// `None` when the page does not count towards the set's recall.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks: Vec<&str> = tokens(text).collect();
    let mut counts = HashMap::new();
    if toks.is_empty() {
        return counts;
    }
    if toks.len() < SHINGLE_LEN {
        counts.insert(toks, 1);
        return counts;
    }
    for w in toks.windows(SHINGLE_LEN) {
        *counts.entry(w.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Shingle matches between the gold text and a prediction.
pub fn count(gold: &str, predicted: &str) -> Counts {
    let gold = shingles(gold);
    let pred = shingles(predicted);
    let mut c = Counts::default();
    for (sh, &g) in &gold {
        let p = pred.get(sh).copied().unwrap_or(0);
        c.tp += g.min(p);
        c.fn_ += g.saturating_sub(p);
    }
    for (sh, &p) in &pred {
        let g = gold.get(sh).copied().unwrap_or(0);
        c.fp += p.saturating_sub(g);
    }
    c
}

/// The set's P, R and F1 from per-page counts.
#[derive(Debug, Default)]
pub struct Totals {
    precision: Mean,
    recall: Mean,
}

impl Totals {
    pub fn add(&mut self, c: Counts) {
        if let Some(p) = c.precision() {
            self.precision.add(p);
        }
        if let Some(r) = c.recall() {
            self.recall.add(r);
        }
    }

    /// (P, R, F1)
    pub fn scores(&self) -> (f64, f64, f64) {
        let (p, r) = (self.precision.value(), self.recall.value());
        (p, r, f1(p, r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_match_fully() {
        let c = count("one two three four five", "one two three four five");
        assert_eq!(
            c,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!((c.precision(), c.recall()), (Some(1.0), Some(1.0)));
    }

    #[test]
    fn repeated_shingles_count_as_a_multiset() {
        // gold has "a b c d" twice; the prediction once: one match, one miss.
        let gold = "a b c d x a b c d";
        let pred = "a b c d";
        let c = count(gold, pred);
        assert_eq!(
            c,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 5
            }
        );
        // and the other way round the surplus copy is a false positive.
        let c = count(pred, gold);
        assert_eq!(
            c,
            Counts {
                tp: 1,
                fp: 5,
                fn_: 0
            }
        );
    }

    #[test]
    fn short_text_is_one_shingle() {
        assert_eq!(
            count("Hello world", "Hello world"),
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            count("Hello world", "hello world"),
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
    }

    #[test]
    fn punctuation_and_spacing_do_not_matter() {
        let c = count("It's a test, really.", "It s  a test really");
        assert_eq!(
            c,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
    }

    #[test]
    fn empty_prediction_counts_for_recall_only() {
        let c = count("one two three four", "");
        assert_eq!(
            c,
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!((c.precision(), c.recall()), (None, Some(0.0)));
    }

    #[test]
    fn empty_gold_counts_for_precision_only() {
        let c = count("", "one two three four");
        assert_eq!((c.precision(), c.recall()), (Some(0.0), None));
        assert_eq!(count("", ""), Counts::default());
    }

    #[test]
    fn totals_average_over_contributing_pages() {
        let mut t = Totals::default();
        t.add(count("a b c d e", "a b c d")); // P 1, R 0.5
        t.add(count("a b c d", "")); // R 0, no P
        let (p, r, f) = t.scores();
        assert_eq!((p, r), (1.0, 0.25));
        assert!((f - 0.4).abs() < 1e-12);
    }
}
