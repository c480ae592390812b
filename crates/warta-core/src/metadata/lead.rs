//! The lead's furniture: the dateline ("TEMPO.CO, Jakarta - ", "WASHINGTON (Reuters) -")
//! and wire or source credits ("(AP)", "Sumber: Reuters"). Both work on plain text, so the
//! HTML and text pipelines share them.

use crate::dates::{self, DateContext};
use crate::lang;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// A dateline is at most this long (characters before the separator).
const MAX_DATELINE_CHARS: usize = 70;
const MAX_SOURCE_CHARS: usize = 40;

/// Splits a dateline off the start of a first paragraph: returns the place and the
/// paragraph without the dateline. "TEMPO.CO, Jakarta - Menteri ..." → ("Jakarta",
/// "Menteri ..."); "WASHINGTON (Reuters) - The ..." → ("Washington", "The ...").
pub(crate) fn split_dateline(first_paragraph: &str) -> Option<(String, String)> {
    let p = first_paragraph.trim_start();
    let (head, rest) = dateline_head(p)?;
    let place = place_of(head)?;
    Some((place, rest.trim_start().to_string()))
}

/// The packs' source labels ("Sumber", "Source"), lower-cased.
static SOURCE_LABELS: LazyLock<Vec<String>> = LazyLock::new(|| {
    lang::packs()
        .iter()
        .flat_map(|p| p.furniture.source_labels.iter().map(|l| l.to_lowercase()))
        .collect()
});

/// Wire and source credits in a text: "(Reuters)" or "(AP) -" in a dateline, "Sumber:
/// Reuters", "Source: AP, AFP" on a line of their own or closing a paragraph.
pub(crate) fn wire_sources(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: &str| {
        let s = s.trim_matches(|c: char| c.is_whitespace() || ".,;:-–—()[]".contains(c));
        if plausible_source(s) && !out.iter().any(|o| o.eq_ignore_ascii_case(s)) {
            out.push(s.to_string());
        }
    };
    if let Some((head, _)) = dateline_head(text.trim_start()) {
        for inner in parentheticals(head) {
            inner.split(['/', ',', '&']).for_each(&mut add);
        }
    }
    let labels = &*SOURCE_LABELS;
    for line in text.lines() {
        // a credit closing a paragraph sits in brackets: "... (Sumber: Reuters)"
        let candidates =
            std::iter::once(line.trim()).chain(parentheticals(line).into_iter().filter(|p| {
                line.trim_end().ends_with(&format!("{p})"))
                    || line.trim_end().ends_with(&format!("{p}]"))
            }));
        // every credit is "<label>: <source>"
        for c in candidates.filter(|c| c.contains([':', '：'])) {
            let Some(lower) = super::page::lower_aligned(c) else {
                continue;
            };
            for l in labels {
                let Some(rest) = lower.strip_prefix(l.as_str()) else {
                    continue;
                };
                let rest = rest.trim_start();
                if let Some(value) = rest.strip_prefix([':', '：']) {
                    let value = &c[c.len() - value.len()..];
                    split_list(value).into_iter().for_each(&mut add);
                    break;
                }
            }
        }
    }
    out
}

/// The dateline and the rest of the paragraph, when the paragraph opens with one.
fn dateline_head(p: &str) -> Option<(&str, &str)> {
    const SEPARATORS: [&str; 7] = [" - ", " – ", " — ", " -- ", "— ", " —", ": "];
    // the first separator in the paragraph; of two at one place, the first listed
    static FIRST_SEPARATOR: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(SEPARATORS)
            .expect("a handful of fixed separators")
    });
    let limit = p
        .char_indices()
        .nth(MAX_DATELINE_CHARS)
        .map_or(p.len(), |(i, _)| i);
    let found = FIRST_SEPARATOR.find(&p[..limit])?;
    let sep = SEPARATORS[found.pattern().as_usize()];
    let i = found.start();
    let head = p[..i].trim();
    let rest = &p[i + sep.len()..];
    let starts_well = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“‘'«".contains(c));
    if head.is_empty() || !starts_well || head.ends_with(['.', '!', '?']) {
        return None;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.len() > 8 {
        return None;
    }
    let shouting = words.iter().any(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
    });
    let has_credit = !parentheticals(head).is_empty();
    // "Berlin: ..." is a dateline only when the place is set in capitals
    if sep == ": " && !shouting {
        return None;
    }
    (shouting || has_credit).then_some((head, rest))
}

/// The place in a dateline: credits, dates and media names taken out; capitals softened.
fn place_of(head: &str) -> Option<String> {
    let mut h = head.to_string();
    for p in parentheticals(head) {
        h = h.replace(&format!("({p})"), ",");
    }
    for d in dates::parse_all(&h.clone(), &DateContext::default())
        .iter()
        .rev()
    {
        h.replace_range(d.span.clone(), ",");
    }
    let place = h
        .split([',', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .find(|s| !is_media_name(s))?;
    if place.split_whitespace().count() > 4 || place.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(soften_capitals(place))
}

/// "TEMPO.CO", "KOMPAS.com", "detik.com": a publication, not a place.
fn is_media_name(s: &str) -> bool {
    let lower = s.to_lowercase();
    lower.contains(".co")
        || lower.contains(".id")
        || lower.contains(".net")
        || lower.contains(".org")
        || lower.ends_with(".ru")
        || lower.ends_with(".de")
}

/// "NEW YORK" → "New York"; mixed case is left alone.
fn soften_capitals(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase()) {
        return s.to_string();
    }
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The contents of every "(...)" in `s`.
fn parentheticals(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else { break };
        out.push(after[..close].trim());
        rest = &after[close + 1..];
    }
    out
}

fn split_list(s: &str) -> Vec<&str> {
    s.split([',', '/', '&', ';']).collect()
}

fn plausible_source(s: &str) -> bool {
    let chars = s.chars().count();
    (2..=MAX_SOURCE_CHARS).contains(&chars)
        && s.split_whitespace().count() <= 5
        && s.chars().next().is_some_and(|c| c.is_alphabetic())
        && !s.contains("://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(p: &str) -> Option<(String, String)> {
        split_dateline(p)
    }

    #[test]
    fn splits_datelines() {
        assert_eq!(
            split("TEMPO.CO, Jakarta - Menteri Luar Negeri Rusia berkata."),
            Some((
                "Jakarta".into(),
                "Menteri Luar Negeri Rusia berkata.".into()
            ))
        );
        assert_eq!(
            split("WASHINGTON (Reuters) - The Senate voted."),
            Some(("Washington".into(), "The Senate voted.".into()))
        );
        assert_eq!(
            split("JAKARTA, KOMPAS.com — Presiden berkata."),
            Some(("Jakarta".into(), "Presiden berkata.".into()))
        );
        assert_eq!(
            split("NEW YORK, Oct 12 (AP) — Stocks fell."),
            Some(("New York".into(), "Stocks fell.".into()))
        );
        assert_eq!(
            split("BERLIN: Die Regierung hat."),
            Some(("Berlin".into(), "Die Regierung hat.".into()))
        );
    }

    #[test]
    fn leaves_ordinary_leads_alone() {
        assert_eq!(
            split("The minister said - once again - that talks were open."),
            None
        );
        assert_eq!(
            split("Menteri Luar Negeri Rusia Sergei Lavrov pada Selasa mengingatkan."),
            None
        );
        assert_eq!(split("Note: this is not a dateline."), None);
    }

    #[test]
    fn finds_wire_credits() {
        assert_eq!(
            wire_sources("WASHINGTON (Reuters) - The Senate voted."),
            ["Reuters"]
        );
        assert_eq!(
            wire_sources("PARIS (AFP/Reuters) — Talks."),
            ["AFP", "Reuters"]
        );
        assert_eq!(wire_sources("Sumber: Reuters"), ["Reuters"]);
        assert_eq!(wire_sources("Source: AP, AFP"), ["AP", "AFP"]);
        assert_eq!(
            wire_sources("Das sagte er am Montag. (Quelle: dpa)"),
            ["dpa"]
        );
        assert!(wire_sources("He said (quietly) that it was over.").is_empty());
    }
}
