//! The htmldate set's rule: a publication date is right when it names the same day.
//!
//! Right day = TP, wrong day (or a date we cannot read a day from) = FP, no date where the
//! gold has one = FN, no date where the gold has none = TN. P = TP/(TP+FP),
//! R = TP/(TP+FN), F1, accuracy = (TP+TN)/all.

use super::{f1, ratio};

/// The `YYYY-MM-DD` day at the start of an ISO 8601 / RFC 3339 date, as written (no time-zone
/// shift: the day the page itself states).
pub fn day(date: &str) -> Option<&str> {
    let d = date.trim().get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)).then_some(d)
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Right,
    Wrong,
    Missed,
    RightlyNone,
}

pub fn judge(gold: Option<&str>, predicted: Option<&str>) -> Verdict {
    let predicted = predicted.filter(|p| !p.trim().is_empty());
    match (gold.and_then(day), predicted) {
        (None, None) => Verdict::RightlyNone,
        (Some(_), None) => Verdict::Missed,
        (Some(g), Some(p)) if day(p) == Some(g) => Verdict::Right,
        _ => Verdict::Wrong,
    }
}

impl Counts {
    pub fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Right => self.tp += 1,
            Verdict::Wrong => self.fp += 1,
            Verdict::Missed => self.fn_ += 1,
            Verdict::RightlyNone => self.tn += 1,
        }
    }

    /// (P, R, F1, accuracy); an undefined ratio counts as 0.
    pub fn scores(&self) -> (f64, f64, f64, f64) {
        let p = ratio(self.tp, self.tp + self.fp).unwrap_or(0.0);
        let r = ratio(self.tp, self.tp + self.fn_).unwrap_or(0.0);
        let all = self.tp + self.fp + self.fn_ + self.tn;
        (p, r, f1(p, r), ratio(self.tp + self.tn, all).unwrap_or(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_reads_the_date_part() {
        assert_eq!(day("2020-06-07T23:30:00+02:00"), Some("2020-06-07"));
        assert_eq!(day("2020-06-07"), Some("2020-06-07"));
        assert_eq!(day("2020-06"), None);
        assert_eq!(day("07.06.2020"), None);
        assert_eq!(day("2020-06-0é"), None);
    }

    #[test]
    fn verdicts() {
        assert_eq!(
            judge(Some("2020-06-07"), Some("2020-06-07T10:00:00Z")),
            Verdict::Right
        );
        assert_eq!(
            judge(Some("2020-06-07"), Some("2020-06-08")),
            Verdict::Wrong
        );
        assert_eq!(judge(Some("2020-06-07"), Some("June 7")), Verdict::Wrong);
        assert_eq!(judge(Some("2020-06-07"), None), Verdict::Missed);
        assert_eq!(judge(Some("2020-06-07"), Some(" ")), Verdict::Missed);
        assert_eq!(judge(None, None), Verdict::RightlyNone);
        assert_eq!(judge(None, Some("2020-06-07")), Verdict::Wrong);
    }

    #[test]
    fn scores_from_counts() {
        let mut c = Counts::default();
        for v in [
            Verdict::Right,
            Verdict::Right,
            Verdict::Wrong,
            Verdict::Missed,
        ] {
            c.add(v);
        }
        let (p, r, f, acc) = c.scores();
        assert!((p - 2.0 / 3.0).abs() < 1e-12);
        assert!((r - 2.0 / 3.0).abs() < 1e-12);
        assert!((f - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(acc, 0.5);
    }
}
