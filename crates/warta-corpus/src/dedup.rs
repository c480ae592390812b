//! Content fingerprints and duplicate marking.
//!
//! Text is read as words (runs of letters and digits, lower-cased; each CJK character counts as
//! a word since those scripts do not space words). The exact fingerprint hashes the word
//! sequence, so two texts that differ only in spacing, case or punctuation match. Near
//! duplicates use a 64-bit SimHash over 3-word shingles; two texts are near duplicates when
//! their SimHashes differ in at most `max_distance` bits. Hashes are our own FNV-1a and
//! SplitMix64 mixing, so fingerprints stay the same across Rust versions and platforms.

use std::collections::HashMap;

/// Near-duplicate detection needs this many words; shorter texts are matched exactly only.
const MIN_WORDS_FOR_NEAR: usize = 20;
const SHINGLE_WORDS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Exact,
    /// Near duplicates: SimHashes at most this many bits apart (exact duplicates too).
    Near {
        max_distance: u32,
    },
}

/// A text's fingerprints: the exact one always, the SimHash when asked for and the text is
/// long enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprints {
    pub exact: u64,
    pub near: Option<u64>,
}

impl Fingerprints {
    /// `None` for a text without words.
    pub fn of(text: &str, with_near: bool) -> Option<Fingerprints> {
        let start = 0xcbf2_9ce4_8422_2325u64;
        let (exact, near) = if with_near {
            let words: Vec<u64> = word_hashes(text).collect();
            let exact = words.iter().fold(start, |h, &w| mix(h ^ w));
            let near = (words.len() >= MIN_WORDS_FOR_NEAR).then(|| simhash(&words));
            (words.first().map(|_| exact), near)
        } else {
            // Folded as the words come: no per-page list of hashes.
            let mut any = false;
            let exact = word_hashes(text).fold(start, |h, w| {
                any = true;
                mix(h ^ w)
            });
            (any.then_some(exact), None)
        };
        Some(Fingerprints {
            exact: exact?,
            near,
        })
    }

    /// The form written in the `fingerprint` field.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.exact)
    }
}

/// The FNV-1a hash of each word's lower-cased UTF-8 bytes, in text order. Hashes as it reads,
/// so no word is ever built as a string.
fn word_hashes(text: &str) -> impl Iterator<Item = u64> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || loop {
        let c = chars.next()?;
        if is_cjk(c) {
            return Some(Fnv::default().push(c).0);
        }
        if !c.is_alphanumeric() {
            continue;
        }
        let mut hash = Fnv::default().push_lower(c);
        while let Some(&n) = chars.peek() {
            if !n.is_alphanumeric() || is_cjk(n) {
                break;
            }
            hash = hash.push_lower(n);
            chars.next();
        }
        return Some(hash.0);
    })
}

/// FNV-1a, fed one character at a time.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn push(self, c: char) -> Self {
        let mut buf = [0u8; 4];
        let h = c.encode_utf8(&mut buf).bytes().fold(self.0, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        Fnv(h)
    }

    fn push_lower(self, c: char) -> Self {
        if c.is_ascii() {
            return self.push(c.to_ascii_lowercase());
        }
        c.to_lowercase().fold(self, Fnv::push)
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff      // hiragana, katakana
        | 0x3400..=0x4dbf    // CJK extension A
        | 0x4e00..=0x9fff    // CJK unified ideographs
        | 0xac00..=0xd7af    // hangul syllables
        | 0xf900..=0xfaff    // CJK compatibility ideographs
        | 0x20000..=0x2ffff) // CJK extensions B and later
}

fn simhash(words: &[u64]) -> u64 {
    let mut votes = [0i32; 64];
    for shingle in words.windows(SHINGLE_WORDS.min(words.len())) {
        let h = shingle
            .iter()
            .fold(0u64, |h, &w| mix(h.rotate_left(17) ^ w));
        for (bit, vote) in votes.iter_mut().enumerate() {
            *vote += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    votes
        .iter()
        .enumerate()
        .filter(|(_, &v)| v > 0)
        .fold(0u64, |acc, (bit, _)| acc | 1 << bit)
}

/// SplitMix64's finaliser: spreads every input bit over the whole word.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The articles seen so far, by fingerprint; answers "is this one a duplicate, and of what?".
pub struct Dedup {
    mode: Mode,
    exact: HashMap<u64, Box<str>>,
    near: Option<NearIndex>,
}

impl Dedup {
    pub fn new(mode: Mode) -> Self {
        Dedup {
            mode,
            exact: HashMap::new(),
            near: match mode {
                Mode::Exact => None,
                Mode::Near { max_distance } => Some(NearIndex::new(max_distance)),
            },
        }
    }

    pub fn wants_near(&self) -> bool {
        matches!(self.mode, Mode::Near { .. })
    }

    /// Records an article under `key` and returns the key of the first one it duplicates.
    pub fn check(&mut self, key: &str, fp: Fingerprints) -> Option<String> {
        if let Some(first) = self.exact.get(&fp.exact) {
            return Some(first.to_string());
        }
        self.exact.insert(fp.exact, key.into());
        let (index, hash) = (self.near.as_mut()?, fp.near?);
        let found = index.find(hash);
        index.insert(hash, key);
        found
    }
}

/// SimHashes split into `max_distance + 1` bands: by pigeonhole, two hashes within the distance
/// agree exactly on at least one band, so only hashes sharing a band need comparing.
struct NearIndex {
    max_distance: u32,
    bands: Vec<(u32, u32)>,
    tables: Vec<HashMap<u64, Vec<u32>>>,
    entries: Vec<(u64, Box<str>)>,
}

impl NearIndex {
    fn new(max_distance: u32) -> Self {
        let max_distance = max_distance.min(15);
        let count = max_distance + 1;
        let bands = (0..count)
            .map(|i| (i * 64 / count, (i + 1) * 64 / count))
            .collect();
        NearIndex {
            max_distance,
            bands,
            tables: vec![HashMap::new(); count as usize],
            entries: Vec::new(),
        }
    }

    fn band_value(hash: u64, (lo, hi): (u32, u32)) -> u64 {
        let width = hi - lo;
        (hash >> lo)
            & if width == 64 {
                u64::MAX
            } else {
                (1u64 << width) - 1
            }
    }

    /// The first-seen entry within the distance.
    fn find(&self, hash: u64) -> Option<String> {
        let first = self
            .bands
            .iter()
            .zip(&self.tables)
            .filter_map(|(&band, table)| table.get(&Self::band_value(hash, band)))
            .flatten()
            .filter(|&&i| (self.entries[i as usize].0 ^ hash).count_ones() <= self.max_distance)
            .min()?;
        Some(self.entries[*first as usize].1.to_string())
    }

    fn insert(&mut self, hash: u64, key: &str) {
        let Ok(index) = u32::try_from(self.entries.len()) else {
            return;
        };
        self.entries.push((hash, key.into()));
        for (&band, table) in self.bands.iter().zip(&mut self.tables) {
            table
                .entry(Self::band_value(hash, band))
                .or_default()
                .push(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The city council voted on Tuesday to expand the night bus network, \
        adding four routes that will run until three in the morning from the spring. Officials \
        said the change would cost about two million a year and be paid for by a parking levy.";

    #[test]
    fn exact_ignores_case_spacing_and_punctuation() {
        let a = Fingerprints::of(STORY, false).unwrap();
        let b = Fingerprints::of(&STORY.to_uppercase().replace(", ", " ; "), false).unwrap();
        assert_eq!(a.exact, b.exact);
        assert_ne!(
            a.exact,
            Fingerprints::of("Something else", false).unwrap().exact
        );
        assert!(Fingerprints::of("  ... ", false).is_none());
    }

    /// A long made-up text: `n` words drawn from a small vocabulary by a fixed generator.
    fn long_text(seed: u64, n: usize) -> String {
        const VOCABULARY: [&str; 24] = [
            "council", "river", "bus", "night", "budget", "school", "mayor", "road", "rain",
            "market", "bridge", "harbour", "tax", "park", "station", "vote", "plan", "week",
            "north", "city", "levy", "route", "spring", "office",
        ];
        let mut state = seed;
        (0..n)
            .map(|_| {
                state = mix(state);
                VOCABULARY[(state % VOCABULARY.len() as u64) as usize]
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn near_duplicates_are_found_and_strangers_are_not() {
        let mut d = Dedup::new(Mode::Near { max_distance: 3 });
        let text = long_text(1, 1000);
        let original = Fingerprints::of(&text, true).unwrap();
        let edited = Fingerprints::of(&text.replacen("council", "assembly", 1), true).unwrap();
        let other = Fingerprints::of(&long_text(2, 1000), true).unwrap();
        assert_ne!(original.exact, edited.exact);
        assert_eq!(d.check("a", original), None);
        assert_eq!(d.check("b", other), None);
        assert_eq!(d.check("c", edited).as_deref(), Some("a"));
        assert_eq!(d.check("d", original).as_deref(), Some("a"));
    }

    #[test]
    fn exact_mode_ignores_near_matches() {
        let mut d = Dedup::new(Mode::Exact);
        let edited = Fingerprints::of(&STORY.replace("two million", "2.1 million"), true).unwrap();
        assert_eq!(d.check("a", Fingerprints::of(STORY, true).unwrap()), None);
        assert_eq!(d.check("b", edited), None);
    }

    fn fnv1a(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    }

    #[test]
    fn cjk_text_is_read_as_words() {
        let expected: Vec<u64> = ["東", "京", "で", "雨", "rain"]
            .iter()
            .map(|w| fnv1a(w.as_bytes()))
            .collect();
        assert_eq!(word_hashes("東京で雨 Rain").collect::<Vec<_>>(), expected);
    }

    #[test]
    fn words_hash_as_their_lower_cased_bytes() {
        // 'İ' lower-cases to two characters; 'Σ' to one of two bytes.
        let expected: Vec<u64> = ["i\u{307}stanbul", "σοφία", "x2"]
            .iter()
            .map(|w| fnv1a(w.as_bytes()))
            .collect();
        assert_eq!(
            word_hashes("İstanbul, ΣΟΦΊΑ -- X2!").collect::<Vec<_>>(),
            expected
        );
    }

    #[test]
    fn both_paths_give_the_same_exact_fingerprint() {
        let long = long_text(3, 100);
        for text in [STORY, "one two", long.as_str()] {
            let plain = Fingerprints::of(text, false).unwrap();
            let with_near = Fingerprints::of(text, true).unwrap();
            assert_eq!(plain.exact, with_near.exact);
        }
        assert!(Fingerprints::of("", true).is_none());
    }
}
