//! WCXB's rule: lower-cased `\w+` tokens as a multiset, per page.
//!
//! overlap = multiset intersection; P = overlap/|pred|, R = overlap/|gold|, F1 per page.
//! An empty prediction scores 1 against an empty gold and 0 otherwise; a non-empty prediction
//! against an empty gold scores 0 (nothing in it is content). The set reports the mean of the
//! per-page P, R and F1.

use std::collections::HashMap;

use super::{f1, tokens, tokens_cjk, Mean};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageScore {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

/// How a text is cut into tokens: `\w+` runs, or those with Han and kana split per character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tokens {
    Words,
    HanSplit,
}

fn bag(text: &str, rule: Tokens) -> (HashMap<String, usize>, usize) {
    let lower = text.to_lowercase();
    let mut counts = HashMap::new();
    let mut n = 0;
    let all: Box<dyn Iterator<Item = &str>> = match rule {
        Tokens::Words => Box::new(tokens(&lower)),
        Tokens::HanSplit => Box::new(tokens_cjk(&lower)),
    };
    for t in all {
        *counts.entry(t.to_string()).or_insert(0) += 1;
        n += 1;
    }
    (counts, n)
}

/// True when the text has no token (the page then falls under the empty-gold rule).
pub fn is_empty(text: &str) -> bool {
    tokens(text).next().is_none()
}

pub fn score(gold: &str, predicted: &str) -> PageScore {
    score_with(gold, predicted, Tokens::Words)
}

/// The same rule with the given tokenization.
pub fn score_with(gold: &str, predicted: &str, rule: Tokens) -> PageScore {
    let (gold, n_gold) = bag(gold, rule);
    let (pred, n_pred) = bag(predicted, rule);
    match (n_gold, n_pred) {
        (0, 0) => {
            return PageScore {
                p: 1.0,
                r: 1.0,
                f1: 1.0,
            }
        }
        (0, _) | (_, 0) => {
            return PageScore {
                p: 0.0,
                r: 0.0,
                f1: 0.0,
            }
        }
        _ => {}
    }
    let overlap: usize = pred
        .iter()
        .map(|(t, &c)| c.min(gold.get(t).copied().unwrap_or(0)))
        .sum();
    let p = overlap as f64 / n_pred as f64;
    let r = overlap as f64 / n_gold as f64;
    PageScore { p, r, f1: f1(p, r) }
}

/// Means of per-page scores.
#[derive(Debug, Default, Clone)]
pub struct Means {
    pub p: Mean,
    pub r: Mean,
    pub f1: Mean,
}

impl Means {
    pub fn add(&mut self, s: PageScore) {
        self.p.add(s.p);
        self.r.add(s.r);
        self.f1.add(s.f1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_ignored() {
        assert_eq!(score("The Cat sat", "the cat SAT").f1, 1.0);
    }

    #[test]
    fn repeated_words_count_as_a_multiset() {
        // "the" three times against twice: 3 of the 4 predicted tokens are in the gold.
        let s = score("the the cat", "the the the cat");
        assert_eq!((s.p, s.r), (0.75, 1.0));
    }

    #[test]
    fn partial_overlap() {
        let s = score("alpha beta gamma delta", "beta gamma menu");
        assert!((s.p - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.r - 0.5).abs() < 1e-12);
        assert!((s.f1 - 4.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn han_split_counts_characters() {
        // Whole-word tokens share nothing; per character, 2 of 3 predicted match 2 of 4 gold.
        assert_eq!(score("相关新闻", "相关报").f1, 0.0);
        let s = score_with("相关新闻", "相关报", Tokens::HanSplit);
        assert!((s.p - 2.0 / 3.0).abs() < 1e-12 && (s.r - 0.5).abs() < 1e-12);
    }

    #[test]
    fn empty_cases() {
        assert_eq!(score("", "").f1, 1.0);
        assert_eq!(score("  ...  ", "").f1, 1.0, "no tokens counts as empty");
        assert_eq!(score("some words", "").f1, 0.0);
        assert_eq!(score("", "menu items").f1, 0.0);
        assert!(is_empty(" -- ") && !is_empty("a"));
    }
}
