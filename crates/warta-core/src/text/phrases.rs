//! The language packs' furniture phrases, asked of one line at a time, and the language of the
//! text (which decides which packs are asked).

use crate::lang::{self, Furniture, LanguagePack};

use super::lines::{is_unspaced_script, Line};

/// Which of a pack's furniture lists to ask.
pub(super) type List = fn(&Furniture) -> &Vec<String>;

/// The packs consulted for one text: its own language's, plus English, which portals in every
/// language use for furniture ("Advertisement", "Read more").
pub(super) struct Phrases {
    packs: Vec<&'static LanguagePack>,
}

impl Phrases {
    pub(super) fn for_language(code: Option<&str>) -> Phrases {
        let all = lang::packs();
        let packs = match code.and_then(lang::pack) {
            Some(own) => {
                let mut packs = vec![own];
                packs.extend(lang::pack("en").filter(|en| en.code != own.code));
                packs
            }
            None => all.iter().collect(),
        };
        Phrases { packs }
    }

    pub(super) fn packs(&self) -> &[&'static LanguagePack] {
        &self.packs
    }

    /// The whole line is one of the phrases (ignoring case, surrounding punctuation and
    /// arrows such as "Read more »").
    pub(super) fn whole_line(&self, line: &Line, list: List) -> bool {
        let core = line
            .folded
            .trim_matches(|c: char| !c.is_alphanumeric() && !is_unspaced_script(c));
        !core.is_empty()
            && self
                .phrases(list)
                .any(|p| p.trim_matches(|c: char| !c.is_alphanumeric()) == core)
    }

    /// The line opens with one of the phrases, ending at a word boundary; returns the
    /// phrase's length in chars (the longest match wins).
    pub(super) fn prefix(&self, line: &Line, list: List) -> Option<usize> {
        self.phrases(list)
            .filter(|p| starts_with_word(&line.folded, p))
            .map(|p| p.chars().count())
            .max()
    }

    /// One of the phrases occurs in the line as whole words.
    pub(super) fn contains(&self, folded: &str, list: List) -> bool {
        self.phrases(list).any(|p| contains_word(folded, p))
    }

    pub(super) fn phrases(&self, list: List) -> impl Iterator<Item = &'static str> + '_ {
        self.packs
            .iter()
            .flat_map(move |p| list(&p.furniture).iter().map(String::as_str))
    }
}

fn starts_with_word(folded: &str, phrase: &str) -> bool {
    folded.starts_with(phrase) && ends_at_boundary(phrase, &folded[phrase.len()..])
}

/// `phrase` occurs in `folded` with no letter or digit glued to either side (scripts written
/// without spaces need no boundary).
pub(super) fn contains_word(folded: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    folded.match_indices(phrase).any(|(at, _)| {
        let before_ok = folded[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() || is_unspaced_script(c))
            || phrase.chars().next().is_some_and(is_unspaced_script)
            || phrase.starts_with(|c: char| !c.is_alphanumeric());
        before_ok && ends_at_boundary(phrase, &folded[at + phrase.len()..])
    })
}

fn ends_at_boundary(phrase: &str, rest: &str) -> bool {
    let phrase_end = phrase.chars().next_back();
    match (phrase_end, rest.chars().next()) {
        (_, None) => true,
        (Some(p), _) if !p.is_alphanumeric() || is_unspaced_script(p) => true,
        (_, Some(r)) => !r.is_alphanumeric(),
    }
}

/// The text's language as ISO 639-1, when a detector is sure of it or the furniture
/// phrases of one pack clearly match. Malay, which the detector does not know, is told from
/// Indonesian by its phrases.
pub(super) fn detect_language(lines: &[Line]) -> Option<&'static str> {
    let mut by_length: Vec<&Line> = lines.iter().filter(|l| l.words >= 6).collect();
    by_length.sort_by_key(|l| std::cmp::Reverse(l.text.len()));
    let mut sample = String::new();
    for line in by_length {
        if sample.len() > 6000 {
            break;
        }
        sample.push_str(&line.text);
        sample.push('\n');
    }
    let detected = whatlang::detect(&sample)
        .filter(|info| info.is_reliable() || info.confidence() > 0.5)
        .and_then(|info| lang::iso_639_1(info.lang()));
    let phrase_hits = |code: &str| {
        lang::pack(code).map_or(0, |pack| {
            let only = Phrases { packs: vec![pack] };
            lines
                .iter()
                .filter(|l| l.words <= 12)
                .filter(|l| {
                    only.whole_line(l, |f| &f.related)
                        || only.whole_line(l, |f| &f.read_more)
                        || only.prefix(l, |f| &f.read_also).is_some()
                        || only.prefix(l, |f| &f.call_to_action).is_some()
                })
                .count()
        })
    };
    match detected {
        Some("id") if phrase_hits("ms") > phrase_hits("id") => Some("ms"),
        Some(code) => Some(code),
        None => {
            // Too little running text to tell: let the furniture speak.
            let (best, hits) = lang::packs()
                .iter()
                .map(|p| (p.code.as_str(), phrase_hits(&p.code)))
                .max_by_key(|&(_, hits)| hits)?;
            (hits >= 3).then(|| lang::pack(best).map(|p| p.code.as_str()))?
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> Line {
        Line::new(s.to_string())
    }

    #[test]
    fn prefix_needs_a_word_boundary() {
        let phrases = Phrases::for_language(Some("en"));
        let read_also = |s: &str| phrases.prefix(&line(s), |f| &f.read_also);
        assert_eq!(read_also("Read also: Markets fall"), Some(9));
        assert_eq!(read_also("Read alsoX"), None);
    }

    #[test]
    fn whole_line_ignores_case_and_arrows() {
        let phrases = Phrases::for_language(Some("id"));
        assert!(phrases.whole_line(&line("Baca Selengkapnya »"), |f| &f.read_more));
        assert!(!phrases.whole_line(&line("Baca selengkapnya di sini"), |f| &f.read_more));
    }

    #[test]
    fn whole_words_in_unspaced_scripts() {
        assert!(contains_word("图片来源新华社", "新华社"));
        assert!(contains_word("foto: reuters/ajeng", "reuters"));
        assert!(!contains_word("apple", "ap"));
    }
}
