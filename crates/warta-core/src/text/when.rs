//! Dates and ages printed in a line: a small stand-in for `crate::dates`, which is being
//! written on another branch. Replace the bodies with calls into it once it lands; the text
//! reader only needs these three questions answered.
//!
//! Until then it reads the month names, units and zones of the language packs' `[dates]`
//! sections, and (while those are still empty) a minimal English and Indonesian table.

use jiff::{civil, tz, Span, Timestamp, ToSpan};

use crate::lang;

/// A date or time printed in a line, as RFC 3339 (a date alone when no time of day is given,
/// and no offset is guessed when none is printed).
pub(super) fn parse_date(line: &str) -> Option<String> {
    if let Ok(ts) = line.trim().parse::<Timestamp>() {
        return Some(ts.to_string());
    }
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let mut time = None;
    let mut offset = None;
    let mut unknown_words = 0;
    for token in line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
    {
        let folded = token.to_lowercase();
        let bare = folded.trim_matches(|c: char| c == '.' || c == '(' || c == ')');
        if let Some(m) = month_number(bare) {
            month = month.or(Some(m));
        } else if bare.len() == 4 && bare.bytes().all(|b| b.is_ascii_digit()) {
            year = year.or(bare
                .parse::<i16>()
                .ok()
                .filter(|y| (1900..=2100).contains(y)));
        } else if (1..=2).contains(&bare.len()) && bare.bytes().all(|b| b.is_ascii_digit()) {
            day = day.or(bare.parse::<i8>().ok().filter(|d| (1..=31).contains(d)));
        } else if let Some(t) = parse_time(bare) {
            time = time.or(Some(t));
        } else if let Some(o) = zone_offset(bare) {
            offset = offset.or(Some(o));
        } else if let Some((d, m, y)) = numeric_date(bare) {
            (day, month, year) = (Some(d), Some(m), Some(y));
        } else if token.chars().any(char::is_alphabetic) {
            unknown_words += 1;
        }
    }
    if unknown_words > 3 {
        return None;
    }
    let date = civil::Date::new(year?, month?, day?).ok()?;
    Some(match (time, offset) {
        (Some((h, m)), Some(off)) => {
            let datetime = date.at(h, m, 0, 0);
            let zoned = datetime.to_zoned(tz::TimeZone::fixed(off)).ok()?;
            zoned.timestamp().display_with_offset(off).to_string()
        }
        _ => date.to_string(),
    })
}

/// An age printed as "11 jam lalu", "2 hours ago": how far back it points.
pub(super) fn parse_age(line: &str) -> Option<Span> {
    let folded = line.trim().to_lowercase();
    let tokens: Vec<&str> = folded.split_whitespace().collect();
    if tokens.len() > 5 || !tokens.iter().any(|t| is_past_word(t)) {
        return None;
    }
    let amount: i64 = tokens.iter().find_map(|t| t.parse().ok())?;
    let unit = tokens.iter().find_map(|t| unit_of(t))?;
    let span = match unit {
        "second" => amount.seconds(),
        "minute" => amount.minutes(),
        "hour" => amount.hours(),
        "day" => amount.days(),
        "week" => amount.weeks(),
        "month" => amount.months(),
        "year" => amount.years(),
        _ => return None,
    };
    Some(span)
}

/// A short line that stamps a post with its time: "November 19, 2019 at 6:34 am",
/// "2 days ago at 07:52", "12.10.2022". Comments and forum posts each carry one.
pub(super) fn is_stamp(line: &str) -> bool {
    let tokens: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.to_lowercase()
                .trim_matches(|c: char| "().:;".contains(c))
                .to_string()
        })
        .collect();
    if tokens.is_empty() || tokens.len() > 12 {
        return false;
    }
    let has = |test: &dyn Fn(&str) -> bool| tokens.iter().any(|t| test(t));
    let number = |t: &str| (1..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    has(&|t| parse_time(t).is_some())
        || has(&|t| numeric_date(t).is_some())
        || (has(&|t| month_number(t).is_some()) && has(&number))
        || (has(&number) && has(&|t| unit_of(t).is_some()) && has(&is_past_word))
}

/// The moment an age points to, seen from `reference` (RFC 3339), in the reference's offset.
pub(super) fn resolve_age(age: Span, reference: &str) -> Option<String> {
    let reference = reference.trim();
    let ts = reference.parse::<Timestamp>().ok()?;
    let offset = reference
        .char_indices()
        .nth_back(5)
        .and_then(|(i, _)| parse_offset(&reference[i..]))
        .unwrap_or(tz::Offset::UTC);
    let then = ts
        .to_zoned(tz::TimeZone::fixed(offset))
        .checked_sub(age)
        .ok()?;
    Some(then.timestamp().display_with_offset(offset).to_string())
}

fn month_number(word: &str) -> Option<i8> {
    for pack in lang::packs() {
        for (i, names) in pack.dates.months.iter().enumerate() {
            if names.iter().any(|n| n.to_lowercase() == word) {
                return i8::try_from(i + 1).ok();
            }
        }
    }
    FALLBACK_MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .and_then(|i| i8::try_from(i + 1).ok())
}

fn unit_of(word: &str) -> Option<&'static str> {
    for pack in lang::packs() {
        for (unit, words) in &pack.dates.relative_units {
            if words.iter().any(|w| w.to_lowercase() == word) {
                return FALLBACK_UNITS.iter().map(|(u, _)| *u).find(|u| u == unit);
            }
        }
    }
    FALLBACK_UNITS
        .iter()
        .find(|(_, words)| words.contains(&word))
        .map(|(unit, _)| *unit)
}

fn is_past_word(word: &str) -> bool {
    lang::packs().iter().any(|p| {
        p.dates
            .relative_past
            .iter()
            .any(|w| w.to_lowercase() == word)
    }) || FALLBACK_PAST.contains(&word)
}

fn zone_offset(word: &str) -> Option<tz::Offset> {
    let upper = word.to_uppercase();
    for pack in lang::packs() {
        if let Some(o) = pack.dates.zones.get(&upper) {
            if let Some(o) = parse_offset(o) {
                return Some(o);
            }
        }
    }
    if let Some((_, o)) = FALLBACK_ZONES.iter().find(|(z, _)| *z == upper) {
        return parse_offset(o);
    }
    parse_offset(word)
}

/// "+07:00", "+0700", "-05:00".
fn parse_offset(s: &str) -> Option<tz::Offset> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 || s[1..].chars().any(|c| !c.is_ascii_digit() && c != ':') {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    tz::Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

/// "08:00", "8.30" (a time needs minutes, so a bare number stays a day).
fn parse_time(s: &str) -> Option<(i8, i8)> {
    let (h, rest) = s.split_once([':', '.'])?;
    let m = rest.split(':').next()?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: i8 = h.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some((h, m))
}

/// "12/10/2022", "12-10-2022", "2022-10-12" (day first where the order is not plain).
fn numeric_date(s: &str) -> Option<(i8, i8, i16)> {
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (d, m, y) = if parts[0].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        (parts[0], parts[1], parts[2])
    };
    let y: i16 = y.parse().ok().filter(|y| (1900..=2100).contains(y))?;
    Some((d.parse().ok()?, m.parse().ok()?, y))
}

const FALLBACK_MONTHS: [&[&str]; 12] = [
    &["january", "januari", "jan"],
    &["february", "februari", "feb"],
    &["march", "maret", "mar"],
    &["april", "apr"],
    &["may", "mei"],
    &["june", "juni", "jun"],
    &["july", "juli", "jul"],
    &["august", "agustus", "aug", "agu", "agt"],
    &["september", "sep", "sept"],
    &["october", "oktober", "oct", "okt"],
    &["november", "nov", "nop"],
    &["december", "desember", "dec", "des"],
];

const FALLBACK_UNITS: [(&str, &[&str]); 7] = [
    ("second", &["second", "seconds", "sec", "secs", "detik"]),
    ("minute", &["minute", "minutes", "min", "mins", "menit"]),
    ("hour", &["hour", "hours", "hr", "hrs", "jam"]),
    ("day", &["day", "days", "hari"]),
    ("week", &["week", "weeks", "minggu", "pekan"]),
    ("month", &["month", "months", "bulan"]),
    ("year", &["year", "years", "tahun"]),
];

const FALLBACK_PAST: [&str; 2] = ["ago", "lalu"];

const FALLBACK_ZONES: [(&str, &str); 5] = [
    ("WIB", "+07:00"),
    ("WITA", "+08:00"),
    ("WIT", "+09:00"),
    ("UTC", "+00:00"),
    ("GMT", "+00:00"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_date_with_a_named_zone() {
        assert_eq!(
            parse_date("Rabu, 12 Oktober 2022 08:00 WIB").as_deref(),
            Some("2022-10-12T08:00:00+07:00")
        );
        assert_eq!(parse_date("12 October 2022").as_deref(), Some("2022-10-12"));
        assert_eq!(parse_date("Menteri Luar Negeri Rusia Sergei Lavrov pada Selasa, 11 Oktober 2022, mengingatkan"), None);
    }

    #[test]
    fn knows_a_post_stamp() {
        assert!(is_stamp("November 19, 2019 at 6:34 am"));
        assert!(is_stamp("2 days ago at 07:52 am"));
        assert!(!is_stamp("Chargers are on the clock!"));
    }

    #[test]
    fn reads_and_resolves_ages() {
        let age = parse_age("11 jam lalu").unwrap();
        assert_eq!(
            resolve_age(age, "2024-05-18T12:00:00+07:00").as_deref(),
            Some("2024-05-18T01:00:00+07:00")
        );
        assert!(parse_age("Bantuan mulai masuk").is_none());
    }
}
