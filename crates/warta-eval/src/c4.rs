//! A C4-style line filter, the usual baseline for cleaning crawler text: keep the lines that
//! look like sentences, drop everything else.
//!
//! A line is kept when it ends in terminal punctuation (`. ! ? " ”` or CJK `。！？`), has at
//! least three whitespace-separated words, and does not mention "javascript", "cookie" or
//! "lorem ipsum" (case-insensitively). As in C4, words are whitespace-separated, so unspaced
//! CJK lines rarely pass the word count.

const TERMINAL: &[char] = &['.', '!', '?', '"', '”', '。', '！', '？'];
const BANNED: &[&str] = &["javascript", "cookie", "lorem ipsum"];
const MIN_WORDS: usize = 3;

fn keep(line: &str) -> bool {
    let lower = line.to_lowercase();
    line.ends_with(TERMINAL)
        && line.split_whitespace().count() >= MIN_WORDS
        && !BANNED.iter().any(|b| lower.contains(b))
}

/// The kept lines, trimmed, one per line.
pub fn filter(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| keep(l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_sentences_only() {
        let text = "Home | News | Sport\n\
            The council approved the budget on Monday.\n\
            \n\
            Read more\n\
            We use cookies to improve your experience.\n\
            Please enable JavaScript to view comments.\n\
            Lorem ipsum dolor sit amet.\n\
            “We will appeal,” she said.”\n\
            Is it over?\n\
            Two words.\n\
            市议会周一批准了 今年的 预算。";
        assert_eq!(
            filter(text),
            "The council approved the budget on Monday.\n\
             “We will appeal,” she said.”\n\
             Is it over?\n\
             市议会周一批准了 今年的 预算。"
        );
    }

    #[test]
    fn empty_input_gives_empty_output() {
        assert_eq!(filter(""), "");
    }
}
