//! The lead's furniture: the dateline ("TEMPO.CO, Jakarta - ", "WASHINGTON (Reuters) -")
//! and wire or source credits ("(AP)", "Sumber: Reuters"). Both work on plain text: this is
//! the one reader of them, which the HTML pipeline (`metadata`) and text mode (`text`) call.

use crate::dates::{self, DateContext};
use crate::lang;
use crate::strings::{COLONS, COLON_SET, SENTENCE_END};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// A dateline is at most this long (characters before the separator).
const MAX_DATELINE_CHARS: usize = 70;
const MAX_SOURCE_CHARS: usize = 40;

/// The dateline opening a lead paragraph: the place, the site and the agencies it credits,
/// and the paragraph without it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// "Jakarta", "Eastbay, Maine".
    pub(crate) place: String,
    /// The publication credited beside the place ("TEMPO.CO", "detik.com").
    pub(crate) site: Option<String>,
    /// Agencies credited in brackets ("Reuters", "AFP").
    pub(crate) agencies: Vec<String>,
    /// The paragraph after the dateline.
    pub(crate) rest: String,
}

/// Reads the dateline off the start of a lead paragraph. "TEMPO.CO, Jakarta - Menteri …" →
/// Jakarta, site TEMPO.CO; "WASHINGTON (Reuters) - The …" → Washington, agency Reuters;
/// "EASTBAY, Maine - …" → "Eastbay, Maine".
pub(crate) fn read_dateline(paragraph: &str) -> Option<Dateline> {
    let p = paragraph.trim_start();
    let (head, rest) = dateline_head(p)?;
    let (place, site) = place_of(head)?;
    let mut agencies: Vec<String> = Vec::new();
    for inner in parentheticals(head) {
        for name in credit_names(inner).map(tidy_source) {
            // "(January 24, 2017)" dates the dateline; it credits no one
            let dated = name.chars().any(|c| c.is_ascii_digit());
            if plausible_source(name)
                && !dated
                && !agencies.iter().any(|a| a.eq_ignore_ascii_case(name))
            {
                agencies.push(name.to_string());
            }
        }
    }
    Some(Dateline {
        place,
        site,
        agencies,
        rest: rest.trim_start().to_string(),
    })
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
        let s = tidy_source(s);
        if plausible_source(s) && !out.iter().any(|o| o.eq_ignore_ascii_case(s)) {
            out.push(s.to_string());
        }
    };
    if let Some((head, _)) = dateline_head(text.trim_start()) {
        for inner in parentheticals(head) {
            credit_names(inner).for_each(&mut add);
        }
    }
    let labels = &*SOURCE_LABELS;
    // every credit is "<label>: <source>", so a line without a colon holds none
    for line in text.lines().filter(|l| COLON_SET.found_in(l)) {
        // a credit closing a paragraph sits in brackets: "... (Sumber: Reuters)"
        let candidates =
            std::iter::once(line.trim()).chain(parentheticals(line).into_iter().filter(|p| {
                line.trim_end().ends_with(&format!("{p})"))
                    || line.trim_end().ends_with(&format!("{p}]"))
            }));
        for c in candidates.filter(|c| c.contains(COLONS)) {
            let Some(lower) = crate::strings::lower_aligned(c) else {
                continue;
            };
            for l in labels {
                let Some(rest) = lower.strip_prefix(l.as_str()) else {
                    continue;
                };
                let rest = rest.trim_start();
                if let Some(value) = rest.strip_prefix(COLONS) {
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
    if head.is_empty() || !starts_well || ends_a_sentence(head) {
        return None;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.len() > 8 {
        return None;
    }
    // A word in capitals, not a regnal number ("Benedikt XVI.").
    let shouting = words.iter().any(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 3
            && letters.iter().all(|c| c.is_uppercase())
            && !letters.iter().all(|c| "IVXLCDM".contains(*c))
    });
    let has_credit = !parentheticals(head).is_empty() || head.split([',', '/']).any(is_site);
    // "Berlin: ..." is a dateline only when the place is set in capitals
    if sep == ": " && (!shouting || head.chars().any(char::is_lowercase)) {
        return None;
    }
    (shouting || has_credit || is_town_and_state(head)).then_some((head, rest))
}

/// A head that ends as a sentence does ("He said no.") is no dateline; one that ends with an
/// abbreviated state ("HAYWARD, Calif.", "WASHINGTON, D.C.") may be.
fn ends_a_sentence(head: &str) -> bool {
    let last = head.split([' ', ',']).next_back().unwrap_or("");
    let abbreviation =
        last.chars().count() <= 6 && last.chars().next().is_some_and(char::is_uppercase);
    head.ends_with(SENTENCE_END) && !(head.ends_with('.') && abbreviation)
}

/// The place in a dateline, and the site it credits: credits, dates and media names taken
/// out; capitals softened. A town may come with its state or country ("EASTBAY, Maine").
fn place_of(head: &str) -> Option<(String, Option<String>)> {
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
    let parts: Vec<&str> = h
        .split([',', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let site = parts.iter().find(|s| is_site(s)).map(|s| s.to_string());
    let mut places = parts.iter().filter(|s| !is_site(s));
    let place = places.next()?;
    if !is_place_shaped(place, 4) {
        return None;
    }
    let mut out = soften_capitals(place);
    if let Some(region) = places
        .next()
        .filter(|r| is_region(r) && h.contains(&format!("{place}, {r}")))
    {
        out.push_str(", ");
        out.push_str(&soften_region(region));
    }
    Some((out, site))
}

/// "New York, NY", "Hayward, Calif.": a town and an abbreviated state, which only a
/// dateline prints.
fn is_town_and_state(head: &str) -> bool {
    let Some((town, state)) = head.split_once(", ") else {
        return false;
    };
    is_place_shaped(town, 4) && is_region(state) && is_abbreviation(state)
}

/// One to `max_words` words, each capitalised, of letters and the marks place names use.
fn is_place_shaped(part: &str, max_words: usize) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (1..=max_words).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c))
        })
}

/// "NY", "N.M.", "Calif.": a short or dotted form.
fn is_abbreviation(region: &str) -> bool {
    region.chars().filter(|c| c.is_alphabetic()).count() <= 3 || region.contains('.')
}

/// A state or country after a town: one to three capitalised words, no weekday ("JAKARTA,
/// Senin" names a day, not a region).
fn is_region(part: &str) -> bool {
    static WEEKDAYS: LazyLock<Vec<String>> = LazyLock::new(|| {
        lang::packs()
            .iter()
            .flat_map(|p| p.dates.weekdays.iter().flatten().map(|d| d.to_lowercase()))
            .collect()
    });
    is_place_shaped(part, 3) && !WEEKDAYS.contains(&part.trim_end_matches('.').to_lowercase())
}

/// "MAINE" → "Maine"; an abbreviation ("NY", "N.M.", "Calif.") stays as printed.
fn soften_region(region: &str) -> String {
    if is_abbreviation(region) {
        region.to_string()
    } else {
        soften_capitals(region)
    }
}

/// A publication named in a dateline: a media name or a domain.
fn is_site(s: &str) -> bool {
    let s = s.trim();
    is_media_name(s) || looks_like_domain(s)
}

/// "Tempo.co", "detik.com": a host name with a short alphabetic top-level domain.
pub(crate) fn looks_like_domain(name: &str) -> bool {
    !name.contains(' ')
        && name.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && (2..=6).contains(&tld.len()) && tld.chars().all(char::is_alphabetic)
        })
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

/// The names in a bracketed credit: "(AFP/Reuters)", "(dpa, AP)".
fn credit_names(inner: &str) -> impl Iterator<Item = &str> {
    inner.split(['/', ',', '&'])
}

/// A credit without the punctuation around it.
fn tidy_source(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ".,;:-–—()[]".contains(c))
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
        read_dateline(p).map(|d| (d.place, d.rest))
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
        // a weekday after the town is no region; an abbreviated state is kept as printed
        assert_eq!(
            split("JAKARTA, Senin - Presiden berkata."),
            Some(("Jakarta".into(), "Presiden berkata.".into()))
        );
        assert_eq!(
            split("SANTA FE, N.M. (AP) — The legislature met.").map(|(place, _)| place),
            Some("Santa Fe, N.M.".into())
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
        // a label in capitals before a colon that is no place, a title with a regnal number
        assert_eq!(split("FCC Chair to Europe: Talks begin."), None);
        assert_eq!(split("Benedikt XVI. – Licht des Glaubens."), None);
        assert_eq!(
            split("New York, NY – With content moving to phones.").map(|(place, _)| place),
            Some("New York, NY".into())
        );
    }

    #[test]
    fn a_head_ending_in_any_sentence_mark_ends_a_sentence() {
        assert!(ends_a_sentence("He said no."));
        assert!(ends_a_sentence("Would he go?"));
        assert!(ends_a_sentence("He said nothing more…"));
        assert!(ends_a_sentence("他说不。"));
        assert!(!ends_a_sentence("HAYWARD, Calif."));
        assert!(!ends_a_sentence("JAKARTA"));
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
