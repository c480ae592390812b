//! Threads: a forum topic or a Q&A page, where the body is a run of posts, each with its
//! stamp. Around every post sit short lines that are the board's, not the poster's: post
//! numbers ("#5"), vote and reply counts, join dates, post counts, badges ("55.4k 24 gold
//! badges"), "Last edited: Mar 27, 2025", and the labels printed on every poster's card
//! ("Registered User", "View Public Profile"). Inside a thread they are furniture.

use std::collections::HashMap;
use std::ops::Range;

use super::furniture::{mostly_prose_between, Kind};
use super::lines::Line;
use super::when::When;

/// Stamps in the body that make it a thread.
const MIN_POSTS: usize = 3;
/// A post's furniture line is a few words at most.
const MAX_POST_FURNITURE_WORDS: usize = 8;
/// A board's counters are short; a poster's sentence with a number in it ends like one.
const MIN_SENTENCE_WORDS: usize = 4;

/// Marks the post furniture inside `span` when the span is a thread: at least
/// [`MIN_POSTS`] post stamps, and prose between most of them (a listing's dates sit over
/// titles, not posts).
pub(super) fn mark_post_furniture(
    lines: &[Line],
    kinds: &mut [Kind],
    span: &Range<usize>,
    when: &When,
) {
    let stamps: Vec<usize> = span
        .clone()
        .filter(|&i| is_counter_line(&lines[i], &kinds[i]) && when.is_stamp(&lines[i].text))
        .collect();
    if stamps.len() < MIN_POSTS {
        return;
    }
    // Posts are stamped at different times; a countdown or a banner printed again and
    // again shows one time only.
    let mut distinct: Vec<&str> = stamps.iter().map(|&i| lines[i].text.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 2 {
        return;
    }
    if !mostly_prose_between(lines, &stamps) {
        return;
    }
    // Labels printed on every poster's card ("Registered User", "View Public Profile").
    let mut printed: HashMap<&str, usize> = HashMap::new();
    for i in span.clone() {
        if is_card_label(&lines[i], &kinds[i]) {
            *printed.entry(lines[i].text.as_str()).or_default() += 1;
        }
    }
    for i in span.clone() {
        let on_every_card = is_card_label(&lines[i], &kinds[i])
            && printed
                .get(lines[i].text.as_str())
                .is_some_and(|&n| n >= MIN_CARD_COPIES);
        if on_every_card || is_counter_line(&lines[i], &kinds[i]) {
            kinds[i] = Kind::PostFurniture;
        }
    }
}

/// A label on a poster's card is printed on this many cards at the least.
const MIN_CARD_COPIES: usize = 2;
/// A card's label is a few words.
const MAX_CARD_LABEL_WORDS: usize = 4;

/// A short line that is not a sentence: a poster's rank, a link under the post.
fn is_card_label(line: &Line, kind: &Kind) -> bool {
    *kind == Kind::Text && line.words <= MAX_CARD_LABEL_WORDS && !line.ends_sentence
}

/// A short line with a number in it that is not a sentence: a stamp, a count, a rank.
fn is_counter_line(line: &Line, kind: &Kind) -> bool {
    *kind == Kind::Text
        && line.words <= MAX_POST_FURNITURE_WORDS
        && !(line.ends_sentence && line.words >= MIN_SENTENCE_WORDS)
        && line.text.chars().any(char::is_numeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines::segment;

    fn marked(text: &str) -> Vec<String> {
        let lines = segment(text);
        let mut kinds = vec![Kind::Text; lines.len()];
        let when = When::new(None, Some("en"));
        mark_post_furniture(&lines, &mut kinds, &(0..lines.len()), &when);
        lines
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| **k == Kind::PostFurniture)
            .map(|(l, _)| l.text.clone())
            .collect()
    }

    #[test]
    fn the_counters_around_forum_posts_are_furniture() {
        // Regression: post numbers, join dates and post counts of every poster's card
        // came out in the thread's text.
        let text = "Which tent for a wet week in the hills?\n\
            harbour_hiker\nOct 25, 2017\n14,796\n#1\n\
            I have two tents and both let the rain in at the seams after three days of it.\n\
            fellwalker\nNov 16, 2018\n1,571\n#2\n\
            Seal the seams before you go, and pitch with the door away from the wind.\n\
            Last edited: Mar 27, 2025\n\
            moss_and_mud\nJan 12, 2022\n44\n#3\n\
            A tarp over the tent kept me dry for a whole week in the hills last spring.\n";
        assert_eq!(
            marked(text),
            [
                "Oct 25, 2017",
                "14,796",
                "#1",
                "Nov 16, 2018",
                "1,571",
                "#2",
                "Last edited: Mar 27, 2025",
                "Jan 12, 2022",
                "44",
                "#3"
            ]
        );
    }

    #[test]
    fn labels_on_every_posters_card_are_furniture() {
        // Regression: each poster's rank and the links under each post came out in the
        // thread's text.
        let text = "harbour_hiker\nRegistered User\nOct 25, 2017\n\
            I have two tents and both let the rain in at the seams after three days of it.\n\
            View Public Profile\n\
            fellwalker\nRegistered User\nNov 16, 2018\n\
            Seal the seams before you go, and pitch with the door away from the wind.\n\
            View Public Profile\n\
            moss_and_mud\nModerator\nJan 12, 2022\n\
            A tarp over the tent kept me dry for a whole week in the hills last spring.\n\
            View Public Profile\n";
        assert_eq!(
            marked(text),
            [
                "Registered User",
                "Oct 25, 2017",
                "View Public Profile",
                "Registered User",
                "Nov 16, 2018",
                "View Public Profile",
                "Jan 12, 2022",
                "View Public Profile"
            ]
        );
    }

    #[test]
    fn one_time_printed_again_and_again_is_no_thread() {
        // Regression: an offer's countdown, printed on every card with the same end time,
        // read as a thread, and the cards' figures were cut as post counters.
        let card = "Offer ends\nNovember 20, 2026 7:00 PM\n\
            Get a resume written by an expert who knows your field and your next employer.\n\
            $139\n";
        assert!(marked(&card.repeat(3)).is_empty());
    }

    #[test]
    fn dated_entries_of_a_listing_are_no_thread() {
        // Titles between the dates, not posts: the dates are the listing's content.
        let text = "Book fair\nMay 3, 2021\nPoetry night\nMay 10, 2021\n\
            Film club\nMay 17, 2021\nGarden tour\nMay 24, 2021\n";
        assert!(marked(text).is_empty());
    }
}
