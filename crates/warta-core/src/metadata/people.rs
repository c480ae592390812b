//! People credited with the article, with their roles: candidates from JSON-LD, meta tags,
//! microdata, `rel=author` links, byline elements and labelled lines under the headline.
//!
//! A credit is cleaned the way an editor would: role labels ("By", "Penulis:", "Foto:") set
//! the role and are cut off, as are dates, e-mail addresses, links and job titles; several
//! names are split. Commenters, the site's own name and "Email the author" are never people.

use std::sync::LazyLock;

use html5ever::local_name;
use serde_json::Value;

use super::page::{class_id, find_word, ld_types, spaced_text, Page};
use super::Candidate;
use crate::article::{Person, Role};
use crate::dates;
use crate::dom::DOCUMENT;
use crate::lang;
use crate::strings::{collapse, lower_aligned, normalise, squash};

/// A byline element is read only while its text is this short.
const MAX_BYLINE_TEXT: usize = 200;
const MAX_NAME_CHARS: usize = 60;
const MAX_NAME_WORDS: usize = 5;
/// A line under the headline is read as a credit only while it is this short.
const MAX_LABELLED_LINE: usize = 100;

/// One credited name, and whether it is an organisation rather than a person.
#[derive(Debug, Clone)]
struct Credit {
    person: Person,
    organisation: bool,
}

/// Finds the credited people. `brands` are the site's own names, which never count as a
/// person; `lead` is the text printed under the headline, one element per line.
pub(super) fn find(page: &Page, brands: &[String], lead: &str) -> Option<Candidate<Vec<Person>>> {
    let words = &*WORDS;
    let mut found: Vec<Candidate<Vec<Credit>>> = Vec::new();
    let mut push = |credits: Vec<Credit>, source: &str, confidence: f32| {
        let credits: Vec<Credit> = credits
            .into_iter()
            .map(|mut c| {
                c.organisation |= is_brand(&c.person.name, brands);
                c
            })
            .collect();
        if !credits.is_empty() {
            found.push(Candidate {
                value: credits,
                source: source.to_string(),
                confidence,
            });
        }
    };

    if let Some(article) = page.article_ld() {
        let mut credits = Vec::new();
        for key in ["author", "creator"] {
            if let Some(v) = article.get(key) {
                ld_people(v, words, &mut credits);
            }
            if !credits.is_empty() {
                break;
            }
        }
        push(credits, "json-ld", 0.9);
    }
    for key in [
        // Dublin Core is set by hand where it is set at all
        "dc:creator",
        "dc.creator",
        "dcterms.creator",
        "author",
        "article:author",
        "og:article:author",
        "sailthru.author",
        "parsely-author",
        "byl",
        "citation_author",
    ] {
        let credits: Vec<Credit> = page
            .tags_all(key)
            .flat_map(|v| {
                if matches!(
                    key,
                    "citation_author" | "dc:creator" | "dc.creator" | "dcterms.creator"
                ) {
                    // one person per tag, often "Last, First"
                    words.parse(&surname_last(v), Role::Author, Trust::Structured)
                } else {
                    words.parse(v, Role::Author, Trust::Structured)
                }
            })
            .collect();
        push(dedup(credits), &format!("meta:{key}"), 0.8);
    }
    // "twitter:label1 = Written by", "twitter:data1 = <name>"
    for (key, label) in &page.tags {
        let Some(n) = key.strip_prefix("twitter:label") else {
            continue;
        };
        if let Some((role, rest)) = words.starts_with_label(label) {
            if rest.trim().is_empty() {
                if let Some(v) = page.tag(&[&format!("twitter:data{n}")]) {
                    push(
                        words.parse(&v, role, Trust::Structured),
                        "meta:twitter:data",
                        0.75,
                    );
                }
            }
        }
    }
    let microdata = microdata_credits(page, words);
    if microdata.len() > 2 {
        // many authors marked up: a thread or a listing; its first post is the article's
        push(microdata.into_iter().take(1).collect(), "microdata", 0.6);
    } else {
        push(microdata, "microdata", 0.85);
    }

    let (rel_author, byline_elements) = element_credits(page, words);
    push(dedup(rel_author), "rel-author", 0.65);
    if let Some((credits, confidence)) = byline_elements.into_iter().next() {
        push(credits, "byline-text", confidence);
    }

    // labelled lines under the headline: "By Jane Doe", "Reporter\nTempo.co"
    let labelled = labelled_credits(lead, words);
    push(dedup(labelled), "byline-text", 0.75);

    // agreement between sources
    let keys: Vec<Vec<String>> = found.iter().map(|c| names_of(&c.value)).collect();
    for (i, c) in found.iter_mut().enumerate() {
        let agreeing = keys
            .iter()
            .enumerate()
            .filter(|(j, k)| *j != i && **k == keys[i])
            .count();
        c.confidence += 0.03 * agreeing.min(3) as f32;
    }
    let has_person = |c: &&Candidate<Vec<Credit>>| c.value.iter().any(|p| !p.organisation);
    let best =
        found
            .iter()
            .filter(has_person)
            .fold(None::<&Candidate<Vec<Credit>>>, |b, c| match b {
                Some(b) if b.confidence >= c.confidence => Some(b),
                _ => Some(c),
            });
    let chosen = match best {
        Some(b) => {
            let mut people: Vec<Person> = b
                .value
                .iter()
                .filter(|c| !c.organisation)
                .map(|c| c.person.clone())
                .collect();
            // "JEFFREY GETTLEMAN" as another source writes it: "Jeffrey Gettleman"
            for p in &mut people {
                if !p.name.chars().any(char::is_lowercase) {
                    let written = found.iter().flat_map(|c| &c.value).find(|c| {
                        same_name(&c.person.name, &p.name)
                            && c.person.name.chars().any(char::is_lowercase)
                    });
                    if let Some(w) = written {
                        p.name = w.person.name.clone();
                    }
                }
            }
            // A role label printed on the page outranks the markup's "author" for the same
            // person ("Editor : Jane Roe" while JSON-LD calls her the author).
            let printed: Vec<&Credit> = found
                .iter()
                .filter(|c| c.source == "byline-text")
                .flat_map(|c| &c.value)
                .filter(|c| !c.organisation)
                .collect();
            for p in &mut people {
                let labelled = printed
                    .iter()
                    .find(|c| c.person.role != Role::Author && same_name(&c.person.name, &p.name));
                if let Some(c) = labelled {
                    p.role = c.person.role;
                }
            }
            // no writer left: the byline printed under the headline names them
            let is_writer = |r: Role| matches!(r, Role::Author | Role::Reporter);
            if !people.iter().any(|p| is_writer(p.role)) {
                let mut writers: Vec<Person> = Vec::new();
                for c in printed.iter().filter(|c| is_writer(c.person.role)) {
                    let known = |p: &Person| same_name(&p.name, &c.person.name);
                    if !people.iter().any(known) && !writers.iter().any(known) {
                        writers.push(c.person.clone());
                    }
                }
                people.splice(0..0, writers);
            }
            // roles other than the writer's, named only by labels elsewhere
            for c in found.iter().flat_map(|c| &c.value) {
                let extra = matches!(
                    c.person.role,
                    Role::Editor | Role::Photographer | Role::Contributor
                );
                if extra
                    && !c.organisation
                    && !people.iter().any(|p| same_name(&p.name, &c.person.name))
                {
                    people.push(c.person.clone());
                }
            }
            Candidate {
                value: people,
                source: b.source.clone(),
                confidence: b.confidence.min(1.0),
            }
        }
        None => {
            // only an organisation is credited: say so, as the reporting body
            let org = found
                .iter()
                .max_by(|a, b| a.confidence.total_cmp(&b.confidence))?;
            let first = org.value.first()?;
            Candidate {
                value: vec![Person {
                    name: first.person.name.clone(),
                    role: match first.person.role {
                        Role::Author => Role::Reporter,
                        r => r,
                    },
                }],
                source: org.source.clone(),
                confidence: org.confidence * 0.6,
            }
        }
    };
    Some(chosen)
}

/// A byline element's text without the parts its markup marks as the writer's job
/// ("author-title": "Games Editor", "byline__role"), which would read as part of the name.
fn byline_text(page: &Page, n: crate::dom::NodeId) -> String {
    let dom = page.dom;
    let is_job = |a: crate::dom::NodeId| {
        a != n && {
            let ci = class_id(dom, a);
            ["title", "role", "job", "position"]
                .iter()
                .any(|k| ci.contains(k))
        }
    };
    let has_job_part = dom
        .descendants(n)
        .any(|d| dom.tag(d).is_some() && is_job(d));
    if !has_job_part {
        return spaced_text(dom, n, MAX_BYLINE_TEXT + 1);
    }
    let parts: Vec<String> = dom
        .children(n)
        .filter(|&c| !(dom.tag(c).is_some() && is_job(c)))
        .filter(|&c| {
            !dom.descendants(c)
                .any(|d| dom.tag(d).is_some() && is_job(d))
        })
        .map(|c| match dom.text(c) {
            Some(t) => t.to_string(),
            None => spaced_text(dom, c, MAX_BYLINE_TEXT + 1),
        })
        .collect();
    collapse(&parts.join(" "))
}

fn names_of(credits: &[Credit]) -> Vec<String> {
    let mut v: Vec<String> = credits.iter().map(|c| normalise(&c.person.name)).collect();
    v.sort();
    v
}

fn same_name(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

/// Credits in microdata (`itemprop=author` or `creator`, its `name` where marked), deduplicated.
fn microdata_credits(page: &Page, words: &Words) -> Vec<Credit> {
    let dom = page.dom;
    let microdata: Vec<Credit> = page
        .itemprop_nodes("author")
        .chain(page.itemprop_nodes("creator"))
        .filter(|&n| !dom.is_tag(n, &local_name!("meta")))
        .flat_map(|n| {
            let name_node = dom.descendants(n).find(|&d| {
                dom.attr(d, "itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("name"))
            });
            let text = match name_node {
                Some(d) => dom
                    .attr(d, "content")
                    .map(str::to_string)
                    .unwrap_or_else(|| spaced_text(dom, d, MAX_BYLINE_TEXT)),
                None => spaced_text(dom, n, MAX_BYLINE_TEXT),
            };
            if text.len() > MAX_BYLINE_TEXT {
                return Vec::new();
            }
            words.parse(&text, Role::Author, Trust::Structured)
        })
        .collect();
    dedup(microdata)
}

/// Credits in `rel=author` links (all of them) and in byline-named elements (the first five
/// that hold names, each with its confidence), outside hidden code and comment threads.
fn element_credits(page: &Page, words: &Words) -> (Vec<Credit>, Vec<(Vec<Credit>, f32)>) {
    let dom = page.dom;
    let mut rel_author = Vec::new();
    let mut byline_elements = Vec::new();
    for n in dom.descendants(DOCUMENT) {
        if dom.tag(n).is_none() {
            continue;
        }
        let is_rel = dom.is_tag(n, &local_name!("a"))
            && dom.attr(n, "rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("author"))
            });
        let is_byline = page.byline_class(n);
        if !(is_rel || is_byline) || page.in_hidden(n) || page.in_comments(n) {
            continue;
        }
        let ci = class_id(dom, n);
        if ci.contains("comment") {
            continue;
        }
        let text = if is_rel {
            spaced_text(dom, n, MAX_BYLINE_TEXT + 1)
        } else {
            byline_text(page, n)
        };
        if text.len() > MAX_BYLINE_TEXT {
            continue;
        }
        if is_rel {
            rel_author.extend(words.parse(&text, Role::Author, Trust::Structured));
        } else if byline_elements.len() < 5 {
            let credits = words.parse(&text, Role::Author, Trust::Text);
            if !credits.is_empty() {
                let confidence = if ci.contains("byline") { 0.75 } else { 0.7 };
                byline_elements.push((credits, confidence));
            }
        }
    }
    (rel_author, byline_elements)
}

/// Credits in the labelled lines under the headline: a label alone names the next line,
/// a short line opening with a label names itself.
fn labelled_credits(lead: &str, words: &Words) -> Vec<Credit> {
    let lines: Vec<&str> = lead.lines().take(12).collect();
    let mut labelled = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(role) = words.label_only(line) {
            if let Some(next) = lines.get(i + 1) {
                labelled.extend(words.parse(next, role, Trust::Text));
                i += 2;
                continue;
            }
        } else if line.len() <= MAX_LABELLED_LINE && words.starts_with_label(line).is_some() {
            labelled.extend(words.parse(line, Role::Author, Trust::Text));
        }
        i += 1;
    }
    labelled
}

fn dedup(credits: Vec<Credit>) -> Vec<Credit> {
    let mut out: Vec<Credit> = Vec::new();
    for c in credits {
        if !out
            .iter()
            .any(|o| same_name(&o.person.name, &c.person.name))
        {
            out.push(c);
        }
    }
    out
}

/// The site's own name posing as a person: equal to a brand, or a bare domain.
fn is_brand(name: &str, brands: &[String]) -> bool {
    let n = squash(name);
    !n.is_empty() && brands.iter().any(|b| squash(b) == n)
        || name.contains('.') && !name.contains(' ') && name.len() > 4
}

fn ld_people(v: &Value, words: &Words, out: &mut Vec<Credit>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| ld_people(x, words, out)),
        Value::String(s) => out.extend(words.parse(s, Role::Author, Trust::Structured)),
        Value::Object(o) => {
            let organisation = ld_types(v)
                .iter()
                .any(|t| *t == "Organization" || t.ends_with("Organization"));
            // {"givenName": "Anna Giulia", "familyName": "Fink"} without a "name"
            let name = o.get("name").and_then(super::page::ld_text).or_else(|| {
                let part = |k: &str| o.get(k).and_then(super::page::ld_text);
                match (part("givenName"), part("familyName")) {
                    (Some(g), Some(f)) => Some(format!("{} {}", g.trim(), f.trim())),
                    (g, f) => g.or(f),
                }
            });
            for mut c in name
                .map(|n| words.parse(&n, Role::Author, Trust::Structured))
                .unwrap_or_default()
            {
                c.organisation |= organisation;
                out.push(c);
            }
        }
        _ => {}
    }
}

/// The packs' byline words, lower-cased; labels longest first so "photo by" beats "photo".
struct Words {
    labels: Vec<(String, Role)>,
    joiners: Vec<String>,
    job_titles: Vec<String>,
    not_names: Vec<String>,
    /// The date packs' publication and update labels: never names.
    stamp_labels: Vec<String>,
    /// One-word labels that may follow a short prefix ("Recipe by").
    inner_labels: Vec<(String, Role)>,
}

/// Each label followed by a colon, as `split_labels` looks for them, in one automaton.
static COLON_LABELS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(WORDS.labels.iter().map(|(l, _)| format!("{l}:")))
        .expect("byline labels build an automaton")
});

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut w = Words {
        labels: Vec::new(),
        joiners: Vec::new(),
        job_titles: Vec::new(),
        not_names: Vec::new(),
        stamp_labels: Vec::new(),
        inner_labels: Vec::new(),
    };
    for p in lang::packs() {
        let b = &p.bylines;
        w.labels
            .extend(b.labels().map(|(l, role)| (l.to_lowercase(), role)));
        w.joiners.extend(b.joiners.iter().map(|l| l.to_lowercase()));
        w.job_titles
            .extend(b.job_titles.iter().map(|l| l.to_lowercase()));
        w.not_names
            .extend(b.not_names.iter().map(|l| l.to_lowercase()));
        let d = &p.dates;
        w.stamp_labels.extend(
            d.published_labels
                .iter()
                .chain(&d.modified_labels)
                .map(|l| l.to_lowercase()),
        );
    }
    w.labels.sort_by_key(|(l, _)| std::cmp::Reverse(l.len()));
    w.inner_labels = w
        .labels
        .iter()
        .filter(|(l, _)| !l.contains(' ') && l.chars().count() >= 2)
        .cloned()
        .collect();
    w.job_titles.sort_by_key(|l| std::cmp::Reverse(l.len()));
    w
});

impl Words {
    /// The role whose label opens `text` ("By ...", "Penulis: ..."), and the text after it.
    fn starts_with_label<'t>(&self, text: &'t str) -> Option<(Role, &'t str)> {
        // Labels are short: only the head of a long text needs lower-casing.
        let longest = self.labels.first().map_or(0, |(l, _)| l.len());
        let mut head = text.len().min(longest);
        while !text.is_char_boundary(head) {
            head += 1;
        }
        let Some(lower) = lower_aligned(&text[..head]) else {
            // case folding changes lengths: compare character by character instead
            return self.labels.iter().find_map(|(l, role)| {
                let n = l.chars().count();
                let head: String = text.chars().take(n).collect();
                let rest = &text[head.len()..];
                (head.to_lowercase() == *l && label_ends(rest)).then_some((*role, rest))
            });
        };
        self.labels.iter().find_map(|(l, role)| {
            lower.strip_prefix(l.as_str())?;
            let rest = &text[l.len()..];
            label_ends(rest).then_some((*role, rest))
        })
    }

    /// The role when `line` is nothing but a label ("Reporter", "Foto:").
    fn label_only(&self, line: &str) -> Option<Role> {
        let (role, rest) = self.starts_with_label(line.trim())?;
        rest.trim_matches(|c: char| c == ':' || c.is_whitespace())
            .is_empty()
            .then_some(role)
    }

    /// Reads a credit line into names with roles.
    fn parse(&self, text: &str, default_role: Role, trust: Trust) -> Vec<Credit> {
        let text = drop_initials(&strip_dates(text));
        let mut out = Vec::new();
        let mut role = default_role;
        for segment in credit_segments(&text) {
            for piece in split_dashes(segment) {
                let mut piece = piece.trim();
                for part in self.split_labels(piece) {
                    piece = part.trim();
                    let mut names = piece;
                    // "Contributors to Wikimedia projects" as a structured name: the label
                    // word opens a phrase
                    let label = self
                        .starts_with_label(piece)
                        .filter(|(_, rest)| trust == Trust::Text || !opens_phrase(rest));
                    if let Some((r, rest)) = label {
                        role = r;
                        names = rest;
                    }
                    let names = names.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
                    let names = self.after_inner_label(names, &mut role);
                    for name in lang::split_names(names, &self.joiners) {
                        if let Some(name) = self.clean_name(&name, trust) {
                            out.push(Credit {
                                person: Person { name, role },
                                organisation: false,
                            });
                        }
                    }
                }
            }
        }
        dedup(out)
    }

    /// Splits "Penulis: A Editor: B" before every "<label>:".
    fn split_labels<'t>(&self, text: &'t str) -> Vec<&'t str> {
        if !text.contains(':') {
            return vec![text];
        }
        let Some(lower) = lower_aligned(text) else {
            return vec![text];
        };
        let mut cuts = vec![0];
        for m in COLON_LABELS.find_overlapping_iter(&lower) {
            let i = m.start();
            if i > 0 && lower[..i].ends_with(' ') && !cuts.contains(&i) {
                cuts.push(i);
            }
        }
        cuts.sort_unstable();
        cuts.push(text.len());
        cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
    }

    /// A plausible name from one split part, with job titles cut off; `None` for anything
    /// that is not a name.
    fn clean_name(&self, part: &str, trust: Trust) -> Option<String> {
        let trim = |s: &str| {
            s.trim_matches(|c: char| c.is_whitespace() || "-–—:,.;*\"'“”«»".contains(c))
                .to_string()
        };
        let mut name = trim(part);
        // a leading label left by "By: Jane" or "and by Jane"
        while let Some((_, rest)) = self.starts_with_label(&name) {
            let rest = trim(rest);
            // "Contributors to Wikimedia projects": the label word is part of a phrase
            let phrase = rest.chars().next().is_some_and(char::is_lowercase);
            if rest.is_empty() || rest == name || phrase {
                break;
            }
            name = rest;
        }
        let lower = name.to_lowercase();
        if self.stamp_labels.contains(&lower) {
            // "Last Updated" left when the date after it was cut
            return None;
        }
        let refused = self.not_names.iter().any(|n| {
            if n.contains(' ') {
                lower.contains(n.as_str())
            } else {
                lower == *n
            }
        });
        if refused {
            return None;
        }
        if trust == Trust::Text {
            name = self.cut_job_title(&name)?;
            // stray words left by cut dates and labels: "Jane Doe on", "am Jane Doe"
            let words: Vec<&str> = name.split_whitespace().collect();
            let capital = |w: &&str| !w.chars().next().is_some_and(char::is_lowercase);
            let start = words.iter().position(capital)?;
            let end = words.iter().rposition(capital)?;
            name = words[start..=end].join(" ");
        } else if self.job_titles.contains(&lower) {
            return None;
        }
        plausible_name(&name, trust).then_some(name)
    }

    /// "Jane Doe Staff Writer", "Staff Writer Jane Doe", "Jane Doe Founder at X" → "Jane Doe";
    /// `None` when nothing but the title is left.
    fn cut_job_title(&self, name: &str) -> Option<String> {
        if lower_aligned(name).is_none() {
            return Some(name.to_string());
        }
        let mut name = name.to_string();
        let mut lower = name.to_lowercase();
        for t in &self.job_titles {
            if lower == *t {
                return None;
            }
            if let Some(rest) = lower
                .strip_prefix(t.as_str())
                .filter(|r| r.starts_with(' '))
            {
                name = name[name.len() - rest.len()..].trim().to_string();
                lower = name.to_lowercase();
                continue;
            }
            if let Some(i) = find_word(&lower, t).filter(|&i| i > 0) {
                name = name[..i].trim().to_string();
                lower = name.to_lowercase();
            }
        }
        Some(name)
    }

    /// "Recipe by Jane Doe" → "Jane Doe": a one-word author label after a short prefix.
    fn after_inner_label<'t>(&self, text: &'t str, role: &mut Role) -> &'t str {
        // the label is the second or third word
        if text.split_whitespace().nth(1).is_none() {
            return text;
        }
        let Some(lower) = lower_aligned(text) else {
            return text;
        };
        let second_third: Vec<&str> = lower.split_whitespace().skip(1).take(2).collect();
        for (l, r) in &self.inner_labels {
            if !second_third.contains(&l.as_str()) {
                continue;
            }
            if let Some(i) = find_word(&lower, l) {
                let prefix_words = lower[..i].split_whitespace().count();
                let rest = &text[i + l.len()..];
                if (1..=2).contains(&prefix_words)
                    && rest.starts_with(' ')
                    && rest.trim_start().starts_with(char::is_uppercase)
                {
                    *role = *r;
                    return rest;
                }
            }
        }
        text
    }
}

/// Text after a label that goes on as a phrase ("to Wikimedia projects") rather than naming
/// someone: a lower-case word and more after it.
fn opens_phrase(rest: &str) -> bool {
    let mut words = rest.split_whitespace();
    let first = words.next().filter(|w| !w.starts_with(':'));
    first.is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
        && words.next().is_some()
}

/// A label must end at a word boundary: "By Jane", "Foto:", but not "Byron".
fn label_ends(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with([' ', ':', '\u{a0}', '-', '\t']) || rest.starts_with('：')
}

/// " - " and " — " separate credits ("Jane Doe - Staff Writer"); hyphens in names do not.
/// Splits a credit line at separators and brackets ("Jane Doe (Reuters) | Photo: X"), but
/// not at a parenthesised part between the words of one name: "Richard (R.J.) Eskow",
/// "William (Bill) Smith".
fn credit_segments(text: &str) -> Vec<&str> {
    const SEPARATORS: [char; 9] = ['|', '•', '·', '\n', '\u{2022}', '(', ')', '[', ']'];
    let starts_capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    let mut segments = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(i) = text[at..].find(SEPARATORS).map(|i| at + i) {
        // where the parenthesised part ends, when it sits inside a name
        let inner_name_part_end = text[i..]
            .starts_with('(')
            .then(|| text[i + 1..].find(')'))
            .flatten()
            .map(|close| i + 1 + close)
            .filter(|&close| {
                let inner = &text[i + 1..close];
                let before = text[..i].strip_suffix(' ').unwrap_or("");
                let after = text[close + 1..].strip_prefix(' ').unwrap_or("");
                starts_capital(before.rsplit(' ').next().unwrap_or(""))
                    && starts_capital(inner)
                    && !inner.contains(char::is_whitespace)
                    && starts_capital(after)
            });
        if let Some(close) = inner_name_part_end {
            at = close + 1;
            continue;
        }
        segments.push(&text[start..i]);
        start = i + text[i..].chars().next().map_or(1, char::len_utf8);
        at = start;
    }
    segments.push(&text[start..]);
    segments
}

/// "Elena Oberholzer (obe)" → "Elena Oberholzer": the short lower-case handle after a name
/// is that person's initials (a newsroom's "Kürzel"), not another credit. A handle that is not
/// drawn from the name before it, such as an agency's "(dpa)", stays.
fn drop_initials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').map(|c| open + c);
        let Some(close) = close else { break };
        let inner = &rest[open + 1..close];
        let name = rest[..open]
            .rsplit([',', ';', '|', '(', ')', '\n'])
            .next()
            .unwrap_or("");
        let (keep_to, skip_to) = if is_initials_of(inner, name) {
            (rest[..open].trim_end().len(), close + 1)
        } else {
            (close + 1, close + 1)
        };
        out.push_str(&rest[..keep_to]);
        rest = &rest[skip_to..];
    }
    out.push_str(rest);
    out
}

/// Whether `handle` ("obe", "dvp") is made of the letters of `name` in order, starting with
/// the first letter of one of its words.
fn is_initials_of(handle: &str, name: &str) -> bool {
    // "(cog.)": an abbreviation's dot
    let handle = handle.strip_suffix('.').unwrap_or(handle);
    let letters = handle.chars().count();
    if !(2..=4).contains(&letters) || !handle.chars().all(|c| c.is_lowercase()) {
        return false;
    }
    let name = name.to_lowercase();
    let Some(first) = handle.chars().next() else {
        return false;
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return false;
    }
    // from the word that starts with the handle's first letter, the rest in order
    words.iter().enumerate().any(|(i, w)| {
        w.starts_with(first) && {
            let tail: String = words[i..].join(" ");
            let mut wanted = handle.chars().skip(1).peekable();
            for c in tail.chars().skip(1) {
                if wanted.peek() == Some(&c) {
                    wanted.next();
                }
            }
            wanted.peek().is_none()
        }
    })
}

fn split_dashes(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| rest.find(d))
        .min()
    {
        out.push(&rest[..i]);
        let dash_len = rest[i + 1..].chars().next().map_or(1, char::len_utf8);
        rest = &rest[i + 2 + dash_len..];
    }
    out.push(rest);
    out
}

/// Cuts dates, ages, e-mail addresses and links out of a credit line.
fn strip_dates(text: &str) -> String {
    let ctx = dates::DateContext::default();
    let mut t = text.to_string();
    for d in dates::parse_all(text, &ctx).iter().rev() {
        t.replace_range(d.span.clone(), "|");
    }
    while let Some(r) = dates::parse_relative(&t, &ctx) {
        t.replace_range(r.span, "|");
    }
    t.split_whitespace()
        .filter(|w| !w.contains('@') && !w.contains("http") && !w.starts_with("www."))
        .collect::<Vec<_>>()
        .join(" ")
}

fn plausible_name(name: &str, trust: Trust) -> bool {
    let chars = name.chars().count();
    let words = name.split_whitespace().count();
    let first = name.chars().find(|c| c.is_alphabetic());
    let sane = (2..=MAX_NAME_CHARS).contains(&chars)
        && words <= MAX_NAME_WORDS
        && first.is_some()
        && !name.contains("://")
        && !name.contains('@')
        && !name.contains(['{', '}', '<', '>', '=', '?', '!']);
    // printed bylines are capitalised and digit-free; usernames in markup need not be
    sane && (trust == Trust::Structured
        || first.is_some_and(|c| !c.is_lowercase()) && !name.chars().any(|c| c.is_ascii_digit()))
}

/// How a credit was found: in markup meant to name people, or in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trust {
    Structured,
    Text,
}

/// "Berger, Emery D" → "Emery D Berger".
fn surname_last(s: &str) -> String {
    match s.split_once(',') {
        Some((last, first)) if !first.contains(',') && !last.trim().contains(' ') => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => s.to_string(),
    }
}

/// Reads one credit line as printed text (for the module's property tests).
#[cfg(test)]
pub(super) fn tests_parse(text: &str) -> Vec<Person> {
    WORDS
        .parse(text, Role::Author, Trust::Text)
        .into_iter()
        .map(|c| c.person)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, Role)> {
        WORDS
            .parse(text, Role::Author, Trust::Text)
            .into_iter()
            .map(|c| (c.person.name, c.person.role))
            .collect()
    }

    fn n(s: &str, r: Role) -> (String, Role) {
        (s.to_string(), r)
    }

    #[test]
    fn a_parenthesised_middle_part_stays_in_the_name() {
        assert_eq!(
            names("By Richard (R.J.) Eskow"),
            [n("Richard (R.J.) Eskow", Role::Author)]
        );
        // a bracket after the name still parts it from the name
        assert_eq!(
            names("Jane Doe (Photos) | John Roe")
                .iter()
                .map(|(name, _)| name.as_str())
                .collect::<Vec<_>>(),
            ["Jane Doe", "John Roe"]
        );
    }

    #[test]
    fn strips_labels_and_splits_names() {
        assert_eq!(
            names("By Jane Doe and John Roe"),
            [n("Jane Doe", Role::Author), n("John Roe", Role::Author)]
        );
        assert_eq!(
            names("Von Anna Schmidt und Max Müller"),
            [
                n("Anna Schmidt", Role::Author),
                n("Max Müller", Role::Author)
            ]
        );
        assert_eq!(names("Por María López"), [n("María López", Role::Author)]);
        assert_eq!(
            names("Par Jean Dupont et Marie Curie"),
            [
                n("Jean Dupont", Role::Author),
                n("Marie Curie", Role::Author)
            ]
        );
        assert_eq!(
            names("Jane Doe, John Roe & Ann Poe"),
            [
                n("Jane Doe", Role::Author),
                n("John Roe", Role::Author),
                n("Ann Poe", Role::Author)
            ]
        );
    }

    #[test]
    fn reads_roles_from_labels() {
        assert_eq!(
            names("Penulis: Budi Santoso | Editor: Sri Wahyuni"),
            [
                n("Budi Santoso", Role::Author),
                n("Sri Wahyuni", Role::Editor)
            ]
        );
        assert_eq!(
            names("Reporter: Andi Saputra Editor: Rina Dewi"),
            [
                n("Andi Saputra", Role::Reporter),
                n("Rina Dewi", Role::Editor)
            ]
        );
        assert_eq!(
            names("Foto: Agus Salim"),
            [n("Agus Salim", Role::Photographer)]
        );
        assert_eq!(
            names("Photo by Kim Lee"),
            [n("Kim Lee", Role::Photographer)]
        );
    }

    #[test]
    fn cuts_dates_emails_and_job_titles() {
        assert_eq!(
            names("By Jane Doe | October 12, 2022 8:00 AM EDT"),
            [n("Jane Doe", Role::Author)]
        );
        assert_eq!(
            names("By Jane Doe jane.doe@example.com"),
            [n("Jane Doe", Role::Author)]
        );
        assert_eq!(
            names("Jane Doe, Staff Writer"),
            [n("Jane Doe", Role::Author)]
        );
        assert_eq!(
            names("By Jane Doe - Senior Correspondent"),
            [n("Jane Doe", Role::Author)]
        );
        assert_eq!(names("Jane Doe 3 hours ago"), [n("Jane Doe", Role::Author)]);
    }

    #[test]
    fn refuses_what_is_not_a_name() {
        assert!(names("Email the author").is_empty());
        assert!(names("View all posts by").is_empty());
        assert!(names("https://www.facebook.com/janedoe").is_empty());
        assert!(names("by admin123").is_empty());
        assert!(names("this is a whole sentence about nothing in particular").is_empty());
    }

    #[test]
    fn brands_are_not_people() {
        let brands = vec!["Daily Planet".to_string()];
        assert!(is_brand("DAILY PLANET", &brands));
        assert!(is_brand("Tempo.co", &[]));
        assert!(!is_brand("Jane Doe", &brands));
    }
}
