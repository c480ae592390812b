//! Lines of flattened text and the shape features the classifier reads from them.

use crate::strings::{collapse, ends_sentence, fold, CLAUSE_END, FULL_STOPS};

/// At most this many lines are read; the rest of a larger input is ignored.
pub(super) const MAX_LINES: usize = 100_000;

/// One non-empty line of the input, whitespace collapsed.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub text: String,
    /// `text` folded to lower case one char for one char, so char offsets agree with `text`.
    pub folded: String,
    /// Word-equivalents: whitespace-separated words, with ideographs and kana counted as
    /// half a word each (they are written without spaces).
    pub words: usize,
    /// Ends like a sentence (after closing quotes and brackets are set aside).
    pub ends_sentence: bool,
}

/// Splits the input into its non-empty lines.
pub(super) fn segment(text: &str) -> Vec<Line> {
    text.lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .take(MAX_LINES)
        .map(Line::new)
        .collect()
}

impl Line {
    pub(super) fn new(text: String) -> Line {
        let folded = fold(&text);
        let words = word_count(&text);
        let ends_sentence = ends_sentence(&text);
        Line {
            text,
            folded,
            words,
            ends_sentence,
        }
    }

    /// The first letter is upper case, or the line opens with a digit, a quote or a script
    /// without case: what headlines, names and titles look like.
    pub(super) fn starts_capitalised(&self) -> bool {
        match self.text.chars().find(|c| c.is_alphanumeric()) {
            Some(c) => c.is_uppercase() || c.is_numeric() || !c.is_lowercase(),
            None => false,
        }
    }

    /// A headline or a list entry's title: a few words, capitalised, not closed by a full stop
    /// or a clause mark (it may end with a question or an exclamation).
    pub(super) fn headline_shaped(&self) -> bool {
        (3..=30).contains(&self.words)
            && self.starts_capitalised()
            && !self.text.ends_with(FULL_STOPS)
            && !self.text.ends_with(CLAUSE_END)
            && !has_menu_separators(&self.text)
    }
}

/// The part of `original` after its first `chars` chars.
pub(super) fn skip_chars(original: &str, chars: usize) -> &str {
    match original.char_indices().nth(chars) {
        Some((i, _)) => &original[i..],
        None => "",
    }
}

/// Scripts written without spaces between words.
pub(super) fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF // ideographs
        | 0x0E00..=0x0E7F // Thai
        | 0xAC00..=0xD7AF // Hangul syllables (spaced, but dense)
    )
}

fn word_count(text: &str) -> usize {
    let mut words = 0;
    let mut unspaced = 0;
    for token in text.split_whitespace() {
        let dense = token.chars().filter(|&c| is_unspaced_script(c)).count();
        unspaced += dense;
        if dense == 0 && token.chars().any(char::is_alphanumeric) {
            words += 1;
        }
    }
    words + unspaced.div_ceil(2)
}

/// Menus and breadcrumbs flattened onto one line: "Home | News | Sport", "Home › World".
pub(super) fn has_menu_separators(text: &str) -> bool {
    let mut words = 0;
    let mut separators = 0;
    for w in text.split_whitespace() {
        if matches!(w, "|" | "›" | "»" | ">" | "·" | "•" | "/" | "::") {
            separators += 1;
        } else {
            words += 1;
        }
    }
    // Prose uses a stray separator now and then; a menu puts one between every few words.
    separators >= 2 && words <= separators * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_non_empty_lines_with_whitespace_collapsed() {
        let lines = segment("  A  b \n\n\t\nC.\r\n");
        let texts: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["A b", "C."]);
    }

    #[test]
    fn counts_ideographs_as_half_words() {
        assert_eq!(word_count("新华社北京电"), 3);
        assert_eq!(word_count("Hello world, 2022"), 3);
    }

    #[test]
    fn a_headline_may_ask_but_not_stop_or_break_off() {
        let shaped = |t: &str| Line::new(t.to_string()).headline_shaped();
        assert!(shaped("Mengapa harga beras naik lagi?"));
        assert!(!shaped("Harga beras naik lagi tahun ini."));
        assert!(!shaped("प्रदेश में बिजली का बिल बढ़ गया।"));
        assert!(!shaped("Harga beras naik lagi tahun ini，"));
    }

    #[test]
    fn skips_whole_chars() {
        assert_eq!(skip_chars("İstanbul Baca", 9), "Baca");
    }
}
