//! Language knowledge as data: one TOML file per language in `crates/warta-core/lang/`,
//! embedded at build time. Code asks questions of all packs (or of one language's pack); it
//! never spells a phrase itself.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::article::Role;
use crate::strings::fold;

include!(concat!(env!("OUT_DIR"), "/lang_packs.rs"));

/// One language's knowledge. Every section is optional so a pack can start small.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LanguagePack {
    /// ISO 639-1 code; must match the file name.
    pub code: String,
    /// The language's English name: the pack format requires it for people reading the
    /// file; the engine keys packs by code.
    #[allow(dead_code)]
    pub name: String,
    #[serde(default)]
    pub furniture: Furniture,
    #[serde(default)]
    pub bylines: Bylines,
    #[serde(default)]
    pub dates: Dates,
}

/// Phrases that mark page furniture rather than article text. All are matched
/// case-insensitively; "prefix" lists match the start of a line, the others a whole line.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Furniture {
    /// Inline cross-links: "Baca juga: <title>", "Read more: <title>".
    #[serde(default)]
    pub read_also: Vec<String>,
    /// Headings of related-story lists: "Berita terkait", "Related stories".
    #[serde(default)]
    pub related: Vec<String>,
    /// Links after a teaser: "Baca selengkapnya", "Read more".
    #[serde(default)]
    pub read_more: Vec<String>,
    /// Ad slot labels: "Advertisement", "Iklan".
    #[serde(default)]
    pub advertisement: Vec<String>,
    /// Calls to follow, subscribe or share (prefixes).
    #[serde(default)]
    pub call_to_action: Vec<String>,
    /// Wire or source credit labels: "Sumber", "Source", "Quelle".
    #[serde(default)]
    pub source_labels: Vec<String>,
    /// Cookie and consent banners, newsletter boxes, comment-section headings (substrings).
    #[serde(default)]
    pub boilerplate: Vec<String>,
    /// Interface labels that make up a whole line: buttons, menu entries, pagination
    /// ("Share", "Print", "Back to top", "Next post").
    #[serde(default)]
    pub buttons: Vec<String>,
    /// Phrases that only a cookie or consent banner, or a notice the site prints on every
    /// page, says, whatever the length of its line ("we use cookies to improve", "strictly
    /// necessary cookies", "update to a modern browser").
    #[serde(default)]
    pub consent: Vec<String>,
    /// Words that mark a photo credit at the end of a caption: photo labels ("foto"),
    /// hand-over words ("via", "melalui", "handout") and picture agencies (whole words).
    #[serde(default)]
    pub photo_credit: Vec<String>,
    /// Words that name a comment section, as whole words: a label made of one ("Comments",
    /// "34 Kommentare", "5 thoughts on …") opens the comments under an article.
    #[serde(default)]
    pub comments: Vec<String>,
}

/// Labels that introduce a credited person, by role.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Bylines {
    #[serde(default)]
    pub author: Vec<String>,
    #[serde(default)]
    pub reporter: Vec<String>,
    #[serde(default)]
    pub editor: Vec<String>,
    #[serde(default)]
    pub photographer: Vec<String>,
    #[serde(default)]
    pub contributor: Vec<String>,
    /// Words that join two names in one credit ("and", "dan", "und").
    #[serde(default)]
    pub joiners: Vec<String>,
    /// Job titles glued to names ("staff writer", "correspondent"); they are cut off.
    #[serde(default)]
    pub job_titles: Vec<String>,
    /// Credits that are not names at all ("email the author", "view all posts"); substrings.
    #[serde(default)]
    pub not_names: Vec<String>,
}

impl Bylines {
    /// The one byline role table: each label with the role it gives, for metadata's byline
    /// reader and text mode's head alike.
    pub(crate) fn labels(&self) -> impl Iterator<Item = (&str, Role)> {
        [
            (&self.author, Role::Author),
            (&self.reporter, Role::Reporter),
            (&self.editor, Role::Editor),
            (&self.photographer, Role::Photographer),
            (&self.contributor, Role::Contributor),
        ]
        .into_iter()
        .flat_map(|(list, role)| list.iter().map(move |l| (l.as_str(), role)))
    }
}

/// What separates the names of one credit: "A, B / C", Latin and CJK.
const NAME_SEPARATORS: [char; 7] = [',', ';', '&', '/', '|', '、', '，'];

/// "A, B and C" → ["A", "B", "C"]: a credit's names, split at separators and at the packs'
/// joining words (`joiners`, lower-case), for metadata's byline reader and text mode's head
/// alike. A joiner joins only between two words: a first or last word that spells one is
/// part of a name ("Dan Brown", Indonesian "dan"; "Richard I", Polish "i"). Each name's words
/// are joined by one space; empty names are dropped.
pub(crate) fn split_names(text: &str, joiners: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split(NAME_SEPARATORS) {
        let words: Vec<&str> = part.split_whitespace().collect();
        let mut name: Vec<&str> = Vec::new();
        for (k, &word) in words.iter().enumerate() {
            let between = k > 0 && k + 1 < words.len();
            if between && joiners.contains(&fold(word)) {
                push_name(&mut out, &mut name);
            } else {
                name.push(word);
            }
        }
        push_name(&mut out, &mut name);
    }
    out
}

fn push_name(out: &mut Vec<String>, words: &mut Vec<&str>) {
    if !words.is_empty() {
        out.push(words.join(" "));
        words.clear();
    }
}

/// Words needed to read dates written out in this language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Dates {
    /// Twelve entries, January first; each lists the month's spellings and abbreviations.
    #[serde(default)]
    pub months: Vec<Vec<String>>,
    /// Seven entries, Monday first.
    #[serde(default)]
    pub weekdays: Vec<Vec<String>>,
    /// Relative-age units: each key is a unit (`second`, `minute`, `hour`, `day`, `week`,
    /// `month`, `year`) and lists the words for it.
    #[serde(default)]
    pub relative_units: std::collections::BTreeMap<String, Vec<String>>,
    /// Words that make an age point to the past ("lalu", "ago", "vor").
    #[serde(default)]
    pub relative_past: Vec<String>,
    /// Named time zones used in this language's press, as UTC offsets ("WIB" = "+07:00").
    #[serde(default)]
    pub zones: std::collections::BTreeMap<String, String>,
    /// Words that may sit between a date's parts and are skipped ("de", "of", "th", "года").
    #[serde(default)]
    pub fillers: Vec<String>,
    /// Words that introduce or follow a clock time ("pukul", "at", "um", "Uhr").
    #[serde(default)]
    pub time_words: Vec<String>,
    /// Markers of morning and afternoon clock times ("am", "a.m.", "pm").
    #[serde(default)]
    pub am: Vec<String>,
    #[serde(default)]
    pub pm: Vec<String>,
    /// Words that stand for "one" in an age ("an hour ago", "il y a une heure").
    #[serde(default)]
    pub relative_one: Vec<String>,
    /// How all-numeric dates are ordered when both readings are possible: "dmy" (default)
    /// or "mdy".
    #[serde(default)]
    pub numeric_order: Option<String>,
    /// Characters that mark the parts of a date or time written with counters, as in
    /// "2022年10月12日 8時30分": keys `year`, `month`, `day`, `hour`, `minute`.
    #[serde(default)]
    pub markers: std::collections::BTreeMap<String, Vec<String>>,
    /// Labels of a publication stamp ("published", "diterbitkan", "veröffentlicht").
    #[serde(default)]
    pub published_labels: Vec<String>,
    /// Labels of an update stamp ("updated", "diperbarui", "aktualisiert"); such a date is
    /// never taken as the publication date.
    #[serde(default)]
    pub modified_labels: Vec<String>,
    /// Labels that put a date beside a person or an account rather than the article
    /// ("member since", "joined", "mitglied seit", "bergabung"): such a date is never the
    /// publication date.
    #[serde(default)]
    pub membership_labels: Vec<String>,
    /// Labels of the reader's clock or visit ("it is currently", "aktuelle zeit", "last
    /// visit"): such a date is when the page was served, never the publication date.
    #[serde(default)]
    pub clock_labels: Vec<String>,
}

static PACKS: LazyLock<Vec<LanguagePack>> = LazyLock::new(|| {
    PACK_SOURCES
        .iter()
        .map(|(file, src)| {
            // Packs are compiled in and checked by the tests below, so a broken one is a
            // build defect, not an input error.
            let pack: LanguagePack = toml::from_str(src)
                .unwrap_or_else(|e| panic!("language pack {file}.toml is invalid: {e}"));
            pack
        })
        .collect()
});

/// All language packs, sorted by code.
pub(crate) fn packs() -> &'static [LanguagePack] {
    &PACKS
}

/// The pack for an ISO 639-1 code, if there is one.
pub(crate) fn pack(code: &str) -> Option<&'static LanguagePack> {
    packs().iter().find(|p| p.code == code)
}

/// What kind of furniture a line of text is, judged by the phrases of all packs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FurnitureKind {
    ReadAlso,
    RelatedHeading,
    ReadMore,
    Advertisement,
    CallToAction,
    Boilerplate,
    SourceCredit,
}

/// Lines longer than this are article text whatever phrase they contain.
const MAX_FURNITURE_LINE_CHARS: usize = 200;
/// Calls to action are short; a long sentence starting with "Follow" is text.
const MAX_CALL_TO_ACTION_CHARS: usize = 120;

/// A line as the phrase lists read it: trimmed and lower-cased, with its length in chars.
struct LineForPhrases {
    lower: String,
    chars: usize,
}

impl LineForPhrases {
    /// `None` for an empty line or one too long to be furniture.
    fn of(line: &str) -> Option<Self> {
        let trimmed = line.trim();
        let chars = trimmed.chars().count();
        (chars > 0 && chars <= MAX_FURNITURE_LINE_CHARS).then(|| LineForPhrases {
            lower: trimmed.to_lowercase(),
            chars,
        })
    }

    /// The lower-cased line without the marks that often close a label ("Baca juga:",
    /// "More »").
    fn bare(lower: &str) -> &str {
        lower
            .trim_end_matches([':', '.', '!', '»', '›', '>', '→'])
            .trim()
    }
}

/// Classifies a line (a paragraph, list item or heading) as furniture, if it is. The specific
/// kinds are asked of every pack before the catch-all boilerplate phrases; of two packs, the
/// first in pack order decides, and within a pack the kinds are asked in the order of
/// [`KIND_ORDER`].
pub(crate) fn furniture_kind(line: &str) -> Option<FurnitureKind> {
    let Some(LineForPhrases { lower, chars }) = LineForPhrases::of(line) else {
        // Too long for a label, but a site's legal notice runs long: the copyright sign
        // beside a boilerplate phrase tells it from prose that quotes one.
        let notice = line.contains('©') && BOILERPLATE.is_match(line.to_lowercase().as_str());
        return notice.then_some(FurnitureKind::Boilerplate);
    };
    let bare = LineForPhrases::bare(&lower);
    let index = &*FURNITURE_INDEX;
    let mut best = index.whole.get(bare).copied();
    // no phrase is longer than the head; overlapping searches cannot be anchored
    let mut head = lower.len().min(index.longest_prefix);
    while !lower.is_char_boundary(head) {
        head += 1;
    }
    let starting = index.prefixes.find_overlapping_iter(&lower[..head]);
    for m in starting.filter(|m| m.start() == 0) {
        let (end, found) = (m.end(), &index.prefix_hits[m.pattern().as_usize()]);
        let rest = &lower[end..];
        // A prefix ends at a word boundary ("read also" is not "read alsoing"); scripts
        // without spaces have no such boundary to ask for.
        let whole_word = rest
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() || !lower[..end].is_ascii());
        for &hit in found {
            let holds = match hit.kind {
                FurnitureKind::ReadAlso => whole_word,
                FurnitureKind::CallToAction => whole_word && chars <= MAX_CALL_TO_ACTION_CHARS,
                FurnitureKind::SourceCredit => {
                    rest.trim_start().starts_with(':') && chars <= MAX_CALL_TO_ACTION_CHARS
                }
                _ => false,
            };
            if holds && best.is_none_or(|b| hit.rank() < b.rank()) {
                best = Some(hit);
            }
        }
    }
    if let Some(hit) = best {
        return Some(hit.kind);
    }
    BOILERPLATE
        .is_match(lower.as_str())
        .then_some(FurnitureKind::Boilerplate)
}

/// Longest line that can be a comment count; a longer one is a sentence about comments.
const MAX_COMMENT_COUNT_CHARS: usize = 40;

/// A line that only counts an article's comments ("13 Comments", "| 5 Comment(s)"): a number
/// and one pack's word for comments, with nothing else but punctuation around them.
pub(crate) fn is_comment_count(line: &str) -> bool {
    line.chars().any(char::is_numeric)
        && comment_words(line).is_some_and(|(words, others)| words == 1 && others == 0)
}

/// A short line with one pack's word for comments in it: a count, a label or a prompt ("Add
/// a comment").
pub(crate) fn is_comment_label(line: &str) -> bool {
    comment_words(line).is_some_and(|(words, _)| words > 0)
}

/// Of a line short enough for a label, how many of its words name comments and how many do
/// not; `None` for a longer line.
fn comment_words(line: &str) -> Option<(usize, usize)> {
    if line.chars().count() > MAX_COMMENT_COUNT_CHARS {
        return None;
    }
    // "comment(s)" is the plural written for either number.
    let lower = line.to_lowercase().replace("(s)", "s");
    let (mut named, mut other) = (0, 0);
    for word in lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        if packs()
            .iter()
            .any(|p| p.furniture.comments.iter().any(|c| c == word))
        {
            named += 1;
        } else {
            other += 1;
        }
    }
    Some((named, other))
}

/// Within one pack, the kinds in the order they are asked.
const KIND_ORDER: [FurnitureKind; 6] = [
    FurnitureKind::ReadAlso,
    FurnitureKind::RelatedHeading,
    FurnitureKind::ReadMore,
    FurnitureKind::Advertisement,
    FurnitureKind::CallToAction,
    FurnitureKind::SourceCredit,
];

/// A phrase of some pack, and what it says a line is.
#[derive(Debug, Clone, Copy)]
struct PhraseHit {
    pack: usize,
    kind: FurnitureKind,
}

impl PhraseHit {
    fn rank(&self) -> (usize, usize) {
        let order = KIND_ORDER.iter().position(|k| *k == self.kind);
        (self.pack, order.unwrap_or(KIND_ORDER.len()))
    }
}

/// Every pack's furniture phrases, indexed once: whole-line phrases by their text, prefix
/// phrases in one automaton, so a line costs a lookup and one pass over its head instead of
/// a scan of every list.
struct FurnitureIndex {
    whole: foldhash::HashMap<String, PhraseHit>,
    prefixes: aho_corasick::AhoCorasick,
    /// What each prefix phrase (by its pattern number) says a line is, pack by pack.
    prefix_hits: Vec<Vec<PhraseHit>>,
    /// In bytes.
    longest_prefix: usize,
}

static FURNITURE_INDEX: LazyLock<FurnitureIndex> = LazyLock::new(|| {
    let mut whole: foldhash::HashMap<String, PhraseHit> = Default::default();
    let mut prefix_numbers: foldhash::HashMap<&str, usize> = Default::default();
    let mut prefixes: Vec<&str> = Vec::new();
    let mut prefix_hits: Vec<Vec<PhraseHit>> = Vec::new();
    for (pack, lp) in packs().iter().enumerate() {
        let f = &lp.furniture;
        let whole_line = [
            (&f.related, FurnitureKind::RelatedHeading),
            (&f.read_more, FurnitureKind::ReadMore),
            (&f.advertisement, FurnitureKind::Advertisement),
        ];
        for (phrases, kind) in whole_line {
            for p in phrases {
                let hit = PhraseHit { pack, kind };
                let entry = whole.entry(p.clone()).or_insert(hit);
                if hit.rank() < entry.rank() {
                    *entry = hit;
                }
            }
        }
        let starts = [
            (&f.read_also, FurnitureKind::ReadAlso),
            (&f.call_to_action, FurnitureKind::CallToAction),
            (&f.source_labels, FurnitureKind::SourceCredit),
        ];
        for (phrases, kind) in starts {
            for p in phrases.iter().filter(|p| !p.is_empty()) {
                let number = *prefix_numbers.entry(p.as_str()).or_insert_with(|| {
                    prefixes.push(p);
                    prefix_hits.push(Vec::new());
                    prefixes.len() - 1
                });
                prefix_hits[number].push(PhraseHit { pack, kind });
            }
        }
    }
    let longest_prefix = prefixes.iter().map(|p| p.len()).max().unwrap_or(0);
    // Overlapping matches (the default match kind) give every phrase the line starts with.
    let prefixes =
        aho_corasick::AhoCorasick::new(prefixes).expect("prefix phrases build an automaton");
    FurnitureIndex {
        whole,
        prefixes,
        prefix_hits,
        longest_prefix,
    }
});

/// Every pack's boilerplate phrases in one automaton: they are looked for anywhere in a line,
/// and one pass over the line beats a substring search per phrase.
static BOILERPLATE: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let phrases = packs().iter().flat_map(|p| &p.furniture.boilerplate);
    // Phrases are short literals from the packs, far below the automaton's size limits.
    aho_corasick::AhoCorasick::new(phrases).expect("boilerplate phrases build an automaton")
});

/// The ISO 639-1 code of a language the detector names (it speaks ISO 639-3).
pub(crate) fn iso_639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Ind => "id",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Pol => "pl",
        Rus => "ru",
        Ukr => "uk",
        Tur => "tr",
        Ara => "ar",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Vie => "vi",
        Tha => "th",
        Hin => "hi",
        Ben => "bn",
        Urd => "ur",
        Pes => "fa",
        Heb => "he",
        Ell => "el",
        Ces => "cs",
        Slk => "sk",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Bul => "bg",
        Ron => "ro",
        Hun => "hu",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Est => "et",
        Lav => "lv",
        Lit => "lt",
        Cat => "ca",
        Bel => "be",
        Tgl => "tl",
        Tam => "ta",
        Tel => "te",
        Mar => "mr",
        Kan => "kn",
        Mal => "ml",
        Guj => "gu",
        Pan => "pa",
        Afr => "af",
        Epo => "eo",
        Lat => "la",
        Aze => "az",
        Kat => "ka",
        Hye => "hy",
        Mkd => "mk",
        Yid => "yi",
        Amh => "am",
        Jav => "jv",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Mya => "my",
        Zul => "zu",
        Sna => "sn",
        Aka => "ak",
        Uzb => "uz",
        Tuk => "tk",
        Ori => "or",
        Cym => "cy",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_separators_and_at_joiners_between_words() {
        let joiners = ["dan".to_string(), "i".to_string(), "and".to_string()];
        let split = |t: &str| split_names(t, &joiners);
        assert_eq!(
            split("Ani Lestari dan Budi, Citra / Dewi"),
            ["Ani Lestari", "Budi", "Citra", "Dewi"]
        );
        assert_eq!(split("张三、李四"), ["张三", "李四"]);
        // a joiner's spelling that opens or closes a part is a name's word
        assert_eq!(split("Dan Brown and Ann Poe"), ["Dan Brown", "Ann Poe"]);
        assert_eq!(split("Jane Doe, I agree"), ["Jane Doe", "I agree"]);
        assert_eq!(split("Richard I"), ["Richard I"]);
    }

    /// The definition the index must agree with: every pack in order, every kind in order.
    fn furniture_kind_by_scan(line: &str) -> Option<FurnitureKind> {
        let LineForPhrases { lower, chars } = LineForPhrases::of(line)?;
        let bare = LineForPhrases::bare(&lower);
        let starts = |p: &str| {
            lower.starts_with(p)
                && lower[p.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric() || !p.is_ascii())
        };
        for pack in packs() {
            let f = &pack.furniture;
            if f.read_also.iter().any(|p| starts(p)) {
                return Some(FurnitureKind::ReadAlso);
            }
            if f.related.iter().any(|p| bare == p) {
                return Some(FurnitureKind::RelatedHeading);
            }
            if f.read_more.iter().any(|p| bare == p) {
                return Some(FurnitureKind::ReadMore);
            }
            if f.advertisement.iter().any(|p| bare == p) {
                return Some(FurnitureKind::Advertisement);
            }
            if chars <= MAX_CALL_TO_ACTION_CHARS && f.call_to_action.iter().any(|p| starts(p)) {
                return Some(FurnitureKind::CallToAction);
            }
            if f.source_labels
                .iter()
                .any(|p| lower.starts_with(p) && lower[p.len()..].trim_start().starts_with(':'))
                && chars <= MAX_CALL_TO_ACTION_CHARS
            {
                return Some(FurnitureKind::SourceCredit);
            }
        }
        BOILERPLATE
            .is_match(lower.as_str())
            .then_some(FurnitureKind::Boilerplate)
    }

    fn every_phrase(f: &Furniture) -> impl Iterator<Item = &String> {
        f.read_also
            .iter()
            .chain(&f.related)
            .chain(&f.read_more)
            .chain(&f.advertisement)
            .chain(&f.call_to_action)
            .chain(&f.source_labels)
            .chain(&f.boilerplate)
            .chain(&f.buttons)
            .chain(&f.consent)
            .chain(&f.photo_credit)
            .chain(&f.comments)
    }

    #[test]
    fn a_comment_count_is_a_number_and_a_word_for_comments() {
        for count in [
            "13 Comments",
            "| 5 Comment(s)",
            "(2) komentarze",
            "7 σχόλια",
        ] {
            assert!(is_comment_count(count), "{count}");
        }
        for other in [
            "Comments",
            "Add a comment",
            "13 comments on the budget vote",
            "2012",
        ] {
            assert!(!is_comment_count(other), "{other}");
        }
    }

    #[test]
    fn the_phrase_index_agrees_with_a_scan_of_every_pack() {
        let mut lines: Vec<String> = vec![
            "The council voted on Tuesday to rebuild the harbour wall.".into(),
            "Readable prose that merely starts like a label".into(),
            "相关新闻：港口".into(),
        ];
        for pack in packs() {
            for phrase in every_phrase(&pack.furniture) {
                lines.push(phrase.clone());
                lines.push(format!("{phrase}: Harbour wall to be rebuilt"));
                lines.push(format!("{phrase}x and more"));
                lines.push(format!("{} »", phrase.to_uppercase()));
            }
        }
        for line in &lines {
            assert_eq!(
                furniture_kind(line),
                furniture_kind_by_scan(line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn every_pack_parses_and_matches_its_file_name() {
        assert_eq!(packs().len(), PACK_SOURCES.len());
        for ((file, _), pack) in PACK_SOURCES.iter().zip(packs()) {
            assert_eq!(*file, pack.code, "pack code must match file name");
            assert_eq!(pack.code.len(), 2, "{file}: code must be ISO 639-1");
        }
    }

    #[test]
    fn date_tables_have_the_right_shape() {
        for p in packs() {
            let d = &p.dates;
            assert!(
                d.months.is_empty() || d.months.len() == 12,
                "{}: 12 months",
                p.code
            );
            assert!(
                d.weekdays.is_empty() || d.weekdays.len() == 7,
                "{}: 7 weekdays",
                p.code
            );
            for unit in d.relative_units.keys() {
                assert!(
                    ["second", "minute", "hour", "day", "week", "month", "year"]
                        .contains(&unit.as_str()),
                    "{}: unknown unit {unit}",
                    p.code
                );
            }
        }
    }

    #[test]
    fn furniture_lines_are_recognised() {
        use FurnitureKind::*;
        assert_eq!(
            furniture_kind("Baca juga: Rusia Bombardir Kyiv"),
            Some(ReadAlso)
        );
        assert_eq!(furniture_kind("Berita terkait"), Some(RelatedHeading));
        assert_eq!(furniture_kind("Advertisement"), Some(Advertisement));
        assert_eq!(
            furniture_kind("Lesen Sie auch: Die Lage in Kiew"),
            Some(ReadAlso)
        );
        assert_eq!(furniture_kind("Sumber: Reuters"), Some(SourceCredit));
        assert_eq!(furniture_kind("Читайте также"), Some(ReadAlso));
        // Article sentences that merely contain such words are not furniture.
        assert_eq!(
            furniture_kind("Advertisers left the platform in droves last year."),
            None
        );
        assert_eq!(furniture_kind("Adalah"), None);
        let notice = format!(
            "© 2012 Вестник. {} Допускается цитирование с гиперссылкой на источник.",
            "Информация о проекте и его редакции. ".repeat(6)
        );
        assert_eq!(furniture_kind(&notice), Some(Boilerplate));
        assert_eq!(furniture_kind(&notice.replace('©', "")), None);
    }

    #[test]
    fn forum_and_shop_controls_are_calls_to_action() {
        use FurnitureKind::*;
        // A quoted post's toggle and a thread page's prompts, not what the posters wrote.
        assert_eq!(furniture_kind("Click to expand..."), Some(CallToAction));
        assert_eq!(
            furniture_kind("Start asking to get answers"),
            Some(CallToAction)
        );
        assert_eq!(furniture_kind("Add to cart"), Some(CallToAction));
        assert_eq!(
            furniture_kind("Readers can click to expand the map of the new harbour wall."),
            None
        );
    }

    #[test]
    fn rating_prompts_sharing_lines_and_advertiser_notes_are_boilerplate() {
        use FurnitureKind::*;
        for line in [
            "Ähnliche Beiträge",
            "Empfehlungen aus der Redaktion",
            "Schon gelesen?",
        ] {
            assert_eq!(furniture_kind(line), Some(RelatedHeading), "{line}");
        }
        for line in [
            "War der Artikel nützlich?",
            "Möchten Sie den Artikel teilen?",
            "We want to hear what you think about this article. Submit a letter to the editor.",
            "This post contains references to products from one or more of our advertisers.",
            "This slideshow requires JavaScript.",
            "Pour lire la suite de cet article, abonnez-vous.",
            "Informujemy, że korzystamy z cookies.",
            "This copy is for your personal, non-commercial use only.",
        ] {
            assert_eq!(furniture_kind(line), Some(Boilerplate), "{line}");
        }
    }

    #[test]
    fn a_shops_related_items_and_review_widgets_head_related_boxes() {
        use FurnitureKind::*;
        for heading in [
            "Related items to explore",
            "People who viewed this item also viewed",
            "This is what customers who viewed this product bought",
            "Google Reviews",
            "Compare products",
            "Share your thoughts!",
            "Let us know what you think...",
        ] {
            assert_eq!(furniture_kind(heading), Some(RelatedHeading), "{heading}");
        }
        assert_eq!(
            furniture_kind("People who viewed this item also asked about its warranty."),
            None
        );
    }

    #[test]
    fn phrases_are_lower_case_and_trimmed() {
        for p in packs() {
            for phrase in every_phrase(&p.furniture) {
                assert_eq!(phrase, &phrase.to_lowercase(), "{}: {phrase}", p.code);
                assert_eq!(phrase, phrase.trim(), "{}: {phrase}", p.code);
                assert!(!phrase.is_empty());
            }
        }
    }
}
