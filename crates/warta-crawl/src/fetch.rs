//! One HTTP request, as the crawler needs it: the exact request and response heads for the
//! archive, the status and headers for politeness and validators, and the body within the caps.
//! Redirects are not followed here: the crawler follows each hop itself, so every hop is
//! checked against robots.txt and archived.

use std::time::Duration;

use url::Url;

#[derive(Debug, Clone)]
pub struct FetchLimits {
    pub timeout: Duration,
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

#[derive(Debug)]
pub struct Exchange {
    /// The request line and headers, ending in the blank line.
    pub request_head: Vec<u8>,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The status line and headers as archived, ending in the blank line.
    pub response_head: Vec<u8>,
    /// The body as archived.
    pub body: Vec<u8>,
}

impl Exchange {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request gave no response; `kind` is the error record's kind.
#[derive(Debug)]
pub struct FetchFailure {
    pub kind: &'static str,
    pub message: String,
}

pub struct Fetcher {
    agent: ureq::Agent,
    user_agent: String,
    max_bytes: u64,
}

impl Fetcher {
    pub fn new(limits: &FetchLimits, user_agent: &str) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(limits.timeout))
            .max_redirects(0)
            .user_agent(user_agent)
            .http_status_as_error(false)
            .build();
        Fetcher {
            agent: config.into(),
            user_agent: user_agent.to_string(),
            max_bytes: limits.max_bytes,
        }
    }

    /// Sends one GET with `headers` added (validators).
    pub fn get(&self, url: &Url, headers: &[(&str, String)]) -> Result<Exchange, FetchFailure> {
        let mut request = self.agent.get(url.as_str());
        let mut request_head = format!(
            "GET {}{} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}\r\nAccept-Encoding: gzip\r\n",
            url.path(),
            url.query().map_or(String::new(), |q| format!("?{q}")),
            url.host_str().unwrap_or_default(),
            self.user_agent,
        );
        for (name, value) in headers {
            request = request.header(*name, value.as_str());
            request_head.push_str(&format!("{name}: {value}\r\n"));
        }
        request_head.push_str("\r\n");
        let mut response = request.call().map_err(|e| failure(&e))?;
        let status = response.status().as_u16();
        // The body is stored decoded: the coding and transfer headers no longer describe it.
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .filter(|(name, _)| {
                !matches!(
                    name.as_str(),
                    "content-encoding" | "transfer-encoding" | "content-length"
                )
            })
            .map(|(n, v)| {
                (
                    n.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|e| failure(&e))?;
        let mut response_head = format!(
            "HTTP/1.1 {status} {}\r\n",
            response.status().canonical_reason().unwrap_or("")
        );
        for (name, value) in &headers {
            response_head.push_str(&format!("{name}: {value}\r\n"));
        }
        response_head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        Ok(Exchange {
            request_head: request_head.into_bytes(),
            status,
            headers,
            response_head: response_head.into_bytes(),
            body,
        })
    }
}

fn failure(e: &ureq::Error) -> FetchFailure {
    match e {
        ureq::Error::BodyExceedsLimit(n) => FetchFailure {
            kind: "too-large",
            message: format!("the body is larger than {n} bytes"),
        },
        ureq::Error::Timeout(_) => FetchFailure {
            kind: "timeout",
            message: e.to_string(),
        },
        other => FetchFailure {
            kind: "fetch",
            message: other.to_string(),
        },
    }
}
