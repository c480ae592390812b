//! Fetching pages given as URLs. Each worker fetches its own page, so at most `jobs` requests
//! are open at once. Every request has a time limit, a size cap and a redirect limit, and says
//! who is asking in its User-Agent.

use std::time::Duration;

/// Limits on one fetch.
#[derive(Debug, Clone)]
pub struct FetchLimits {
    /// For the whole request: connecting, redirects and reading the body.
    pub timeout: Duration,
    /// Bodies larger than this are refused (an error record).
    pub max_bytes: u64,
    pub max_redirects: u32,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            timeout: Duration::from_secs(30),
            max_bytes: 16 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// What a fetch gives: the HTTP status, the `Content-Type` value, and the (decoded) body.
#[derive(Debug)]
pub struct Fetched {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

pub const USER_AGENT: &str = concat!(
    "warta/",
    env!("CARGO_PKG_VERSION"),
    " (article extractor; +",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

#[cfg(feature = "fetch")]
pub struct Fetcher {
    agent: ureq::Agent,
    max_bytes: u64,
}

#[cfg(feature = "fetch")]
impl Fetcher {
    pub fn new(limits: &FetchLimits) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(limits.timeout))
            .max_redirects(limits.max_redirects)
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .build();
        Fetcher {
            agent: config.into(),
            max_bytes: limits.max_bytes,
        }
    }

    pub fn fetch(&self, url: &str) -> Result<Fetched, String> {
        let mut resp = self.agent.get(url).call().map_err(|e| e.to_string())?;
        let content_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let status = resp.status().as_u16();
        let body = resp
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(n) => format!("the body is larger than {n} bytes"),
                other => other.to_string(),
            })?;
        Ok(Fetched {
            status,
            content_type,
            body,
        })
    }
}

#[cfg(not(feature = "fetch"))]
pub struct Fetcher;

#[cfg(not(feature = "fetch"))]
impl Fetcher {
    pub fn new(_limits: &FetchLimits) -> Fetcher {
        Fetcher
    }

    pub fn fetch(&self, _url: &str) -> Result<Fetched, String> {
        Err("URL fetching was not built in (cargo feature `fetch`)".into())
    }
}
