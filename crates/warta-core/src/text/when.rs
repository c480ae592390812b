//! Dates and ages printed on lines of their own, read with [`crate::dates`]: the article's
//! date under its headline, the age of a related story, the stamp over a comment.

use jiff::tz::{Offset, TimeZone};
use jiff::Timestamp;

use crate::dates::{self, DateContext};
use crate::strings::ends_sentence;

/// A date line carries little besides the date: a label ("Published", "Diperbarui") at most.
const MAX_WORDS_BESIDE_A_DATE: usize = 3;
/// A stamp is a short line.
const MAX_STAMP_WORDS: usize = 12;
/// A stamp with its time of day and the poster's byline on one line.
const MAX_BYLINE_STAMP_WORDS: usize = 18;

/// What the text reader knows when it reads dates: the page's language and when it was
/// fetched.
pub(super) struct When {
    ctx: DateContext,
    /// The offset the reference time was written with, so resolved ages read in it too.
    reference_offset: Offset,
}

impl When {
    pub(super) fn new(reference: Option<&str>, language: Option<&str>) -> When {
        let languages: Vec<&str> = language.into_iter().collect();
        When {
            ctx: DateContext::new(reference, &languages),
            reference_offset: reference.and_then(written_offset).unwrap_or(Offset::UTC),
        }
    }

    /// The line is a date ("Rabu, 12 Oktober 2022 08:00 WIB"), not a sentence that mentions
    /// one: as RFC 3339 (a date alone when no time is printed).
    pub(super) fn date_line(&self, line: &str) -> Option<String> {
        let found = dates::parse(line, &self.ctx)?;
        let beside = line[..found.span.start]
            .split_whitespace()
            .chain(line[found.span.end..].split_whitespace())
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        (beside <= MAX_WORDS_BESIDE_A_DATE).then(|| found.to_rfc3339())
    }

    /// An age ("11 jam lalu") or a date on a line of its own: as printed, and the moment it
    /// names when that can be known.
    pub(super) fn age(&self, line: &str) -> Option<(String, Option<String>)> {
        if let Some(age) = dates::parse_relative(line, &self.ctx) {
            let rest_words = line[..age.span.start]
                .split_whitespace()
                .chain(line[age.span.end..].split_whitespace())
                .count();
            if rest_words <= MAX_WORDS_BESIDE_A_DATE {
                let at = age.at.map(|ts| self.in_reference_offset(ts));
                return Some((line.to_string(), at));
            }
        }
        self.date_line(line)
            .map(|date| (line.to_string(), Some(date)))
    }

    /// A short line that stamps a post with its time: "November 19, 2019 at 6:34 am",
    /// "2 days ago at 07:52". Comments and forum posts each carry one.
    ///
    /// A stamp with the time of day may share its line with the poster's byline ("by amy
    /// (1234) writes: on Friday December 19, 2025 @11:39PM (#6587) Homepage"), and be
    /// longer; a sentence that names a date and a time is none.
    pub(super) fn is_stamp(&self, line: &str) -> bool {
        let words = line.split_whitespace().count();
        if words > MAX_BYLINE_STAMP_WORDS {
            return false;
        }
        let date = dates::parse(line, &self.ctx);
        if words <= MAX_STAMP_WORDS
            && (date.is_some()
                || dates::parse_relative(line, &self.ctx).is_some()
                || name_unglued(line).is_some_and(|l| self.holds_a_time(&l)))
        {
            return true;
        }
        !ends_sentence(line) && date.is_some_and(|d| d.time.is_some())
    }

    fn holds_a_time(&self, line: &str) -> bool {
        dates::parse(line, &self.ctx).is_some() || dates::parse_relative(line, &self.ctx).is_some()
    }

    fn in_reference_offset(&self, ts: Timestamp) -> String {
        let zoned = ts.to_zoned(TimeZone::fixed(self.reference_offset));
        zoned
            .timestamp()
            .display_with_offset(self.reference_offset)
            .to_string()
    }
}

/// "AmySeptember 11, 2008 at 2:06 PM": a poster's name run into the stamp beside it (two
/// inline elements a crawler joined without a space), split where the first word's lower
/// case turns to upper case.
fn name_unglued(line: &str) -> Option<String> {
    let first = line.split_whitespace().next()?;
    let mut previous_lower = false;
    let joint = first.char_indices().find_map(|(at, c)| {
        let found = previous_lower && c.is_uppercase();
        previous_lower = c.is_lowercase();
        found.then_some(at)
    })?;
    let start = line.find(first)?;
    Some(format!(
        "{} {}",
        &line[..start + joint],
        &line[start + joint..]
    ))
}

/// The UTC offset an RFC 3339 time was written with ("…+07:00", "…Z").
fn written_offset(rfc3339: &str) -> Option<Offset> {
    let s = rfc3339.trim();
    if s.ends_with(['Z', 'z']) {
        return Some(Offset::UTC);
    }
    let tail = s.get(s.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    (tail.as_bytes().get(3) == Some(&b':'))
        .then(|| Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_date_line_but_not_a_sentence() {
        let when = When::new(None, Some("id"));
        assert_eq!(
            when.date_line("Rabu, 12 Oktober 2022 08:00 WIB").as_deref(),
            Some("2022-10-12T08:00:00+07:00")
        );
        assert_eq!(
            when.date_line("Menteri Luar Negeri Rusia Sergei Lavrov pada Selasa, 11 Oktober 2022, mengingatkan"),
            None
        );
    }

    #[test]
    fn resolves_ages_in_the_reference_offset() {
        let when = When::new(Some("2024-05-18T12:00:00+07:00"), Some("id"));
        let (printed, at) = when.age("11 jam lalu").unwrap();
        assert_eq!(printed, "11 jam lalu");
        assert_eq!(at.as_deref(), Some("2024-05-18T01:00:00+07:00"));
        assert_eq!(
            When::new(None, Some("id")).age("11 jam lalu").unwrap().1,
            None
        );
        assert!(when.age("Bantuan mulai masuk ke Gaza").is_none());
    }

    #[test]
    fn knows_a_post_stamp() {
        let when = When::new(None, Some("en"));
        assert!(when.is_stamp("November 19, 2019 at 6:34 am"));
        assert!(when.is_stamp("2 days ago at 07:52 am"));
        assert!(!when.is_stamp("Chargers are on the clock!"));
        // A poster's name run into the stamp.
        assert!(when.is_stamp("AmySeptember 11, 2008 at 2:06 PM"));
        assert!(!when.is_stamp("McDonald's opens on Main Street"));
        // The stamp on the poster's byline line, with the weekday and "@" before the time.
        assert!(when.is_stamp(
            "by fellwalker ( 5754788 ) writes: on Friday December 19, 2025 @11:39PM (#65870295) Homepage"
        ));
        assert!(!when.is_stamp(
            "The council will meet again on Friday December 19, 2025 at 7:00 PM to vote on the budget."
        ));
    }
}
