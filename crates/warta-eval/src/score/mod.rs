//! The published scoring rules, one module per rule, each testable on its own.

pub mod dates;
pub mod meta;
pub mod shingles;
pub mod snippets;
pub mod words;

use std::sync::LazyLock;

use regex::Regex;

/// Python's Unicode `\w` (letters, numbers, underscore), which the published scoring scripts
/// use. The `regex` crate's `\w` also takes in combining marks, joiners and a few symbols
/// (such as `ⓒ`): with it, words in Indic scripts would not split where Python splits them and
/// the scores would drift from the published ones.
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("static regex"));

/// The `\w+` tokens of `text`, case kept.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    WORD.find_iter(text).map(|m| m.as_str())
}

/// Han and kana: the scripts DANIEL's rule counts one token per character (CJK text has no
/// spaces, so a whole sentence would otherwise be one `\w+` token).
pub fn is_han_or_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The `\w+` tokens of `text` with every Han or kana character split off as a token of its
/// own (DANIEL's rule), case kept.
pub fn tokens_cjk(text: &str) -> impl Iterator<Item = &str> {
    tokens(text).flat_map(|word| {
        let mut pieces = Vec::new();
        let mut start = 0;
        for (i, c) in word.char_indices() {
            if is_han_or_kana(c) {
                if start < i {
                    pieces.push(&word[start..i]);
                }
                pieces.push(&word[i..i + c.len_utf8()]);
                start = i + c.len_utf8();
            }
        }
        if start < word.len() {
            pieces.push(&word[start..]);
        }
        pieces
    })
}

/// Harmonic mean; 0 when both are 0.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// A page's F1 from ratios that may be undefined (counted as 0); `None` when both are.
pub fn page_f1(p: Option<f64>, r: Option<f64>) -> Option<f64> {
    (p.is_some() || r.is_some()).then(|| f1(p.unwrap_or(0.0), r.unwrap_or(0.0)))
}

/// `a / b`, or `None` when `b` is 0.
pub fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// A running mean.
#[derive(Debug, Default, Clone, Copy)]
pub struct Mean {
    sum: f64,
    n: usize,
}

impl Mean {
    pub fn add(&mut self, x: f64) {
        self.sum += x;
        self.n += 1;
    }

    pub fn count(&self) -> usize {
        self.n
    }

    /// The mean, or 0 over no values (so that empty subsets never print NaN).
    pub fn value(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.sum / self.n as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unicode_words() {
        let t: Vec<_> = tokens("Zürich's café—naïve 2024, 東京! snake_case ½").collect();
        assert_eq!(
            t,
            [
                "Zürich",
                "s",
                "café",
                "naïve",
                "2024",
                "東京",
                "snake_case",
                "½"
            ]
        );
        // As in Python, a combining mark ends a word and a circled letter is no word.
        let t: Vec<_> = tokens("cafe\u{301} ⓒ").collect();
        assert_eq!(t, ["cafe"]);
    }

    #[test]
    fn han_and_kana_are_one_token_each() {
        let t: Vec<_> = tokens_cjk("新闻2024年 ニュースab Ελλάδα").collect();
        assert_eq!(
            t,
            [
                "新",
                "闻",
                "2024",
                "年",
                "ニ",
                "ュ",
                "ー",
                "ス",
                "ab",
                "Ελλάδα"
            ]
        );
    }

    #[test]
    fn f1_of_zeroes_is_zero() {
        assert_eq!(f1(0.0, 0.0), 0.0);
        assert!((f1(0.5, 1.0) - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn mean_of_nothing_is_zero() {
        let mut m = Mean::default();
        assert_eq!(m.value(), 0.0);
        m.add(1.0);
        m.add(0.0);
        assert_eq!((m.value(), m.count()), (0.5, 2));
    }
}
