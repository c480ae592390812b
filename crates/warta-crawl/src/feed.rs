//! RSS, Atom and JSON Feed, read with feed-rs: each entry's link and its date.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    pub url: String,
    /// Updated, else published (RFC 3339).
    pub date: Option<String>,
}

pub fn parse(bytes: &[u8]) -> Result<Vec<FeedEntry>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("not a feed: {e}"))?;
    Ok(feed
        .entries
        .into_iter()
        .filter_map(|entry| {
            // The alternate link is the story; an Atom id is often a tag: URI, not a page.
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.clone())
                .or_else(|| entry.id.starts_with("http").then(|| entry.id.clone()))?;
            let date = entry.updated.or(entry.published).map(|d| d.to_rfc3339());
            Some(FeedEntry { url: link, date })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rss_atom_and_json_feed() {
        let rss = r#"<rss version="2.0"><channel><title>t</title><item><title>a</title>
            <link>https://news.example/a</link><pubDate>Mon, 02 Nov 2026 08:00:00 +0000</pubDate></item></channel></rss>"#;
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2026-11-02T08:00:00Z</updated>
            <entry><title>b</title><id>tag:news.example,2026:b</id><link rel="alternate" href="https://news.example/b"/><updated>2026-11-03T08:00:00Z</updated></entry></feed>"#;
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","url":"https://news.example/c","date_published":"2026-11-04T08:00:00Z"}]}"#;
        let urls = |b: &str| parse(b.as_bytes()).unwrap();
        assert_eq!(urls(rss)[0].url, "https://news.example/a");
        assert_eq!(
            urls(rss)[0].date.as_deref(),
            Some("2026-11-02T08:00:00+00:00")
        );
        assert_eq!(urls(atom)[0].url, "https://news.example/b");
        assert_eq!(urls(json)[0].url, "https://news.example/c");
    }

    #[test]
    fn html_is_not_a_feed() {
        assert!(parse(b"<html><body>hi</body></html>").is_err());
    }
}
