//! Text measures that hold across scripts. Chinese and Japanese are written without spaces: a
//! whole sentence is one whitespace "word", so a rule that counts words must count their
//! characters instead.

/// Han and kana: scripts written without spaces between words. (Korean spaces its words.)
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}')
}

/// Punctuation of CJK text (full-width brackets, quotes and marks), which stands where a
/// space would in a spaced script.
pub(crate) fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
}

/// What one Han or kana character weighs against a Latin letter: a Chinese word of one or two
/// characters says what an English word of five or six letters says.
pub(crate) const CJK_CHAR_WEIGHT: usize = 3;

/// The weight of one non-space character in a text measure: [`CJK_CHAR_WEIGHT`] for Han
/// and kana, 1 for everything else. Length rules written in Latin letters then read a
/// Chinese paragraph as long as its English translation.
pub(crate) fn char_weight(c: char) -> usize {
    if is_cjk(c) {
        CJK_CHAR_WEIGHT
    } else {
        1
    }
}

/// The non-whitespace characters of `text`, weighed by [`char_weight`].
pub(crate) fn weighed_chars(text: &str) -> usize {
    if text.is_ascii() {
        // `char::is_whitespace` also counts the vertical tab
        return text
            .bytes()
            .filter(|&b| !b.is_ascii_whitespace() && b != 0x0B)
            .count();
    }
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(char_weight)
        .sum()
}

/// [`weighed_chars`] of a word, a text without whitespace: most are ASCII, and weigh their
/// length. Selection weighs every word of every page.
#[inline]
pub(crate) fn word_weight(word: &str) -> usize {
    if word.is_ascii() {
        word.len()
    } else {
        word.chars().map(char_weight).sum()
    }
}

/// How many Han or kana characters make one word of a spaced script, about (most Chinese
/// words are one or two characters long).
const CJK_CHARS_PER_WORD: f32 = 2.0;

/// The number of words in `text`, counting Han and kana characters by
/// [`CJK_CHARS_PER_WORD`]; tokens without a letter or digit ("+", "-") are no words.
pub(crate) fn words(text: &str) -> f32 {
    text.split_whitespace()
        .map(|token| {
            let cjk = token.chars().filter(|&c| is_cjk(c)).count();
            let other = token.chars().any(|c| c.is_alphanumeric() && !is_cjk(c));
            cjk as f32 / CJK_CHARS_PER_WORD + if other { 1.0 } else { 0.0 }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_count_cjk_by_characters() {
        assert_eq!(words("Bridge reopens after repairs"), 4.0);
        assert_eq!(words("υγεία + fitness"), 2.0);
        assert_eq!(words("中時電子報"), 2.5);
        assert_eq!(words("Galaxy平板"), 2.0);
        assert_eq!(words(""), 0.0);
    }

    #[test]
    fn han_weighs_as_three_letters() {
        assert_eq!(weighed_chars("a b"), 2);
        assert_eq!(weighed_chars("a\u{0B}\t\x0c b"), 2);
        assert_eq!(weighed_chars("新闻 ab"), 8);
        for word in ["news", "新闻", "Galaxy平板", "υγεία"] {
            assert_eq!(word_weight(word), weighed_chars(word));
        }
    }

    #[test]
    fn cjk_is_han_and_kana() {
        assert!(is_cjk('新') && is_cjk('ニ') && !is_cjk('a') && !is_cjk('한'));
        assert!(is_cjk_punct('《') && is_cjk_punct('！') && !is_cjk_punct('!'));
    }
}
