//! The one copyright test, for both pipelines: whether a text carries a copyright mark, whether
//! a line opens as a site's copyright notice, and the holder such a notice names. Metadata
//! reads no dates from these lines; text mode ends the page at the last notice and takes the
//! site's name from it.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Longest name a copyright line may give for the site.
const MAX_HOLDER_WORDS: usize = 5;

/// A copyright mark anywhere in `text`, in any case: "©", "Copyright", "(c) ".
pub(crate) fn has_mark(text: &str) -> bool {
    static MARKS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["©", "copyright", "(c) "])
            .expect("copyright marks build an automaton")
    });
    MARKS.is_match(text)
}

/// A site's copyright line, given lower-cased: "© 2024 The Courier", "Copyright 2024 …" (the
/// word is the same on sites in most languages). A "©1919" inside a book's citation is none.
pub(crate) fn opens_notice(folded: &str) -> bool {
    let opening = folded.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©');
    opening.starts_with('©')
        || opening
            .strip_prefix("copyright")
            .is_some_and(|rest| !rest.starts_with(char::is_alphabetic))
}

/// "© 2024 The Harbour Courier. All rights reserved." → "The Harbour Courier".
pub(crate) fn holder(line: &str) -> Option<String> {
    let (_, after) = line.split_once('©')?;
    let holder = after
        .split(['.', '|', ',', '·', '–', '—'])
        .next()?
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit() || c == '-'))
        .collect::<Vec<_>>()
        .join(" ");
    let words = holder.split_whitespace().count();
    let capitalised = holder.chars().next().is_some_and(char::is_uppercase);
    ((1..=MAX_HOLDER_WORDS).contains(&words) && capitalised).then_some(holder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copyright_lines_are_known_in_any_case() {
        assert!(has_mark("© 2024 The Courier"));
        assert!(has_mark("COPYRIGHT 2019, all rights reserved"));
        assert!(has_mark("(C) 2020 Harbour Media"));
        assert!(!has_mark("Published 12 March 2024"));
        assert!(!has_mark("Section (c)"));
    }

    #[test]
    fn a_sentence_about_copyrighted_works_is_no_copyright_notice() {
        assert!(opens_notice("copyright 2024 the harbour courier"));
        assert!(opens_notice("© the harbour courier"));
        assert!(opens_notice("© 2024 the courier"));
        assert!(!opens_notice(
            "copyrighted materials are provided to students through the library."
        ));
        assert!(!opens_notice(
            "eight garages (new britain : stanley works, ©1919), by stanley works"
        ));
    }

    #[test]
    fn a_copyright_line_names_the_site() {
        assert_eq!(
            holder("© 2024 The Harbour Courier. All rights reserved.").as_deref(),
            Some("The Harbour Courier")
        );
        assert_eq!(
            holder("© Nordkurier Allgemeine 2024. Alle Rechte vorbehalten.").as_deref(),
            Some("Nordkurier Allgemeine")
        );
        assert_eq!(holder("© 2024"), None);
    }
}
