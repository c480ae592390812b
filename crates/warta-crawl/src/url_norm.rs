//! URL normalisation for deduplication: one spelling per page. The fragment goes, the default
//! port goes, the host is lower-cased (the `url` crate does that and the percent-encoding),
//! tracking parameters (`utm_*`, `fbclid`, `gclid`, …) go, and an empty query goes.

use url::Url;

/// Query parameters that only say where a visitor came from.
const TRACKING: [&str; 9] = [
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga",
];

/// Resolves `href` against `base` and normalises it; `None` for what is not an http(s) page.
pub fn resolve(base: &Url, href: &str) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    base.join(href).ok().and_then(normalise)
}

/// Parses and normalises an absolute URL.
pub fn parse(url: &str) -> Option<Url> {
    Url::parse(url.trim()).ok().and_then(normalise)
}

pub fn normalise(mut url: Url) -> Option<Url> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    // The parser already drops a default port (`:443` on https).
    url.set_fragment(None);
    if url.query().is_some() {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !is_tracking(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    Some(url)
}

fn is_tracking(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_") || TRACKING.contains(&key.as_str())
}

/// The politeness unit: host and port.
pub fn host_key(url: &Url) -> String {
    match url.port_or_known_default() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        parse(s).map(String::from).unwrap_or_default()
    }

    #[test]
    fn drops_fragment_default_port_and_tracking() {
        assert_eq!(
            norm("HTTPS://News.Example:443/a/b.html?utm_source=x&id=3&fbclid=q#top"),
            "https://news.example/a/b.html?id=3"
        );
        assert_eq!(
            norm("http://news.example:80/?utm_medium=rss"),
            "http://news.example/"
        );
        assert_eq!(norm("http://127.0.0.1:8080/x"), "http://127.0.0.1:8080/x");
    }

    #[test]
    fn resolves_relative_links_and_refuses_other_schemes() {
        let base = Url::parse("https://news.example/politik/?page=2").unwrap();
        assert_eq!(
            resolve(&base, "?page=3").map(String::from).as_deref(),
            Some("https://news.example/politik/?page=3")
        );
        assert_eq!(resolve(&base, "mailto:x@news.example"), None);
        assert_eq!(resolve(&base, "#komentar"), None);
        assert_eq!(
            resolve(&base, "/dunia/río-5.html")
                .map(String::from)
                .as_deref(),
            Some("https://news.example/dunia/r%C3%ADo-5.html")
        );
    }

    proptest::proptest! {
        /// Normalising twice changes nothing more than normalising once.
        #[test]
        fn normalising_is_idempotent(path in "[a-z/]{0,12}", q in "[a-z_=&]{0,16}", f in "[a-z]{0,4}") {
            let once = norm(&format!("http://news.example:80/{path}?{q}#{f}"));
            proptest::prop_assert_eq!(norm(&once), once.clone());
        }
    }
}
