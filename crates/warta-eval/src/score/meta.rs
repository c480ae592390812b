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
