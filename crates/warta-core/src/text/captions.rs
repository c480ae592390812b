//! Photo captions. A caption gives itself away by its credit: a bracketed credit at the end
//! ("Sergei Lavrov [Reuters]"), or a short unpunctuated tail after the last sentence that
//! names a photo agency or a hand-over ("… 2022. Polisi Wilayah Donetsk/Handout melalui
//! REUTERS"), or a line that opens with a photo label ("Foto: ANTARA/Aditya").

use super::furniture::Kind;
use super::lines::Line;
use super::phrases::Phrases;
use crate::script::is_cjk_punct;
use crate::strings::{fold, COLONS, SENTENCE_END};

/// A caption is a sentence or two, not a paragraph of reporting.
const MAX_CAPTION_WORDS: usize = 70;
/// A credit names a photographer and an agency, in a few words.
const MAX_CREDIT_WORDS: usize = 10;

/// Marks the lines that are captions, with their caption and credit split.
pub(super) fn mark(lines: &[Line], kinds: &mut [Kind], phrases: &Phrases) {
    for i in 0..lines.len() {
        if kinds[i] != Kind::Text || lines[i].words > MAX_CAPTION_WORDS {
            continue;
        }
        if let Some((caption, credit)) = split_credit(&lines[i].text, phrases) {
            kinds[i] = Kind::Caption {
                caption: (!caption.is_empty()).then_some(caption),
                credit: Some(credit),
            };
        }
    }
}

/// Splits an HTML figure caption into its text and credit, with the phrases of `language`
/// (all packs when it is unknown). The one credit splitter of both input kinds.
pub(crate) fn split_caption_credit(text: &str, language: Option<&str>) -> (String, Option<String>) {
    let text = text.trim();
    match split_credit(text, &Phrases::for_language(language)) {
        Some((caption, credit)) => (caption, Some(credit)),
        None => (text.to_string(), None),
    }
}

/// Splits a caption line into the caption and its credit, when it carries one.
pub(super) fn split_credit(text: &str, phrases: &Phrases) -> Option<(String, String)> {
    bracketed_credit(text, phrases)
        .or_else(|| trailing_credit(text, phrases))
        .or_else(|| labelled_credit(text, phrases))
}

/// "Caption [Credit]" or "Caption (Foto: Credit)".
fn bracketed_credit(text: &str, phrases: &Phrases) -> Option<(String, String)> {
    let close = text.chars().next_back()?;
    let open = match close {
        ']' => '[',
        ')' => '(',
        _ => return None,
    };
    let at = text.rfind(open)?;
    let inner = text[at + open.len_utf8()..text.len() - close.len_utf8()].trim();
    let caption = text[..at].trim();
    if caption.is_empty() || !is_credit(inner, phrases) {
        return None;
    }
    Some((caption.to_string(), strip_label(inner, phrases)))
}

/// "Caption sentence. Credit words" — the tail after the last sentence end is a credit. A
/// full-width mark needs no space after it: CJK text has none.
fn trailing_credit(text: &str, phrases: &Phrases) -> Option<(String, String)> {
    let (at, stop) = text.char_indices().rfind(|&(i, c)| {
        SENTENCE_END.contains(&c)
            && (is_cjk_punct(c) || text[i + c.len_utf8()..].starts_with(char::is_whitespace))
    })?;
    let caption = text[..at + stop.len_utf8()].trim();
    let tail = text[at + stop.len_utf8()..].trim();
    let starts_upper = tail.chars().next().is_some_and(|c| !c.is_lowercase());
    if caption.split_whitespace().count() < 2
        || !starts_upper
        || Line::new(tail.to_string()).ends_sentence
        || !is_credit(tail, phrases)
    {
        return None;
    }
    Some((caption.to_string(), strip_label(tail, phrases)))
}

/// "Foto: ANTARA/Aditya Pradana" on its own line: a credit with no caption.
fn labelled_credit(text: &str, phrases: &Phrases) -> Option<(String, String)> {
    let folded = fold(text);
    let label = phrases_starting(&folded, phrases)?;
    let rest = super::lines::skip_chars(text, label).trim_start();
    let credit = rest.strip_prefix(COLONS)?.trim();
    if credit.is_empty() || credit.split_whitespace().count() > MAX_CREDIT_WORDS {
        return None;
    }
    Some((String::new(), credit.to_string()))
}

fn is_credit(candidate: &str, phrases: &Phrases) -> bool {
    let words = candidate.split_whitespace().count();
    (1..=MAX_CREDIT_WORDS).contains(&words)
        && (phrases.contains(&fold(candidate), |f| &f.photo_credit)
            || is_agency_slash_name(candidate))
}

/// "ANTARA/Aditya Pradana", "KOTA.CO/Rahmat Hidayanto": an outlet and a photographer joined
/// by a slash, the way many newsrooms credit pictures whatever their language.
fn is_agency_slash_name(candidate: &str) -> bool {
    let Some((outlet, name)) = candidate.split_once('/') else {
        return false;
    };
    let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    !outlet.is_empty()
        && !outlet.ends_with(' ')
        && !name.starts_with(' ')
        && capital(outlet.split_whitespace().last().unwrap_or(""))
        && capital(name)
        && !candidate.contains("://")
}

/// The photo label word a line opens with, by its length in chars.
fn phrases_starting(folded: &str, phrases: &Phrases) -> Option<usize> {
    phrases
        .packs()
        .iter()
        .flat_map(|p| &p.furniture.photo_credit)
        .filter(|w| {
            folded.starts_with(w.as_str()) && folded[w.len()..].trim_start().starts_with(COLONS)
        })
        .map(|w| w.chars().count())
        .max()
}

/// "Foto: ANTARA/Aditya" → "ANTARA/Aditya": the label is not part of the credit.
fn strip_label(credit: &str, phrases: &Phrases) -> String {
    let folded = fold(credit);
    match phrases_starting(&folded, phrases) {
        Some(label) => super::lines::skip_chars(credit, label)
            .trim_start()
            .trim_start_matches(COLONS)
            .trim()
            .to_string(),
        None => credit.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Option<(String, String)> {
        split_credit(text, &Phrases::for_language(Some("id")))
    }

    #[test]
    fn splits_an_outlet_slash_photographer_credit() {
        assert_eq!(
            split_caption_credit(
                "Seorang petani memetik kopi, Selasa (11/10/2022). KOTA.CO/Rahmat Hidayanto",
                Some("id")
            ),
            (
                "Seorang petani memetik kopi, Selasa (11/10/2022).".into(),
                Some("KOTA.CO/Rahmat Hidayanto".into())
            )
        );
        assert_eq!(
            split_caption_credit("A fire in the hills. (Photo: Jane Doe/AP)", None),
            ("A fire in the hills.".into(), Some("Jane Doe/AP".into()))
        );
        assert_eq!(
            split_caption_credit("A plain caption.", None),
            ("A plain caption.".into(), None)
        );
    }

    #[test]
    fn splits_a_bracketed_credit() {
        assert_eq!(
            split("Sergei Lavrov [Reuters]"),
            Some(("Sergei Lavrov".into(), "Reuters".into()))
        );
        assert_eq!(
            split("Warga mengantre di Jakarta (Foto: ANTARA/Aditya)"),
            Some(("Warga mengantre di Jakarta".into(), "ANTARA/Aditya".into()))
        );
    }

    #[test]
    fn splits_a_credit_after_the_last_sentence() {
        assert_eq!(
            split("Bangunan yang rusak di Bakhmut, 9 Mei 2022. Polisi Wilayah Donetsk/Handout melalui REUTERS"),
            Some((
                "Bangunan yang rusak di Bakhmut, 9 Mei 2022.".into(),
                "Polisi Wilayah Donetsk/Handout melalui REUTERS".into()
            ))
        );
    }

    #[test]
    fn any_sentence_end_can_precede_the_credit() {
        assert_eq!(
            split("Para pengungsi tiba di perbatasan… KOTA.CO/Rahmat Hidayanto"),
            Some((
                "Para pengungsi tiba di perbatasan…".into(),
                "KOTA.CO/Rahmat Hidayanto".into()
            ))
        );
        assert_eq!(
            split("市民 在广场上庆祝！KOTA.CO/Rahmat"),
            Some(("市民 在广场上庆祝！".into(), "KOTA.CO/Rahmat".into()))
        );
    }

    #[test]
    fn leaves_ordinary_sentences_alone() {
        assert_eq!(split("Lavrov menekankan, Rusia menerima kekalahan."), None);
        assert_eq!(split("Laporan itu dirilis pekan lalu (lihat tabel)."), None);
        assert_eq!(split("Harga naik. Menurut data terbaru"), None);
    }
}
