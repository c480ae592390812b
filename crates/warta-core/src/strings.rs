//! The one home of the text helpers both pipelines (HTML and flattened text) share:
//! whitespace collapsing, the comparison forms of a text (normalised, squashed, folded,
//! lower-cased with byte offsets kept) and the punctuation sets that tell prose from labels.

/// Marks that end a sentence in the scripts we read (Latin, CJK full-width, Arabic, Urdu,
/// Devanagari).
pub(crate) const SENTENCE_END: [char; 10] = ['.', '!', '?', '…', '。', '！', '？', '؟', '۔', '।'];

/// The sentence ends that state rather than ask or exclaim: the full stops among
/// [`SENTENCE_END`]. A headline may end with a question or an exclamation, never with a stop.
pub(crate) const FULL_STOPS: [char; 4] = ['.', '。', '۔', '।'];

/// Marks that close a clause inside a sentence: comma, semicolon, colon (Latin, CJK
/// full-width, Arabic). A line ending with one continues on the next.
pub(crate) const CLAUSE_END: [char; 8] = [',', ';', ':', '，', '；', '：', '、', '،'];

/// The colon, Latin and full-width: what closes a label ("Foto:", "记者：") or opens a list.
pub(crate) const COLONS: [char; 2] = [':', '：'];

/// [`COLONS`] as a [`CharSet`], to pass over the many lines that have none.
pub(crate) static COLON_SET: CharSet<2> = CharSet::new(COLONS);

/// What content selection reads as "this unit has sentence punctuation": [`SENTENCE_END`] and
/// the semicolons, but not the danda and the Urdu stop, which selection was never tuned with
/// (counting them lets a Hindi page's summary box into its body).
pub(crate) const SELECTION_PUNCT: [char; 10] =
    ['.', '!', '?', '…', '。', '！', '？', '؟', ';', '；'];

/// [`SELECTION_PUNCT`] as a [`CharSet`]: selection asks it of every unit on the page.
pub(crate) static SELECTION_PUNCT_SET: CharSet<10> = CharSet::new(SELECTION_PUNCT);

/// A set of chars to look for in long texts. Bytes that cannot begin a member are passed over
/// without decoding them, which is most bytes; `str::contains` with a char array decodes
/// every char and compares it with each member.
pub(crate) struct CharSet<const N: usize> {
    chars: [char; N],
    /// The first UTF-8 byte of each member.
    first_bytes: [bool; 256],
}

impl<const N: usize> CharSet<N> {
    pub(crate) const fn new(chars: [char; N]) -> Self {
        let mut first_bytes = [false; 256];
        let mut i = 0;
        while i < N {
            let mut utf8 = [0; 4];
            first_bytes[chars[i].encode_utf8(&mut utf8).as_bytes()[0] as usize] = true;
            i += 1;
        }
        CharSet { chars, first_bytes }
    }

    /// Whether `text` holds any member.
    pub(crate) fn found_in(&self, text: &str) -> bool {
        text.bytes().enumerate().any(|(i, b)| {
            // an ASCII byte is its own char; any other first byte opens a char at `i`
            self.first_bytes[usize::from(b)] && (b.is_ascii() || text[i..].starts_with(self.chars))
        })
    }
}

/// Marks prose has inside its sentences (commas and stops, Latin, CJK and Arabic); a menu or a
/// list of names flattened into one line has next to none.
pub(crate) const PROSE_MARKS: [char; 9] = [',', '.', ';', '!', '?', '，', '、', '。', '،'];

/// `s` with every run of whitespace made one space, and none at either end.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s);
    out
}

/// Appends `s` collapsed (see [`collapse`]) to `out`.
pub(crate) fn push_collapsed(out: &mut String, s: &str) {
    for (k, word) in s.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// `s` lower-cased, when lower-casing keeps every character's byte length, so that byte
/// positions found in the result are valid in `s`; `None` otherwise.
pub(crate) fn lower_aligned(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let mut lower = c.to_lowercase();
        let l = lower.next()?;
        if lower.next().is_some() || l.len_utf8() != c.len_utf8() {
            return None;
        }
        out.push(l);
    }
    Some(out)
}

/// Lower-cases char by char (taking the first char of multi-char lower cases), so that a
/// char offset in the folded text is the same char offset in the original.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// For comparing texts: collapsed, lower-cased, typographic quotes made plain.
pub(crate) fn normalise(s: &str) -> String {
    collapse(s).to_lowercase().chars().map(plain_mark).collect()
}

/// Typographic quotes, primes and dashes as their plain forms.
fn plain_mark(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '′' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '–' | '—' => '-',
        c => c,
    }
}

/// Whether `normalise(text) == target`. Asked of every text on a page, most of which differ
/// from the target in their first char, so that char is compared before anything is
/// allocated. Nothing precedes the first char, so it lower-cases on its own (no final sigma).
pub(crate) fn normalises_to(text: &str, target: &str) -> bool {
    let Some(first) = text.trim_start().chars().next() else {
        return target.is_empty();
    };
    let mut target_chars = target.chars();
    first
        .to_lowercase()
        .map(plain_mark)
        .all(|c| target_chars.next() == Some(c))
        && normalise(text) == target
}

/// Letters and digits only, lower-cased, "&" read as "and": "Nuts & Volts" and "NUTS AND
/// VOLTS" compare equal.
pub(crate) fn squash(s: &str) -> String {
    s.replace('&', "and")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Ends like a sentence, once closing quotes and brackets are set aside.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | '”' | '’' | '»' | '«' | ')' | ']' | '」' | '』' | '）'
        ) || c.is_whitespace()
    });
    trimmed.ends_with(SENTENCE_END)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_end_looks_past_closing_quotes() {
        assert!(ends_sentence("“Kami siap,” kata Lavrov.”"));
        assert!(ends_sentence("Er sagte: „Ja.“".trim_end_matches('“')));
        assert!(ends_sentence("他说：“我们准备好了。”"));
        assert!(!ends_sentence("Berita terkait"));
    }

    #[test]
    fn named_sets_keep_their_stated_relation_to_sentence_end() {
        assert!(FULL_STOPS.iter().all(|c| SENTENCE_END.contains(c)));
        assert!(!FULL_STOPS.contains(&'?') && !FULL_STOPS.contains(&'!'));
        let selection: Vec<char> = SENTENCE_END
            .into_iter()
            .filter(|c| !matches!(c, '।' | '۔'))
            .chain([';', '；'])
            .collect();
        assert_eq!(SELECTION_PUNCT.to_vec(), selection);
        assert!(CLAUSE_END.iter().all(|c| !SENTENCE_END.contains(c)));
    }

    #[test]
    fn char_set_finds_what_contains_finds() {
        for text in [
            "",
            "no stop here",
            "stop.",
            "全角。",
            "тире… вот",
            "¿qué؟",
            "ﾠ；",
            "a；b",
            "“quoted”",
        ] {
            assert_eq!(
                SELECTION_PUNCT_SET.found_in(text),
                text.contains(SELECTION_PUNCT),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn char_set_agrees_with_contains(text in "(\\PC|[.;…。；؟！？]){0,40}") {
            proptest::prop_assert_eq!(SELECTION_PUNCT_SET.found_in(&text), text.contains(SELECTION_PUNCT));
        }
    }

    #[test]
    fn normalises_to_is_normalise_then_compare() {
        for (text, target) in [
            ("", ""),
            ("  ", ""),
            (" Σήμερα  ΟΛΟΣ", "σήμερα ολος"),
            ("ΟΔΟΣ", "οδος"),
            ("ΟΔΟΣ", "οδοσ"),
            ("“Done” – now", "\"done\" - now"),
            ("İstanbul", "i̇stanbul"),
            ("Other", "title"),
        ] {
            assert_eq!(
                normalises_to(text, target),
                normalise(text) == target,
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn normalises_to_agrees_with_normalise(text in "(\\PC|[ΣΟΔ “”–İ]){0,12}", cut in 0usize..6) {
            let target: String = normalise(&text).chars().skip(cut).collect();
            proptest::prop_assert_eq!(normalises_to(&text, &target), normalise(&text) == target);
            proptest::prop_assert!(normalises_to(&text, &normalise(&text)));
        }
    }

    #[test]
    fn folding_keeps_char_offsets() {
        let s = "İstanbul Baca";
        assert_eq!(fold(s).chars().count(), s.chars().count());
        assert!(lower_aligned(s).is_none());
        assert_eq!(lower_aligned("Baca ÄÖ").as_deref(), Some("baca äö"));
    }

    #[test]
    fn comparison_forms() {
        assert_eq!(collapse("  a \t b\n c "), "a b c");
        assert_eq!(normalise("It’s  “Done” – Now"), "it's \"done\" - now");
        assert_eq!(squash("Nuts & Volts"), squash("NUTS AND VOLTS"));
    }
}
