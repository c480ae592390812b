//! Sitemaps (sitemaps.org) and their indexes, plain or gzipped, with the Google News extension
//! (`news:publication_date`, `news:title`). Parsed with quick-xml; namespaces are matched by
//! local name, as sites are loose with prefixes.

use std::io::Read;

use quick_xml::events::Event;
use quick_xml::Reader;

/// Sitemaps decompress to at most this (the protocol's own cap is 50 MB).
const MAX_SITEMAP_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub loc: String,
    /// `lastmod`, or the news publication date when there is no lastmod.
    pub date: Option<String>,
    pub news_title: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Sitemap {
    /// `<sitemapindex>`: more sitemaps.
    Index(Vec<Entry>),
    /// `<urlset>`: pages.
    Urls(Vec<Entry>),
}

/// Parses a sitemap or sitemap index (gzip is recognised by its magic bytes).
pub fn parse(bytes: &[u8]) -> Result<Sitemap, String> {
    let mut inflated = Vec::new();
    let xml = if bytes.starts_with(&[0x1f, 0x8b]) {
        flate2::read::MultiGzDecoder::new(bytes)
            .take(MAX_SITEMAP_BYTES)
            .read_to_end(&mut inflated)
            .map_err(|e| format!("gzipped sitemap does not inflate: {e}"))?;
        &inflated[..]
    } else {
        bytes
    };
    let mut reader = Reader::from_reader(xml);
    let mut index = None;
    let mut entries = Vec::new();
    let mut current: Option<Entry> = None;
    let mut field = String::new();
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                match name.as_str() {
                    "sitemapindex" => index = Some(true),
                    "urlset" => index = Some(false),
                    "url" | "sitemap" => current = Some(Entry::default()),
                    _ => {}
                }
                field = name;
                text.clear();
            }
            Ok(Event::Text(t)) => text.push_str(&t.decode().unwrap_or_default()),
            Ok(Event::CData(t)) => text.push_str(&t.decode().unwrap_or_default()),
            Ok(Event::GeneralRef(r)) => {
                let name = r.decode().unwrap_or_default();
                match r.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c),
                    _ => text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    }),
                }
            }
            Ok(Event::End(e)) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                let value = text.trim().to_string();
                if let Some(entry) = current.as_mut() {
                    match name.as_str() {
                        "loc" => entry.loc = value,
                        "lastmod" => entry.date = Some(value),
                        "publication_date" => {
                            entry.date.get_or_insert(value);
                        }
                        "title" => entry.news_title = Some(value),
                        "url" | "sitemap" => {
                            if let Some(done) = current.take().filter(|e| !e.loc.is_empty()) {
                                entries.push(done);
                            }
                        }
                        _ => {}
                    }
                }
                field.clear();
                text.clear();
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                // What was read before the error is kept: a truncated sitemap still lists pages.
                if entries.is_empty() {
                    return Err(format!("sitemap is not XML: {e}"));
                }
                break;
            }
            Ok(_) => {}
        }
    }
    match index {
        Some(true) => Ok(Sitemap::Index(entries)),
        Some(false) => Ok(Sitemap::Urls(entries)),
        None => Err("not a sitemap (no <urlset> or <sitemapindex>)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const NEWS: &str = r#"<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/a?x=1&amp;y=2</loc><news:news><news:publication_date>2026-11-02T08:00:00+07:00</news:publication_date><news:title>Banjir &amp; longsor</news:title></news:news></url>
<url><loc> https://news.example/b </loc><lastmod>2026-11-03</lastmod></url>
</urlset>"#;

    #[test]
    fn reads_news_sitemaps() {
        let Ok(Sitemap::Urls(urls)) = parse(NEWS.as_bytes()) else {
            panic!("a urlset")
        };
        assert_eq!(urls[0].loc, "https://news.example/a?x=1&y=2");
        assert_eq!(urls[0].date.as_deref(), Some("2026-11-02T08:00:00+07:00"));
        assert_eq!(urls[0].news_title.as_deref(), Some("Banjir & longsor"));
        assert_eq!(urls[1].loc, "https://news.example/b");
        assert_eq!(urls[1].date.as_deref(), Some("2026-11-03"));
    }

    #[test]
    fn reads_gzipped_indexes() {
        let xml = r#"<sitemapindex><sitemap><loc>https://news.example/s1.xml</loc></sitemap></sitemapindex>"#;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(xml.as_bytes()).unwrap();
        let parsed = parse(&gz.finish().unwrap()).unwrap();
        assert_eq!(
            parsed,
            Sitemap::Index(vec![Entry {
                loc: "https://news.example/s1.xml".into(),
                ..Entry::default()
            }])
        );
    }

    #[test]
    fn html_is_not_a_sitemap() {
        assert!(parse(b"<html><body>404</body></html>").is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_parse_without_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            let _ = parse(&bytes);
        }
    }
}
