//! The trafilatura set's rule: snippets that must (`with`) or must not (`without`) appear.
//!
//! The extracted text's whitespace is normalised (runs of Unicode whitespace become one
//! space); the snippets are searched as given, as plain substrings. Found `with` = TP, missing
//! `with` = FN, found `without` = FP, missing `without` = TN. Counts are summed over the set
//! before P = TP/(TP+FP), R = TP/(TP+FN), F1 and accuracy = (TP+TN)/all are taken.

use std::ops::AddAssign;

use super::{f1, ratio};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.tn += o.tn;
    }
}

impl Counts {
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// (P, R, F1, accuracy); an undefined ratio counts as 0.
    pub fn scores(&self) -> (f64, f64, f64, f64) {
        let p = self.precision().unwrap_or(0.0);
        let r = self.recall().unwrap_or(0.0);
        let all = self.tp + self.fp + self.fn_ + self.tn;
        let acc = ratio(self.tp + self.tn, all).unwrap_or(0.0);
        (p, r, f1(p, r), acc)
    }
}

pub fn normalise_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn count(extracted: &str, with: &[String], without: &[String]) -> Counts {
    let text = normalise_whitespace(extracted);
    let mut c = Counts::default();
    for s in with {
        if text.contains(s.as_str()) {
            c.tp += 1;
        } else {
            c.fn_ += 1;
        }
    }
    for s in without {
        if text.contains(s.as_str()) {
            c.fp += 1;
        } else {
            c.tn += 1;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn snippets_match_across_normalised_whitespace() {
        let text = "The  minister\n\nsaid on Monday\tthat\u{a0}taxes rise.\nImpressum";
        let c = count(
            text,
            &v(&["minister said on Monday", "taxes rise", "absent line"]),
            &v(&["Impressum", "Newsletter"]),
        );
        assert_eq!(
            c,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 1,
                tn: 1
            }
        );
    }

    #[test]
    fn snippets_are_not_normalised() {
        // A snippet holding a no-break space cannot match once the text's is normalised.
        let c = count("a\u{a0}b", &v(&["a\u{a0}b"]), &[]);
        assert_eq!(c.fn_, 1);
    }

    #[test]
    fn empty_extraction_finds_nothing() {
        let c = count("", &v(&["x", "y"]), &v(&["z"]));
        assert_eq!(
            c,
            Counts {
                tp: 0,
                fp: 0,
                fn_: 2,
                tn: 1
            }
        );
        let (p, r, f, acc) = c.scores();
        assert_eq!((p, r, f), (0.0, 0.0, 0.0));
        assert!((acc - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn counts_sum_before_ratios() {
        let mut total = count("a b", &v(&["a"]), &v(&["b"]));
        total += count("c", &v(&["c", "d"]), &v(&["e"]));
        assert_eq!(
            total,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 1,
                tn: 1
            }
        );
        let (p, r, _, acc) = total.scores();
        assert!((p - 2.0 / 3.0).abs() < 1e-12);
        assert!((r - 2.0 / 3.0).abs() < 1e-12);
        assert!((acc - 0.6).abs() < 1e-12);
    }
}
