//! The article's head: headline, byline, date; and the dateline that opens the first
//! paragraph ("TEMPO.CO, Jakarta - ", "BERLIN (dpa) – ").

use crate::article::{Person, Role};
use crate::copyright;

use super::furniture::Kind;
use super::lines::{skip_chars, Line};
use super::phrases::Phrases;
use super::when::When;
use crate::lang;
use crate::lead::looks_like_domain;
use crate::strings::COLONS;

/// How many lines above the body the head may reach.
const HEAD_REACH: usize = 12;
/// How many lines below the body a closing byline ("Editor: …") may sit.
const TAIL_REACH: usize = 8;
/// A person's or organisation's name is a few words.
const MAX_NAME_WORDS: usize = 6;
/// A date line is short; longer lines that mention a date are sentences.
const MAX_DATE_WORDS: usize = 12;

#[derive(Debug, Default)]
pub(super) struct Head {
    pub title: Option<String>,
    pub authors: Vec<Person>,
    pub published: Option<String>,
    pub site_name: Option<String>,
}

/// Reads the head above the body (`body_start`) and a closing byline below it (`body_end`),
/// marking the lines it uses.
pub(super) fn read(
    lines: &[Line],
    kinds: &mut [Kind],
    phrases: &Phrases,
    body_start: usize,
    body_end: usize,
    when: &When,
) -> Head {
    let mut head = Head::default();
    let first = body_start.saturating_sub(HEAD_REACH);
    let tail = body_end..(body_end + TAIL_REACH).min(lines.len());
    for i in (first..body_start.min(lines.len())).chain(tail) {
        if kinds[i] != Kind::Text {
            continue;
        }
        if let Some(found) = byline(lines, kinds, i, phrases, when) {
            head.authors.extend(found);
        } else if i < body_start && head.published.is_none() && lines[i].words <= MAX_DATE_WORDS {
            if let Some(date) = when.date_line(&lines[i].text) {
                head.published = Some(date);
                kinds[i] = Kind::Date;
            }
        }
    }
    head.site_name = head
        .authors
        .iter()
        .find(|a| looks_like_domain(&a.name))
        .map(|a| a.name.clone());
    if head.site_name.is_none() {
        head.site_name = lines.iter().rev().find_map(|l| copyright::holder(&l.text));
    }
    head.title = title(lines, kinds, first, body_start);
    head
}

/// The headline: the last headline-shaped line above the byline and date (or above the body
/// when there are none).
fn title(lines: &[Line], kinds: &mut [Kind], first: usize, body_start: usize) -> Option<String> {
    let end = body_start.min(lines.len());
    let head_marks = (first..end).find(|&i| matches!(kinds[i], Kind::Byline | Kind::Date));
    let limit = head_marks.unwrap_or(end);
    let at = (first..limit)
        .rev()
        .find(|&i| kinds[i] == Kind::Text && lines[i].headline_shaped() && lines[i].words >= 3)?;
    kinds[at] = Kind::Title;
    // The same headline printed again in the page is not body text either.
    for i in at + 1..kinds.len() {
        if kinds[i] == Kind::Text && lines[i].text == lines[at].text {
            kinds[i] = Kind::Title;
        }
    }
    Some(lines[at].text.clone())
}

/// A byline at line `i`: "Reporter" over a name, or "By Jane Doe" on one line.
fn byline(
    lines: &[Line],
    kinds: &mut [Kind],
    i: usize,
    phrases: &Phrases,
    when: &When,
) -> Option<Vec<Person>> {
    let line = &lines[i];
    let label = line.folded.trim_end_matches(COLONS).trim();
    if let Some(role) = role_of(label, phrases) {
        let next = i + 1;
        let name = lines
            .get(next)
            .filter(|n| kinds[next] == Kind::Text && is_name(n, when, phrases))?;
        kinds[i] = Kind::Byline;
        kinds[next] = Kind::Byline;
        return Some(people(&name.text, role, phrases));
    }
    if line.words > MAX_NAME_WORDS + 2 {
        return None;
    }
    let (len, role) = labelled(&line.folded, phrases)?;
    let rest = skip_chars(&line.text, len)
        .trim_start_matches(|c: char| c.is_whitespace() || COLONS.contains(&c))
        .trim();
    if !is_name(&Line::new(rest.to_string()), when, phrases) {
        return None;
    }
    kinds[i] = Kind::Byline;
    Some(people(rest, role, phrases))
}

fn is_name(line: &Line, when: &When, phrases: &Phrases) -> bool {
    let not_a_name = phrases
        .packs()
        .iter()
        .flat_map(|p| &p.bylines.not_names)
        .any(|n| line.folded.contains(n.as_str()));
    !not_a_name
        && (1..=MAX_NAME_WORDS).contains(&line.words)
        && line.starts_capitalised()
        && !line.ends_sentence
        && when.date_line(&line.text).is_none()
}

/// The names a byline credits, each with `role`.
fn people(names: &str, role: Role, phrases: &Phrases) -> Vec<Person> {
    let joiners: Vec<String> = phrases
        .packs()
        .iter()
        .flat_map(|p| p.bylines.joiners.iter().map(|j| j.to_lowercase()))
        .collect();
    lang::split_names(names, &joiners)
        .into_iter()
        .map(|name| Person { name, role })
        .collect()
}

/// The role a whole-line label names ("reporter", "penulis").
fn role_of(label: &str, phrases: &Phrases) -> Option<Role> {
    labels(phrases).find(|(l, _)| *l == label).map(|(_, r)| r)
}

/// A label opening the line, followed by a space or colon: its length in chars and role.
fn labelled(folded: &str, phrases: &Phrases) -> Option<(usize, Role)> {
    labels(phrases)
        .filter(|(l, _)| folded.starts_with(l) && folded[l.len()..].starts_with([' ', ':', '：']))
        .max_by_key(|(l, _)| l.len())
        .map(|(l, r)| (l.chars().count(), r))
}

fn labels<'a>(phrases: &'a Phrases) -> impl Iterator<Item = (&'a str, Role)> + 'a {
    phrases.packs().iter().flat_map(|p| p.bylines.labels())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_names_are_told_from_names() {
        assert!(looks_like_domain("Tempo.co"));
        assert!(!looks_like_domain("Jane Doe"));
        assert!(!looks_like_domain("St."));
    }
}
