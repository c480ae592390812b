//! Metadata agreement: how a predicted field is compared with the gold one.
//!
//! A field is scored only over the pages whose gold value is non-empty; a page where we give
//! nothing there counts as a miss. Pages whose gold is empty but where we produce a value are
//! counted separately as `spurious` (they are not in the rate).

use std::collections::BTreeSet;

use super::dates::day;

/// Whitespace runs become one space; ends trimmed; case kept.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Titles agree when equal after case folding and whitespace collapsing.
pub fn same_title(gold: &str, predicted: &str) -> bool {
    collapse(&gold.to_lowercase()) == collapse(&predicted.to_lowercase())
}

/// Strings agree when equal after whitespace collapsing (case kept).
pub fn same_exact(gold: &str, predicted: &str) -> bool {
    collapse(gold) == collapse(predicted)
}

/// The set of names in an author string: split on `,`, `;`, `&` and ` and `, each name
/// trimmed, whitespace-collapsed and case-folded.
pub fn author_set(s: &str) -> BTreeSet<String> {
    let lower = collapse(&s.to_lowercase()).replace(" and ", ",");
    lower
        .split([',', ';', '&'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// Author lists agree when they name the same set of people (each predicted name is split the
/// same way as the gold string).
pub fn same_authors(gold: &str, predicted: &[String]) -> bool {
    let pred: BTreeSet<String> = predicted.iter().flat_map(|a| author_set(a)).collect();
    author_set(gold) == pred
}

/// Name lists agree when they hold the same names, each case-folded and whitespace-collapsed
/// (no splitting: the gold already lists one name per entry).
pub fn same_name_set(gold: &[String], predicted: &[String]) -> bool {
    let set = |names: &[String]| -> BTreeSet<String> {
        names
            .iter()
            .map(|n| collapse(&n.to_lowercase()))
            .filter(|n| !n.is_empty())
            .collect()
    };
    set(gold) == set(predicted)
}

/// Words a byline prints around the names: labels, joiners, dates and clock words, and
/// affiliation suffixes. Lower-case; tokens with a digit are ignored as well.
const BYLINE_FILLER: &[&str] = &[
    "by",
    "written",
    "edited",
    "par",
    "por",
    "von",
    "di",
    "door",
    "avec",
    "et",
    "y",
    "und",
    "and",
    "with",
    "updated",
    "last",
    "published",
    "posted",
    "on",
    "at",
    "am",
    "pm",
    "a",
    "m",
    "p",
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

/// Bylines agree by their names: every predicted name (split as [`author_set`]) is printed in
/// the expected byline, and once they are taken out only filler is left (labels such as
/// "By", joiners, dates and times: [`BYLINE_FILLER`]; and links). A byline with nothing but
/// filler names nobody and is not scored (`None`).
pub fn same_byline_names(gold: &str, predicted: &[String]) -> Option<bool> {
    let is_filler = |t: &str| t.chars().any(|c| c.is_ascii_digit()) || BYLINE_FILLER.contains(&t);
    let leftover_names = |text: &str| super::tokens(text).any(|t| !is_filler(t));
    let words: Vec<&str> = gold
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.starts_with("www."))
        .collect();
    let mut rest = format!(" {} ", words.join(" ").to_lowercase());
    if !leftover_names(&rest) {
        return None;
    }
    let names: BTreeSet<String> = predicted.iter().flat_map(|a| author_set(a)).collect();
    if names.is_empty() {
        return Some(false);
    }
    for name in &names {
        // the name as a whole, not part of a longer word (digits may be glued on: "Nolan22")
        let found = rest.match_indices(name.as_str()).find(|(i, _)| {
            let before = rest[..*i].chars().next_back();
            let after = rest[i + name.len()..].chars().next();
            !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
        });
        let Some((i, _)) = found else {
            return Some(false);
        };
        rest.replace_range(i..i + name.len(), " ");
    }
    Some(!leftover_names(&rest))
}

/// The instant an ISO 8601 / RFC 3339 date-time names, when it has both a time and a UTC
/// offset (`Z`, `+HH:MM`); `T` or a space may separate day and time. A day alone or a local
/// time names no instant.
pub fn instant(date: &str) -> Option<jiff::Timestamp> {
    date.trim().parse::<jiff::Timestamp>().ok()
}

/// Instants agree when both name one and they lie within five minutes of each other.
pub fn same_instant(gold: &str, predicted: &str) -> bool {
    match (instant(gold), instant(predicted)) {
        (Some(g), Some(p)) => (g.as_second() - p.as_second()).abs() <= 5 * 60,
        _ => false,
    }
}

/// Dates agree on the day (`YYYY-MM-DD` as written). A gold date given only to the month
/// (`YYYY-MM`) is compared at that precision.
pub fn same_date(gold: &str, predicted: &str) -> bool {
    let gold = gold.trim();
    if let Some(g) = day(gold) {
        return day(predicted) == Some(g);
    }
    let month = gold.len() == 7 && day(&format!("{gold}-01")).is_some();
    month && day(predicted).is_some_and(|p| p.starts_with(gold))
}

/// Match rate of one field.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub matched: usize,
    /// Pages whose gold value is non-empty.
    pub scored: usize,
    /// Pages whose gold is empty but where a value was predicted.
    pub spurious: usize,
}

impl Rate {
    /// Scores one page: `agree` is asked only when both values are present. Returns whether
    /// the page matched, or `None` when the page is not in the rate (no gold value).
    pub fn add(
        &mut self,
        gold: Option<&str>,
        predicted_present: bool,
        agree: impl FnOnce(&str) -> bool,
    ) -> Option<bool> {
        match gold.filter(|g| !g.trim().is_empty()) {
            Some(g) => {
                self.scored += 1;
                let matched = predicted_present && agree(g);
                self.matched += usize::from(matched);
                Some(matched)
            }
            None => {
                self.spurious += usize::from(predicted_present);
                None
            }
        }
    }

    pub fn value(&self) -> f64 {
        super::ratio(self.matched, self.scored).unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_fold_case_and_spacing() {
        assert!(same_title("Top  Trends for\nFall", "top trends FOR fall "));
        assert!(!same_title("Top Trends", "Top Trends | Site"));
    }

    #[test]
    fn exact_keeps_case() {
        assert!(same_exact(" Jane  Doe", "Jane Doe"));
        assert!(!same_exact("Jane Doe", "jane doe"));
    }

    #[test]
    fn author_sets_split_on_separators() {
        let s = author_set("Danielle DeSiato, Donna Enzmann, and Natalie Nguyen");
        assert_eq!(
            s.into_iter().collect::<Vec<_>>(),
            ["danielle desiato", "donna enzmann", "natalie nguyen"]
        );
        assert!(same_authors(
            "Maria & Katerina",
            &["katerina".to_string(), "Maria".to_string()]
        ));
        assert!(same_authors(
            "A; B and C",
            &["A, B".to_string(), "C".to_string()]
        ));
        assert!(!same_authors(
            "Jane Doe",
            &["Jane Doe".into(), "Staff".into()]
        ));
        assert!(!same_authors("Jane Doe", &[]));
        // " and " inside a word is not a separator.
        assert_eq!(author_set("Alexandra Sandersen").len(), 1);
    }

    #[test]
    fn dates_compare_on_the_day() {
        assert!(same_date("2025-09-04", "2025-09-04T08:00:00-04:00"));
        assert!(!same_date("2025-09-04", "2025-09-05T01:00:00+09:00"));
        assert!(same_date("2024-05", "2024-05-17"));
        assert!(!same_date("2024-05", "2024-06-17"));
        assert!(!same_date("2025-09-04", "September 4, 2025"));
    }

    #[test]
    fn bylines_agree_by_their_names() {
        let v = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let nolan = v(&["Lucas Nolan"]);
        assert_eq!(
            same_byline_names("by Lucas Nolan22 Dec 2016651", &nolan),
            Some(true)
        );
        assert_eq!(
            same_byline_names("By Nathan Willis\n March 25, 2015", &v(&["Nathan Willis"])),
            Some(true)
        );
        assert_eq!(
            same_byline_names(
                "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
                &v(&["Martin Untersinger", "Damien Leloup", "Morgane Tual"])
            ),
            Some(true)
        );
        assert_eq!(
            same_byline_names("Stella Kim, Jennifer Jett", &v(&["Stella Kim"])),
            Some(false)
        );
        assert_eq!(same_byline_names("Mac & i", &v(&["Mac & i"])), Some(true));
        let kuhn = v(&["Bradley M. Kuhn"]);
        assert_eq!(
            same_byline_names("Bradley M. Kuhn (http://ebb.org/bkuhn/)", &kuhn),
            Some(true)
        );
        assert_eq!(same_byline_names("By Erin Cunningham", &[]), Some(false));
        assert_eq!(
            same_byline_names("By Erin Cunningham", &v(&["Erin"])),
            Some(false)
        );
        assert_eq!(
            same_byline_names("April 28, 2019 at 6:01 am Updated April 29", &[]),
            None
        );
    }

    #[test]
    fn name_sets_fold_case_only() {
        let v = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert!(same_name_set(
            &v(&["Jane Roe", "SDA"]),
            &v(&["sda", " jane  roe"])
        ));
        assert!(!same_name_set(
            &v(&["Le Figaro et AFP"]),
            &v(&["Le Figaro", "AFP"])
        ));
        assert!(!same_name_set(&v(&["Jane Roe"]), &[]));
    }

    #[test]
    fn instants_need_an_offset_and_agree_within_five_minutes() {
        let gold = "2024-05-03 15:47:42.389000+00:00";
        assert!(same_instant(gold, "2024-05-03T17:50:00+02:00"));
        assert!(same_instant(gold, "2024-05-03T15:47Z"));
        assert!(!same_instant(gold, "2024-05-03T15:53:00+00:00"));
        assert!(
            !same_instant(gold, "2024-05-03T15:47:42"),
            "a local time is no instant"
        );
        assert!(!same_instant(gold, "2024-05-03"));
        assert!(instant("2025-04-01 15:25:00").is_none());
    }

    #[test]
    fn rate_counts_only_pages_with_gold() {
        let mut r = Rate::default();
        assert_eq!(r.add(Some("x"), true, |g| g == "x"), Some(true));
        assert_eq!(r.add(Some("x"), false, |_| true), Some(false));
        assert_eq!(r.add(Some(""), true, |_| true), None);
        assert_eq!(r.add(None, false, |_| true), None);
        assert_eq!(
            r,
            Rate {
                matched: 1,
                scored: 2,
                spurious: 1
            }
        );
        assert_eq!(r.value(), 0.5);
    }
}
