//! robots.txt, read with texting_robots for our user agent: which paths we may fetch, how long
//! to wait between requests, and the sitemaps it names. A missing file (4xx) allows everything;
//! a server error or a failed fetch allows nothing this run, as Google does.

use texting_robots::Robot;

pub enum Robots {
    Parsed(Robot),
    AllowAll,
    DenyAll(String),
}

impl Robots {
    /// From a robots.txt response: its status and body.
    pub fn from_response(agent: &str, status: u16, body: &[u8]) -> Robots {
        match status {
            200..=299 => match Robot::new(agent, body) {
                Ok(robot) => Robots::Parsed(robot),
                // An unreadable file says nothing we could obey.
                Err(_) => Robots::AllowAll,
            },
            400..=499 => Robots::AllowAll,
            other => Robots::DenyAll(format!("robots.txt answered HTTP {other}")),
        }
    }

    pub fn allowed(&self, url: &str) -> bool {
        match self {
            Robots::Parsed(robot) => robot.allowed(url),
            Robots::AllowAll => true,
            Robots::DenyAll(_) => false,
        }
    }

    /// `Crawl-delay`, in seconds.
    pub fn delay(&self) -> Option<f32> {
        match self {
            Robots::Parsed(robot) => robot.delay.filter(|d| d.is_finite() && *d >= 0.0),
            _ => None,
        }
    }

    pub fn sitemaps(&self) -> &[String] {
        match self {
            Robots::Parsed(robot) => &robot.sitemaps,
            _ => &[],
        }
    }
}

/// The product token robots.txt groups are matched against: `warta` for `warta/0.1 (…)`.
pub fn agent_token(user_agent: &str) -> &str {
    user_agent
        .split(['/', ' '])
        .next()
        .filter(|t| !t.is_empty())
        .unwrap_or(user_agent)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TXT: &[u8] = b"User-agent: *\nDisallow: /rahasia/\nCrawl-delay: 0.5\n\nUser-agent: warta\nDisallow: /cari\nCrawl-delay: 2\n\nSitemap: https://news.example/sitemap_index.xml\n";

    #[test]
    fn obeys_the_group_for_our_agent() {
        let r = Robots::from_response(agent_token("warta/0.1 (x)"), 200, TXT);
        assert!(!r.allowed("https://news.example/cari?q=banjir"));
        assert!(r.allowed("https://news.example/rahasia/a.html"));
        assert_eq!(r.delay(), Some(2.0));
        assert_eq!(r.sitemaps(), ["https://news.example/sitemap_index.xml"]);
        let other = Robots::from_response("otherbot", 200, TXT);
        assert!(!other.allowed("https://news.example/rahasia/a.html"));
    }

    #[test]
    fn missing_allows_and_server_error_denies() {
        assert!(Robots::from_response("warta", 404, b"").allowed("https://x.example/a"));
        assert!(!Robots::from_response("warta", 503, b"").allowed("https://x.example/a"));
    }
}
