//! Dates and times as people write them: "Rabu, 12 Oktober 2022 08:00 WIB", "12.10.2022,
//! 08:00 Uhr", "October 12, 2022 8:00 AM EDT", "2022-10-12T08:00:00Z", "12 октября 2022",
//! "2022年10月12日", and ages such as "11 jam lalu" or "vor 2 Tagen".
//!
//! The words (months, weekdays, zones, age units) come from the language packs' `[dates]`
//! sections; this module only knows the shapes dates take.
//!
//! - [`parse`] finds the first plausible date (with its time and offset when written) in a
//!   piece of text.
//! - [`parse_relative`] finds an age and resolves it when the context has a reference time.
//!
//! Impossible dates are refused: invalid days or months, years before 1995, and dates after
//! the context's reference time.

use foldhash::HashMap;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use jiff::{Span, Timestamp};

use crate::lang;

/// Only this many bytes of a text are searched, so one huge string cannot stall the caller.
const MAX_SCAN_BYTES: usize = 64 * 1024;
/// No news page predates this year; earlier dates are copyright notices or noise.
const EARLIEST_YEAR: i16 = 1995;

/// What the parser may assume about the text it reads.
#[derive(Debug, Clone, Default)]
pub(crate) struct DateContext {
    /// When the page was fetched: later dates are refused and ages are resolved against it.
    pub reference: Option<Timestamp>,
    /// ISO 639-1 codes of the page's likely languages, most likely first. They settle words
    /// that mean different things in different languages and the order of all-numeric dates.
    /// Words of every language are understood either way.
    pub languages: Vec<String>,
}

impl DateContext {
    /// A context with the reference time given as an RFC 3339 string (ignored when invalid).
    pub(crate) fn new(reference: Option<&str>, languages: &[&str]) -> Self {
        DateContext {
            reference: reference.and_then(|r| r.trim().parse().ok()),
            languages: languages.iter().map(|l| l.to_string()).collect(),
        }
    }

    fn prefers(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l == code)
    }

    fn month_first(&self) -> bool {
        self.languages
            .first()
            .and_then(|l| lang::pack(l))
            .is_some_and(|p| p.dates.numeric_order.as_deref() == Some("mdy"))
    }
}

/// A date read from text, with the clock time and UTC offset when the text gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedDate {
    pub date: Date,
    pub time: Option<Time>,
    pub offset: Option<Offset>,
    /// Byte range of the text that was read (weekday and zone included).
    pub span: Range<usize>,
}

impl ParsedDate {
    /// "2022-10-12T08:00:00+07:00"; "2022-10-12T08:00:00" when no offset is known (local
    /// time); "2022-10-12" when no time is given.
    pub(crate) fn to_rfc3339(&self) -> String {
        let Some(time) = self.time else {
            return self.date.to_string();
        };
        let mut s = format!(
            "{}T{:02}:{:02}:{:02}",
            self.date,
            time.hour(),
            time.minute(),
            time.second()
        );
        if let Some(offset) = self.offset {
            let secs = offset.seconds();
            let sign = if secs < 0 { '-' } else { '+' };
            let abs = secs.unsigned_abs();
            s.push_str(&format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60));
        }
        s
    }

    /// The instant, when both time and offset are known.
    pub(crate) fn timestamp(&self) -> Option<Timestamp> {
        let offset = self.offset?;
        let dt = DateTime::from_parts(self.date, self.time?);
        offset.to_timestamp(dt).ok()
    }
}

/// Units of a relative age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// An age such as "11 jam lalu": how many of which unit, and the moment it points to when
/// the context has a reference time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relative {
    pub amount: u32,
    pub unit: Unit,
    /// The age as printed.
    pub text: String,
    /// Byte range of the age in the text.
    pub span: Range<usize>,
    /// `reference - age`, when there is a reference.
    pub at: Option<Timestamp>,
}

/// Finds the first plausible date in `text` and reads it, with its time and zone when given.
pub(crate) fn parse(text: &str, ctx: &DateContext) -> Option<ParsedDate> {
    if !has_digit(text) {
        return None;
    }
    let toks = tokenize(text);
    let lex = &*LEXICON;
    let reader = Reader { t: &toks, lex, ctx };
    (0..toks.len()).find_map(|i| reader.date_time_at(i))
}

/// Every date the reader knows has a day or a year in digits within its first tokens: a
/// weekday, connectors and a month name are all that come before it, and this bounds them
/// with room to spare.
const MAX_TOKENS_BEFORE_NUMBER: usize = 24;

/// Every plausible date in `text`, in order, none overlapping.
pub(crate) fn parse_all(text: &str, ctx: &DateContext) -> Vec<ParsedDate> {
    if !has_digit(text) {
        return Vec::new();
    }
    let toks = tokenize(text);
    let reader = Reader {
        t: &toks,
        lex: &LEXICON,
        ctx,
    };
    // Where the next number is, from each token on: a date starts no farther before one.
    let mut next_number = vec![usize::MAX; toks.len()];
    let mut after = usize::MAX;
    for (k, t) in toks.iter().enumerate().rev() {
        if t.kind == Kind::Num {
            after = k;
        }
        next_number[k] = after;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let number = next_number[i];
        if number == usize::MAX {
            break;
        }
        if number - i > MAX_TOKENS_BEFORE_NUMBER {
            i = number - MAX_TOKENS_BEFORE_NUMBER;
            continue;
        }
        match reader.date_time_at(i) {
            Some(d) => {
                i += toks[i..]
                    .iter()
                    .position(|t| t.span.start >= d.span.end)
                    .unwrap_or(toks.len() - i);
                out.push(d);
            }
            None => i += 1,
        }
    }
    out
}

/// Finds the first age ("3 hours ago", "vor 2 Tagen", "il y a 3 jours") in `text`.
pub(crate) fn parse_relative(text: &str, ctx: &DateContext) -> Option<Relative> {
    let toks = tokenize(text);
    let reader = Reader {
        t: &toks,
        lex: &LEXICON,
        ctx,
    };
    (0..toks.len()).find_map(|i| reader.relative_at(i, text))
}

// ---------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Num,
    Word,
    Punct,
}

#[derive(Debug, Clone)]
struct Token<'a> {
    kind: Kind,
    /// Lower-cased; digits of any script turned into ASCII.
    text: Cow<'a, str>,
    span: Range<usize>,
    space_before: bool,
}

impl Token<'_> {
    fn num(&self) -> Option<u32> {
        (self.kind == Kind::Num && self.text.len() <= 9)
            .then(|| self.text.parse().ok())
            .flatten()
    }
}

/// Every date the reader knows has a day or a year in digits: text without one holds none,
/// and is not worth tokenizing.
fn has_digit(text: &str) -> bool {
    text.chars().any(|c| ascii_digit(c).is_some())
}

fn ascii_digit(c: char) -> Option<char> {
    let base = match c {
        '0'..='9' => return Some(c),
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        '\u{0966}'..='\u{096F}' => 0x0966,
        '\u{FF10}'..='\u{FF19}' => 0xFF10,
        _ => return None,
    };
    char::from_digit(c as u32 - base, 10)
}

/// Scripts written without spaces: each character is a word of its own.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{FF66}'..='\u{FF9F}')
}

fn is_word_char(c: char) -> bool {
    (c.is_alphabetic() && !is_cjk(c))
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{02BC}')
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut end = text.len().min(MAX_SCAN_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    // a token is five bytes on average, its space included
    let mut toks: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut space = true;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() {
            space = true;
            i += c.len_utf8();
            continue;
        }
        let kind = if ascii_digit(c).is_some() {
            Kind::Num
        } else if is_word_char(c) || is_cjk(c) {
            Kind::Word
        } else {
            Kind::Punct
        };
        let mut stop = i + c.len_utf8();
        if kind != Kind::Punct && !is_cjk(c) {
            while let Some(n) = char_at(text, stop) {
                let more = match kind {
                    Kind::Num if n.is_ascii() => n.is_ascii_digit(),
                    Kind::Num => ascii_digit(n).is_some(),
                    _ if n.is_ascii() => n.is_ascii_alphabetic(),
                    _ => is_word_char(n),
                };
                if !more {
                    break;
                }
                stop += n.len_utf8();
            }
        }
        toks.push(Token {
            kind,
            text: normalized(kind, &text[i..stop]),
            span: i..stop,
            space_before: space,
        });
        space = false;
        i = stop;
    }
    toks
}

/// The char starting at byte `at` of `text` (a char boundary), decoded only when not ASCII.
fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text[at..].chars().next(),
    }
}

/// A token's text lower-cased, digits of any script made ASCII; borrowed when that changes
/// nothing, as it mostly does.
fn normalized(kind: Kind, raw: &str) -> Cow<'_, str> {
    match kind {
        Kind::Num if !raw.is_ascii() => raw.chars().filter_map(ascii_digit).collect(),
        Kind::Word if !raw.chars().all(lowers_to_itself) => {
            raw.chars().flat_map(char::to_lowercase).collect()
        }
        _ => Cow::Borrowed(raw),
    }
}

fn lowers_to_itself(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_uppercase()
    } else {
        c.to_lowercase().eq(std::iter::once(c))
    }
}

// ---------------------------------------------------------------------------------------
// Lexicon: every date word of every pack

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    Month(i8),
    Weekday,
    /// Offset from UTC in seconds.
    Zone(i32),
    Unit(Unit),
    Past,
    One,
    Filler,
    TimeWord,
    Am,
    Pm,
    YearMark,
    MonthMark,
    DayMark,
    HourMark,
    MinuteMark,
}

struct Entry {
    tokens: Vec<String>,
    meaning: Meaning,
    lang: &'static str,
}

struct Lexicon {
    by_first: HashMap<String, Vec<Entry>>,
}

/// Zone names that belong to no language.
const UNIVERSAL_ZONES: [&str; 3] = ["utc", "gmt", "z"];

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lex = Lexicon {
        by_first: HashMap::default(),
    };
    for z in UNIVERSAL_ZONES {
        lex.add("", z, Meaning::Zone(0));
    }
    for p in lang::packs() {
        let code = p.code.as_str();
        let d = &p.dates;
        for (m, names) in d.months.iter().enumerate() {
            for n in names {
                lex.add(code, n, Meaning::Month(m as i8 + 1));
            }
        }
        for n in d.weekdays.iter().flatten() {
            lex.add(code, n, Meaning::Weekday);
        }
        for (unit, words) in &d.relative_units {
            let unit = match unit.as_str() {
                "second" => Unit::Second,
                "minute" => Unit::Minute,
                "hour" => Unit::Hour,
                "day" => Unit::Day,
                "week" => Unit::Week,
                "month" => Unit::Month,
                _ => Unit::Year,
            };
            for w in words {
                lex.add(code, w, Meaning::Unit(unit));
            }
        }
        for (zone, offset) in &d.zones {
            if let Some(secs) = parse_offset_text(offset) {
                lex.add(code, zone, Meaning::Zone(secs));
            }
        }
        let lists: [(&Vec<String>, Meaning); 6] = [
            (&d.relative_past, Meaning::Past),
            (&d.relative_one, Meaning::One),
            (&d.fillers, Meaning::Filler),
            (&d.time_words, Meaning::TimeWord),
            (&d.am, Meaning::Am),
            (&d.pm, Meaning::Pm),
        ];
        for (words, meaning) in lists {
            for w in words {
                lex.add(code, w, meaning);
            }
        }
        for (mark, words) in &d.markers {
            let meaning = match mark.as_str() {
                "year" => Meaning::YearMark,
                "month" => Meaning::MonthMark,
                "day" => Meaning::DayMark,
                "hour" => Meaning::HourMark,
                _ => Meaning::MinuteMark,
            };
            for w in words {
                lex.add(code, w, meaning);
            }
        }
    }
    lex
});

/// "+07:00", "-0430", "+7" → seconds east of UTC.
fn parse_offset_text(s: &str) -> Option<i32> {
    let (sign, rest) = match s.trim().split_at_checked(1)? {
        ("+", r) => (1, r),
        ("-", r) | ("\u{2212}", r) => (-1, r),
        _ => return None,
    };
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

impl Lexicon {
    fn add(&mut self, lang: &'static str, phrase: &str, meaning: Meaning) {
        let tokens: Vec<String> = tokenize(phrase)
            .into_iter()
            .map(|t| t.text.into_owned())
            .collect();
        let Some(first) = tokens.first().cloned() else {
            return;
        };
        self.by_first.entry(first).or_default().push(Entry {
            tokens,
            meaning,
            lang,
        });
    }

    /// The longest phrase starting at token `i` whose meaning `want` accepts; among equally
    /// long ones, the context's preferred language wins. Returns the meaning and the number
    /// of tokens it covers.
    fn at(
        &self,
        t: &[Token<'_>],
        i: usize,
        ctx: &DateContext,
        want: impl Fn(Meaning) -> bool,
    ) -> Option<(Meaning, usize)> {
        let entries = self.by_first.get(t.get(i)?.text.as_ref())?;
        entries
            .iter()
            .filter(|e| want(e.meaning))
            .filter(|e| {
                e.tokens.len() <= t.len() - i
                    && e.tokens.iter().zip(&t[i..]).all(|(a, b)| *a == b.text)
            })
            .min_by_key(|e| {
                (
                    std::cmp::Reverse(e.tokens.len()),
                    ctx.prefers(e.lang).unwrap_or(usize::MAX),
                )
            })
            .map(|e| (e.meaning, e.tokens.len()))
    }
}

// ---------------------------------------------------------------------------------------
// Reading

struct Reader<'a> {
    t: &'a [Token<'a>],
    lex: &'a Lexicon,
    ctx: &'a DateContext,
}

type Ymd = (i16, i8, i8);

impl Reader<'_> {
    fn tok(&self, i: usize) -> Option<&Token<'_>> {
        self.t.get(i)
    }

    fn punct(&self, i: usize, set: &str) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Punct && set.contains(t.text.as_ref()))
    }

    /// A number of `min..=max` digits at `i`.
    fn num(&self, i: usize, min: usize, max: usize) -> Option<u32> {
        let t = self.tok(i)?;
        (min..=max)
            .contains(&t.text.len())
            .then(|| t.num())
            .flatten()
    }

    fn word(&self, i: usize, want: impl Fn(Meaning) -> bool) -> Option<(Meaning, usize)> {
        self.lex.at(self.t, i, self.ctx, want)
    }

    fn month(&self, i: usize) -> Option<(i8, usize)> {
        match self.word(i, |m| matches!(m, Meaning::Month(_)))? {
            (Meaning::Month(m), n) => Some((m, n)),
            _ => None,
        }
    }

    fn is(&self, i: usize, meaning: Meaning) -> Option<usize> {
        self.word(i, |m| m == meaning).map(|(_, n)| n)
    }

    /// Skips fillers ("de", "of", "th") and the punctuation people put between date parts.
    fn skip_fillers(&self, mut i: usize, punct: &str) -> usize {
        for _ in 0..4 {
            if self.punct(i, punct) {
                i += 1;
            } else if let Some(n) = self.is(i, Meaning::Filler) {
                i += n;
            } else {
                break;
            }
        }
        i
    }

    /// Skips what may join a date and a time: commas, dashes, "at", "pukul", "um".
    fn skip_connectors(&self, mut i: usize) -> usize {
        for _ in 0..4 {
            if self.punct(i, ",-–|@/(·•") {
                i += 1;
            } else if let Some(n) = self.is(i, Meaning::TimeWord) {
                i += n;
            } else {
                break;
            }
        }
        i
    }

    /// A date starting at token `i`: returns year, month, day and the token after it.
    fn date_at(&self, i: usize) -> Option<(Ymd, usize)> {
        let t = self.tok(i)?;
        match t.kind {
            Kind::Num if t.text.len() == 4 => self.year_first(i),
            Kind::Num if t.text.len() <= 2 => self.day_first(i),
            Kind::Word => self.month_first(i),
            _ => None,
        }
    }

    /// "2022-10-12", "2022/10/12", "2022.10.12", "2022年10月12日".
    fn year_first(&self, i: usize) -> Option<(Ymd, usize)> {
        let y = self.num(i, 4, 4)?;
        if let Some(sep) = self.tok(i + 1).filter(|_| self.punct(i + 1, "-/.")) {
            let m = self.num(i + 2, 1, 2)?;
            let d = self.num(i + 4, 1, 2)?;
            if self.tok(i + 3)?.text != sep.text || self.continues_numerically(i + 5) {
                return None;
            }
            return Some((ymd(y, m, d)?, i + 5));
        }
        let y_len = self.is(i + 1, Meaning::YearMark)?;
        let mut j = i + 1 + y_len;
        let m = self.num(j, 1, 2)?;
        j += 1 + self.is(j + 1, Meaning::MonthMark)?;
        let d = self.num(j, 1, 2)?;
        j += 1;
        if let Some(n) = self.is(j, Meaning::DayMark) {
            j += n;
        }
        Some((ymd(y, m, d)?, j))
    }

    /// True when a number run goes on at `i` (".4" after "1.2.3"), as in versions or IPs.
    fn continues_numerically(&self, i: usize) -> bool {
        self.punct(i, ".-/")
            && self
                .tok(i + 1)
                .is_some_and(|t| t.kind == Kind::Num && !t.space_before)
            && !self.tok(i).is_some_and(|t| t.space_before)
    }

    /// "12.10.2022", "12/10/22", "10/12/2022", "12 Oktober 2022", "12. Oktober 2022",
    /// "12 de octubre de 2022", "1er octobre 2022".
    fn day_first(&self, i: usize) -> Option<(Ymd, usize)> {
        let a = self.num(i, 1, 2)?;
        // inside "2022-10-12" or "1.2.3", only the first number may start a date
        if i >= 2
            && self.punct(i - 1, "./-")
            && self.num(i - 2, 1, 4).is_some()
            && !self.t[i].space_before
        {
            return None;
        }
        if let Some(sep) = self.tok(i + 1).filter(|_| self.punct(i + 1, "./-")) {
            if let (Some(b), Some(y)) = (self.num(i + 2, 1, 2), self.tok(i + 4)) {
                if self.tok(i + 3).is_some_and(|s| s.text == sep.text)
                    && y.kind == Kind::Num
                    && (y.text.len() == 4 || y.text.len() == 2 && sep.text != "-")
                    && !self.continues_numerically(i + 5)
                {
                    let y = full_year(y.num()?);
                    let (d, m) = if sep.text == "." || a > 12 {
                        (a, b)
                    } else if b > 12 || self.ctx.month_first() {
                        (b, a)
                    } else {
                        (a, b)
                    };
                    return Some((ymd(y, m, d)?, i + 5));
                }
            }
        }
        let j = self.skip_fillers(i + 1, ".");
        let (m, n) = self.month(j)?;
        let j = self.skip_fillers(j + n, ".,");
        let y = self.num(j, 4, 4)?;
        Some((ymd(y, m as u32, a)?, j + 1))
    }

    /// "October 12, 2022", "Oct. 12th 2022".
    fn month_first(&self, i: usize) -> Option<(Ymd, usize)> {
        let (m, n) = self.month(i)?;
        let j = self.skip_fillers(i + n, ".");
        let d = self.num(j, 1, 2)?;
        let j = self.skip_fillers(j + 1, ".,");
        let y = self.num(j, 4, 4)?;
        Some((ymd(y, m as u32, d)?, j + 1))
    }

    /// A clock time at `i` with its zone: "08:00", "8.00 WIB", "8:00 a.m. EDT",
    /// "08:00:00.000+07:00", "8h30", "20 Uhr", "8時30分". `after_date` allows the looser
    /// forms ("08.00") that only make sense right after a date.
    fn time_at(&self, i: usize, after_date: bool) -> Option<(Time, Option<i32>, usize)> {
        let h = self.num(i, 1, 2)?;
        let mut j = i + 1;
        let mut minute = 0;
        let mut second = 0;
        let mut has_minutes = false;
        if self.punct(j, ":")
            || (after_date && self.punct(j, "."))
            || self
                .tok(j)
                .is_some_and(|t| t.text == "h" && !t.space_before)
        {
            if let Some(m) = self
                .num(j + 1, 2, 2)
                .filter(|_| !self.t[j + 1].space_before || self.t[j].text == "h")
            {
                minute = m;
                has_minutes = true;
                j += 2;
                if self.punct(j, ":") {
                    if let Some(s) = self.num(j + 1, 2, 2) {
                        second = s;
                        j += 2;
                        if self.punct(j, ".,")
                            && self
                                .tok(j + 1)
                                .is_some_and(|t| t.kind == Kind::Num && !t.space_before)
                        {
                            j += 2;
                        }
                    }
                }
            }
        } else if let Some(n) = self.is(j, Meaning::HourMark) {
            j += n;
            if let Some(m) = self.num(j, 1, 2) {
                if let Some(k) = self.is(j + 1, Meaning::MinuteMark) {
                    minute = m;
                    has_minutes = true;
                    j += 1 + k;
                }
            }
            if !has_minutes {
                has_minutes = true; // "8時" alone is still a time
            }
        }
        let mut hour = h;
        let meridiem = self.word(j, |m| matches!(m, Meaning::Am | Meaning::Pm));
        if let Some((m, n)) = meridiem {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = match m {
                Meaning::Pm => hour % 12 + 12,
                _ => hour % 12,
            };
            j += n;
        } else if !has_minutes {
            // a bare number is a time only with "Uhr"/"h" after it, checked below
            let n = self.is(j, Meaning::TimeWord)?;
            if !after_date {
                return None;
            }
            j += n;
        }
        while let Some(n) = self.is(j, Meaning::TimeWord) {
            j += n;
        }
        let time = Time::new(hour as i8, minute as i8, second as i8, 0).ok()?;
        let (offset, j) = self.zone_at(j);
        Some((time, offset, j))
    }

    /// A zone at `i`: "Z", "+07:00", "-0400", "UTC+7", "GMT", "WIB", "(WIB)".
    fn zone_at(&self, i: usize) -> (Option<i32>, usize) {
        let numeric = |k: usize| -> Option<(i32, usize)> {
            let sign_tok = self.tok(k)?;
            let sign = match sign_tok.text.as_ref() {
                "+" => 1,
                "-" | "\u{2212}" => -1,
                _ => return None,
            };
            let h = self
                .tok(k + 1)
                .filter(|t| t.kind == Kind::Num && !t.space_before)?;
            let (hh, mm, next) = if h.text.len() == 4 {
                (
                    h.text[..2].parse::<i32>().ok()?,
                    h.text[2..].parse::<i32>().ok()?,
                    k + 2,
                )
            } else if h.text.len() <= 2 {
                let hh = h.num()? as i32;
                match self.num(k + 3, 2, 2).filter(|_| self.punct(k + 2, ":")) {
                    Some(mm) => (hh, mm as i32, k + 4),
                    None => (hh, 0, k + 2),
                }
            } else {
                return None;
            };
            (hh <= 14 && mm < 60).then_some((sign * (hh * 3600 + mm * 60), next))
        };
        let Some(t) = self.tok(i) else {
            return (None, i);
        };
        // a minus after a space is a dash ("08:00 - Jakarta"), not an offset
        if t.kind == Kind::Punct && (t.text == "+" || !t.space_before) {
            if let Some((secs, next)) = numeric(i) {
                return (Some(secs), next);
            }
        }
        let open = self.punct(i, "(");
        let k = if open { i + 1 } else { i };
        if let Some((Meaning::Zone(secs), n)) = self.word(k, |m| matches!(m, Meaning::Zone(_))) {
            // "Z" counts only glued to the time, as in ISO 8601
            if self.t[k].text == "z" && self.t[k].space_before {
                return (None, i);
            }
            let mut next = k + n;
            let mut secs = secs;
            if let Some((extra, after)) = numeric(next) {
                secs += extra;
                next = after;
            }
            if open && self.punct(next, ")") {
                next += 1;
            }
            return (Some(secs), next);
        }
        (None, i)
    }

    /// A date (and the time around it) starting at token `i`, checked for plausibility.
    fn date_time_at(&self, i: usize) -> Option<ParsedDate> {
        // a weekday before the date belongs to it; a word that is a weekday in one pack may be
        // a month in another ("mar": martes, March)
        let mut first = i;
        if let Some(n) = self.is(i, Meaning::Weekday) {
            first = self.skip_connectors(i + n);
            if self.date_at(first).is_none() && self.date_at(i).is_some() {
                first = i;
            }
        }
        let (ymd, end, time, offset) = if let Some((ymd, end)) = self.date_at(first) {
            // ISO 8601 glues the time on with a "T"
            let iso_t = self
                .tok(end)
                .is_some_and(|t| t.text == "t" && !t.space_before);
            let k = if iso_t {
                end + 1
            } else {
                self.skip_connectors(end)
            };
            match self.time_at(k, true) {
                Some((time, offset, after)) => (ymd, after, Some(time), offset),
                None => (ymd, end, None, None),
            }
        } else {
            // a time before the date: "08:00 WIB, 12 Oktober 2022"
            let (time, offset, after) = self.time_at(first, false)?;
            let k = self.skip_connectors(after);
            let k = match self.is(k, Meaning::Weekday) {
                Some(n) => self.skip_connectors(k + n),
                None => k,
            };
            let (ymd, end) = self.date_at(k)?;
            (ymd, end, Some(time), offset)
        };
        let date = Date::new(ymd.0, ymd.1, ymd.2).ok()?;
        let offset = offset.and_then(|s| Offset::from_seconds(s).ok());
        let parsed = ParsedDate {
            date,
            time,
            offset,
            span: self.t[i].span.start..self.t[end - 1].span.end,
        };
        self.plausible(&parsed).then_some(parsed)
    }

    /// Not before the web, not after the reference time (a day's grace for zones).
    fn plausible(&self, d: &ParsedDate) -> bool {
        if d.date.year() < EARLIEST_YEAR {
            return false;
        }
        let Some(reference) = self.ctx.reference else {
            return true;
        };
        match d.timestamp() {
            Some(ts) => ts <= reference + jiff::SignedDuration::from_hours(1),
            None => {
                let ref_day = reference.to_zoned(TimeZone::UTC).date();
                ref_day.tomorrow().is_ok_and(|t| d.date <= t)
            }
        }
    }

    /// An age at `i`: "<n> <unit> <past>" or "<past> <n> <unit>".
    fn relative_at(&self, i: usize, text: &str) -> Option<Relative> {
        let amount_at = |k: usize| -> Option<(u32, usize)> {
            if let Some(n) = self.num(k, 1, 4) {
                return Some((n, 1));
            }
            self.is(k, Meaning::One).map(|n| (1, n))
        };
        let unit_at = |k: usize| -> Option<(Unit, usize)> {
            match self.word(k, |m| matches!(m, Meaning::Unit(_)))? {
                (Meaning::Unit(u), n) => Some((u, n)),
                _ => None,
            }
        };
        let (amount, unit, end) = if let Some(p) = self.is(i, Meaning::Past) {
            let (amount, a) = amount_at(i + p)?;
            let (unit, u) = unit_at(i + p + a)?;
            (amount, unit, i + p + a + u)
        } else {
            let (amount, a) = amount_at(i)?;
            let (unit, u) = unit_at(i + a)?;
            let p = self.is(i + a + u, Meaning::Past)?;
            (amount, unit, i + a + u + p)
        };
        let span = self.t[i].span.start..self.t[end - 1].span.end;
        let at = self.ctx.reference.and_then(|r| {
            let n = i64::from(amount);
            let span = match unit {
                Unit::Second => Span::new().try_seconds(n),
                Unit::Minute => Span::new().try_minutes(n),
                Unit::Hour => Span::new().try_hours(n),
                Unit::Day => Span::new().try_days(n),
                Unit::Week => Span::new().try_weeks(n),
                Unit::Month => Span::new().try_months(n),
                Unit::Year => Span::new().try_years(n),
            }
            .ok()?;
            r.to_zoned(TimeZone::UTC)
                .checked_sub(span)
                .ok()
                .map(|z| z.timestamp())
        });
        Some(Relative {
            amount,
            unit,
            text: text.get(span.clone())?.to_string(),
            span,
            at,
        })
    }
}

fn ymd(y: u32, m: u32, d: u32) -> Option<Ymd> {
    let y = i16::try_from(y).ok()?;
    let m = i8::try_from(m).ok()?;
    let d = i8::try_from(d).ok()?;
    Date::new(y, m, d).ok().map(|_| (y, m, d))
}

/// Two-digit years are this century's.
fn full_year(y: u32) -> u32 {
    if y < 100 {
        2000 + y
    } else {
        y
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any() -> DateContext {
        DateContext::default()
    }

    fn rfc(text: &str, ctx: &DateContext) -> Option<String> {
        parse(text, ctx).map(|d| d.to_rfc3339())
    }

    #[test]
    fn reads_the_brief_examples() {
        let c = any();
        let cases = [
            (
                "Rabu, 12 Oktober 2022 08:00 WIB",
                "2022-10-12T08:00:00+07:00",
            ),
            ("12.10.2022, 08:00 Uhr", "2022-10-12T08:00:00"),
            ("October 12, 2022 8:00 AM EDT", "2022-10-12T08:00:00-04:00"),
            ("2022-10-12T08:00:00Z", "2022-10-12T08:00:00+00:00"),
            ("12 октября 2022", "2022-10-12"),
            ("2022年10月12日", "2022-10-12"),
        ];
        for (text, want) in cases {
            assert_eq!(rfc(text, &c).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn reads_greek_spoken_and_capitalised_months() {
        let c = any();
        let cases = [
            ("Παρασκευή 30 Δεκέμβρη 2011", "2011-12-30"),
            ("17 Γενάρη 2012", "2012-01-17"),
            ("3 ΙΑΝΟΥΑΡΙΟΥ 2012", "2012-01-03"),
        ];
        for (text, want) in cases {
            assert_eq!(rfc(text, &c).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn span_covers_weekday_time_and_zone() {
        let text = "Jakarta — Rabu, 12 Oktober 2022 08:00 WIB. Lalu";
        let d = parse(text, &any()).unwrap();
        assert_eq!(&text[d.span], "Rabu, 12 Oktober 2022 08:00 WIB");
    }

    #[test]
    fn reads_common_shapes() {
        let c = any();
        let cases = [
            (
                "Selasa, 11 Oktober 2022 | 14.35 WIB",
                "2022-10-11T14:35:00+07:00",
            ),
            ("2022-10-12T08:00:00.000+07:00", "2022-10-12T08:00:00+07:00"),
            ("2022-10-12T08:00:00-0400", "2022-10-12T08:00:00-04:00"),
            ("2022-10-12 08:00:00", "2022-10-12T08:00:00"),
            ("2022/10/12", "2022-10-12"),
            (
                "Oct. 12th, 2022 at 3:45 p.m. PDT",
                "2022-10-12T15:45:00-07:00",
            ),
            ("12 de octubre de 2022 a las 10:30", "2022-10-12T10:30:00"),
            ("1er octobre 2022 à 8h30", "2022-10-01T08:30:00"),
            ("12. Oktober 2022, 20 Uhr", "2022-10-12T20:00:00"),
            ("12 października 2022 r.", "2022-10-12"),
            ("12 жовтня 2022 р.", "2022-10-12"),
            ("12 Ekim 2022 Çarşamba", "2022-10-12"),
            ("١٢ أكتوبر ٢٠٢٢", "2022-10-12"),
            ("12 تشرين الأول 2022", "2022-10-12"),
            ("2022年10月12日 08時30分", "2022-10-12T08:30:00"),
            ("2022年10月12日 北京时间", "2022-10-12"),
            ("12 oktober 2022 om 08:00", "2022-10-12T08:00:00"),
            ("12 ottobre 2022 alle 08:00", "2022-10-12T08:00:00"),
            ("12 de outubro de 2022 às 08:00", "2022-10-12T08:00:00"),
            ("12 Disember 2022", "2022-12-12"),
            ("08:00 WIB, 12 Oktober 2022", "2022-10-12T08:00:00+07:00"),
            ("Posted 12/10/2022 UTC+7", "2022-10-12"),
            ("12/10/22", "2022-10-12"),
            ("Oct 12, 2022 9 PM", "2022-10-12T21:00:00"),
        ];
        for (text, want) in cases {
            assert_eq!(rfc(text, &c).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn text_without_digits_holds_no_date() {
        let ctx = DateContext::default();
        assert!(parse_all("Tuesday, the twelfth of October", &ctx).is_empty());
        // digits of other scripts still count
        assert_eq!(
            parse("١٢/١٠/٢٠٢٢", &ctx).map(|d| d.date.to_string()),
            Some("2022-10-12".into())
        );
    }

    #[test]
    fn numeric_order_follows_the_language() {
        let us = DateContext::new(None, &["en"]);
        let de = DateContext::new(None, &["de"]);
        assert_eq!(rfc("10/12/2022", &us).as_deref(), Some("2022-10-12"));
        assert_eq!(rfc("10/12/2022", &de).as_deref(), Some("2022-12-10"));
        // unambiguous whatever the language
        assert_eq!(rfc("25/12/2022", &us).as_deref(), Some("2022-12-25"));
        assert_eq!(rfc("12/25/2022", &de).as_deref(), Some("2022-12-25"));
        // dots are always day first
        assert_eq!(rfc("10.12.2022", &us).as_deref(), Some("2022-12-10"));
    }

    #[test]
    fn every_zone_of_every_pack_maps_to_its_offset() {
        let c = any();
        for p in lang::packs() {
            for (zone, offset) in &p.dates.zones {
                let text = format!("2022-10-12 08:00 {zone}");
                let d = parse(&text, &DateContext::new(None, &[&p.code])).unwrap();
                let want = parse_offset_text(offset).unwrap();
                assert_eq!(
                    d.offset.map(|o| o.seconds()),
                    Some(want),
                    "{}: {zone}",
                    p.code
                );
            }
        }
        assert!(parse("2022-10-12 08:00 GMT", &c)
            .unwrap()
            .to_rfc3339()
            .ends_with("+00:00"));
    }

    #[test]
    fn named_zones() {
        let c = any();
        let cases = [
            ("WIB", "+07:00"),
            ("WITA", "+08:00"),
            ("WIT", "+09:00"),
            ("CET", "+01:00"),
            ("CEST", "+02:00"),
            ("GMT", "+00:00"),
            ("BST", "+01:00"),
            ("EST", "-05:00"),
            ("EDT", "-04:00"),
            ("PST", "-08:00"),
            ("PDT", "-07:00"),
            ("IST", "+05:30"),
            ("JST", "+09:00"),
            ("MSK", "+03:00"),
            ("MEZ", "+01:00"),
            ("UTC+7", "+07:00"),
            ("GMT-03:00", "-03:00"),
            ("(WIB)", "+07:00"),
        ];
        for (zone, want) in cases {
            let text = format!("12 October 2022 08:00 {zone}");
            let got = rfc(&text, &c).unwrap();
            assert!(got.ends_with(want), "{zone}: {got}");
        }
    }

    #[test]
    fn each_pack_month_and_weekday_is_understood() {
        for p in lang::packs() {
            let ctx = DateContext::new(None, &[&p.code]);
            for (m, names) in p.dates.months.iter().enumerate() {
                for name in names {
                    let text = format!("{} 3 {name} 2021", p.dates.weekdays[2][0]);
                    let d = parse(&text, &ctx).unwrap_or_else(|| panic!("{}: {text}", p.code));
                    assert_eq!(d.date.month() as usize, m + 1, "{}: {text}", p.code);
                    assert_eq!(d.date.day(), 3, "{}: {text}", p.code);
                    assert_eq!(d.span.start, 0, "{}: weekday not in span: {text}", p.code);
                }
            }
            assert_eq!(p.dates.months.len(), 12, "{}: months", p.code);
            assert_eq!(p.dates.weekdays.len(), 7, "{}: weekdays", p.code);
        }
    }

    #[test]
    fn each_pack_reads_an_age_in_both_orders_it_uses() {
        let reference: Timestamp = "2022-10-12T12:00:00Z".parse().unwrap();
        for p in lang::packs() {
            let ctx = DateContext {
                reference: Some(reference),
                languages: vec![p.code.clone()],
            };
            let unit = &p.dates.relative_units["day"][0];
            for past in &p.dates.relative_past {
                let before = format!("{past} 3 {unit}");
                let after = format!("3 {unit} {past}");
                let r = parse_relative(&before, &ctx).or_else(|| parse_relative(&after, &ctx));
                let r = r.unwrap_or_else(|| panic!("{}: {past} {unit}", p.code));
                assert_eq!((r.amount, r.unit), (3, Unit::Day), "{}", p.code);
                assert_eq!(r.at, Some("2022-10-09T12:00:00Z".parse().unwrap()));
            }
        }
    }

    #[test]
    fn reads_ages() {
        let ctx = DateContext::new(Some("2022-10-12T12:00:00+07:00"), &[]);
        let cases = [
            ("11 jam lalu", 11, Unit::Hour),
            ("3 hours ago", 3, Unit::Hour),
            ("an hour ago", 1, Unit::Hour),
            ("vor 2 Tagen", 2, Unit::Day),
            ("il y a 3 jours", 3, Unit::Day),
            ("hace 5 minutos", 5, Unit::Minute),
            ("3 godziny temu", 3, Unit::Hour),
            ("2 дня назад", 2, Unit::Day),
            ("3小时前", 3, Unit::Hour),
            ("3時間前", 3, Unit::Hour),
            ("منذ 3 ساعات", 3, Unit::Hour),
            ("2 hafta önce", 2, Unit::Week),
        ];
        for (text, amount, unit) in cases {
            let r = parse_relative(text, &ctx).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((r.amount, r.unit), (amount, unit), "{text}");
            assert_eq!(r.text, text);
            assert!(r.at.is_some());
        }
        let r = parse_relative("Berita · 11 jam lalu", &ctx).unwrap();
        assert_eq!(r.at, Some("2022-10-12T01:00:00+07:00".parse().unwrap()));
        assert_eq!(r.text, "11 jam lalu");
    }

    #[test]
    fn ages_are_not_resolved_without_a_reference() {
        let r = parse_relative("3 hours ago", &any()).unwrap();
        assert_eq!(r.at, None);
        assert!(parse("3 hours ago", &any()).is_none());
    }

    #[test]
    fn refuses_impossible_dates() {
        let c = any();
        for text in [
            "31 February 2022",
            "2022-13-01",
            "2022-02-30",
            "32.10.2022",
            "12 October 1990",
            "1994-12-31",
            "25:00 12 October 2022 nope",
        ] {
            let got = rfc(text, &c);
            assert!(
                got.is_none() || text.starts_with("25:00") && got.as_deref() == Some("2022-10-12"),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn refuses_future_dates() {
        let ctx = DateContext::new(Some("2022-10-12T08:00:00+07:00"), &[]);
        assert!(parse("14 October 2022", &ctx).is_none());
        assert!(parse("2022-10-12T12:00:00+07:00", &ctx).is_none());
        assert!(parse("12 October 2022", &ctx).is_some());
        assert!(parse("2022-10-12T07:00:00+07:00", &ctx).is_some());
        // the first date is in the future, the second is taken
        assert_eq!(
            rfc("2030-01-01 then 2021-05-05", &ctx).as_deref(),
            Some("2021-05-05")
        );
    }

    #[test]
    fn ignores_version_numbers_and_addresses() {
        let c = any();
        assert!(parse("version 1.2.2022.4", &c).is_none());
        assert!(parse("10.10.10.10", &c).is_none());
        assert!(parse("call 2022-10-12-99", &c).is_none());
    }

    #[test]
    fn finds_every_date() {
        let all = parse_all(
            "Published 12 Oct 2022, updated 13 Oct 2022 10:00 GMT",
            &any(),
        );
        let got: Vec<String> = all.iter().map(ParsedDate::to_rfc3339).collect();
        assert_eq!(got, ["2022-10-12", "2022-10-13T10:00:00+00:00"]);
    }

    #[test]
    fn a_month_that_is_a_weekday_elsewhere_is_read_as_a_month() {
        let en = DateContext::new(None, &["en"]);
        let d = parse("Mar 16, 2018", &en).unwrap();
        assert_eq!(d.date, Date::new(2018, 3, 16).unwrap());
        let d = parse("Posted Mar 16, 2018 at 10:30", &en).unwrap();
        assert_eq!(d.date, Date::new(2018, 3, 16).unwrap());
        // a weekday before a date still belongs to it
        let es = DateContext::new(None, &["es"]);
        let d = parse("mar 12 de marzo de 2024", &es).unwrap();
        assert_eq!((d.date, d.span.start), (Date::new(2024, 3, 12).unwrap(), 0));
    }

    #[test]
    fn timestamps_need_time_and_offset() {
        let d = parse("2022-10-12T08:00:00+07:00", &any()).unwrap();
        assert_eq!(d.timestamp(), Some("2022-10-12T01:00:00Z".parse().unwrap()));
        assert_eq!(
            parse("2022-10-12T08:00:00", &any()).unwrap().timestamp(),
            None
        );
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let c = DateContext::new(Some("2022-10-12T00:00:00Z"), &["en"]);
            let _ = parse(&s, &c);
            let _ = parse_all(&s, &c);
            let _ = parse_relative(&s, &c);
        }

        /// Skipping the tokens far before any number finds what trying every token finds.
        #[test]
        fn skipping_to_numbers_loses_no_date(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "Monday", ",", "the", "of", "12", "2023", "October", "de", "at", "10:30", "am",
                "WIB", "-", "Published", "on", "Senin", "Oktober", "2022-10-12", "|", "1st",
                "noon", "GMT+7", "le", "mars", "(", ")", ".", "2", "Uhr", "um", "Mittwoch",
            ]), 0..60),
        ) {
            let text = words.join(" ");
            let c = DateContext::new(None, &["en"]);
            let toks = tokenize(&text);
            let reader = Reader { t: &toks, lex: &LEXICON, ctx: &c };
            let mut every = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                match reader.date_time_at(i) {
                    Some(d) => {
                        i = toks.iter().position(|t| t.span.start >= d.span.end).unwrap_or(toks.len());
                        every.push(d);
                    }
                    None => i += 1,
                }
            }
            prop_assert_eq!(parse_all(&text, &c), every, "{}", text);
        }

        #[test]
        fn never_panics_on_date_like_noise(s in "[0-9 :./+\\-TZWIBPMamp年月日,]{0,40}") {
            let _ = parse(&s, &any());
            let _ = parse_relative(&s, &any());
        }

        #[test]
        fn round_trips_written_dates(
            y in 1995i16..2100, m in 1i8..=12, d in 1i8..=28,
            h in 0i8..24, min in 0i8..60, shape in 0usize..6, pack in 0usize..64,
        ) {
            let packs = lang::packs();
            let p = &packs[pack % packs.len()];
            let month = &p.dates.months[(m - 1) as usize][0];
            let en_month = &lang::pack("en").unwrap().dates.months[(m - 1) as usize][0];
            let text = match shape {
                0 => format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00Z"),
                1 => format!("{d} {month} {y} {h:02}:{min:02}"),
                2 => format!("{en_month} {d}, {y} {h:02}:{min:02}"),
                3 => format!("{d:02}.{m:02}.{y} {h:02}:{min:02}"),
                4 => format!("{y}年{m}月{d}日 {h:02}:{min:02}"),
                _ => format!("{y}/{m:02}/{d:02} {h:02}:{min:02}"),
            };
            let got = parse(&text, &DateContext::new(None, &[&p.code]));
            let got = got.unwrap_or_else(|| panic!("{text}"));
            prop_assert_eq!(got.date, Date::new(y, m, d).unwrap(), "{}", text);
            prop_assert_eq!(got.time, Some(Time::new(h, min, 0, 0).unwrap()), "{}", text);
        }
    }
}
