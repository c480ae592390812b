//! The fetcher: one GET, its redirects followed hop by hop under the address policy, within a
//! time limit for the whole, a redirect limit and a size cap.

use std::time::{Duration, Instant};

use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
use url::Url;

use crate::decode::{decode, ACCEPTED_CODINGS};
use crate::response::{media_type, Exchange, Header, Response};
use crate::{AddressPolicy, FetchError};

/// The User-Agent sent unless the caller gives another: who is asking, and where to read
/// about it.
pub const USER_AGENT: &str = concat!(
    "warta/",
    env!("CARGO_PKG_VERSION"),
    " (article extractor; +",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

/// What the fetcher sends in `Accept` unless the caller gives another.
const ACCEPT: &str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

/// Headers that carry credentials: not sent on to another origin by a redirect.
const CREDENTIAL_HEADERS: [&str; 3] = ["authorization", "cookie", "proxy-authorization"];

/// How a [`Fetcher`] fetches. `FetchConfig::default()` is strict and fit for untrusted URLs.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// For the whole fetch: every hop's resolving, connecting and reading, and the body.
    pub timeout: Duration,
    /// The largest body accepted, both as sent and once its `Content-Encoding` is undone.
    pub max_bytes: u64,
    /// How many redirects are followed before giving up.
    pub max_redirects: u32,
    /// When false, a redirect comes back as the response (a crawler follows each hop itself,
    /// so it can check robots.txt and keep its delay between them).
    pub follow_redirects: bool,
    /// Sent as `User-Agent` unless a call's headers give one.
    pub user_agent: String,
    /// When set, a 2xx response whose media type (lower-cased, no parameters) is not in the
    /// list is refused before its body is read. A response without `Content-Type` passes (the
    /// caller may sniff it).
    pub content_types: Option<Vec<String>>,
    /// Which schemes, ports and addresses may be reached.
    pub policy: AddressPolicy,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            timeout: Duration::from_secs(30),
            max_bytes: 16 * 1024 * 1024,
            max_redirects: 5,
            follow_redirects: true,
            user_agent: USER_AGENT.to_string(),
            content_types: None,
            policy: AddressPolicy::strict(),
        }
    }
}

impl FetchConfig {
    /// The media types of HTML and text, for a front that only reads pages.
    pub fn html_or_text() -> Vec<String> {
        ["text/html", "application/xhtml+xml", "text/plain"]
            .map(String::from)
            .to_vec()
    }
}

/// Fetches pages. Cheap to share between threads (`&Fetcher` is all a worker needs); each call
/// is independent, and connections are pooled.
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Fetcher {
        let agent_config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Redirects are followed here, hop by hop, so each is checked.
            .max_redirects(0)
            // A proxy from the environment would resolve the target itself, past the policy.
            .proxy(None)
            .timeout_global(Some(config.timeout))
            .build();
        let resolver = PolicyResolver {
            policy: config.policy.clone(),
        };
        Fetcher {
            agent: ureq::Agent::with_parts(agent_config, DefaultConnector::default(), resolver),
            config,
        }
    }

    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// GETs `url` with the default headers.
    pub fn fetch(&self, url: &str) -> Result<Response, FetchError> {
        self.fetch_with(url, &[])
    }

    /// GETs `url`, adding or replacing request `headers` (`If-None-Match`, `If-Modified-Since`,
    /// `User-Agent`, …) on every hop. Credential headers (`Authorization`, `Cookie`) are not
    /// sent on to another origin.
    pub fn fetch_with(&self, url: &str, headers: &[(&str, &str)]) -> Result<Response, FetchError> {
        let deadline = Instant::now() + self.config.timeout;
        let first = parse_url(url)?;
        let mut current = first.clone();
        let mut hops = Vec::new();
        loop {
            self.config.policy.check_url(&current)?;
            let same_origin = current.origin() == first.origin();
            let request_headers = self.request_headers(&current, headers, same_origin);
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(self.timed_out());
            }
            let mut request = self.agent.get(current.as_str());
            for (name, value) in request_headers.iter().skip(1) {
                request = request.header(name.as_str(), value.as_str());
            }
            let mut response = request
                .config()
                .timeout_global(Some(remaining))
                .build()
                .call()
                .map_err(|e| self.error_from(e))?;
            let exchange = Exchange {
                url: current.to_string(),
                request_headers,
                version: format!("{:?}", response.version()),
                status: response.status().as_u16(),
                headers: response
                    .headers()
                    .iter()
                    .map(|(n, v)| {
                        (
                            n.as_str().to_string(),
                            String::from_utf8_lossy(v.as_bytes()).into_owned(),
                        )
                    })
                    .collect(),
            };
            let next = match self.config.follow_redirects {
                true => redirect_target(&current, &exchange)?,
                false => None,
            };
            if let Some(next) = next {
                if hops.len() as u32 >= self.config.max_redirects {
                    return Err(FetchError::TooManyRedirects {
                        limit: self.config.max_redirects,
                    });
                }
                hops.push(exchange);
                current = next;
                continue;
            }
            self.check_content_type(&exchange)?;
            let wire = response
                .body_mut()
                .with_config()
                .limit(self.config.max_bytes)
                .read_to_vec()
                .map_err(|e| self.error_from(e))?;
            let coding = exchange.header("content-encoding").unwrap_or_default();
            let (body, encoded_body) = match decode(coding, &wire, self.config.max_bytes)? {
                Some(decoded) => (decoded, Some(wire)),
                None => (wire, None),
            };
            return Ok(Response {
                final_exchange: exchange,
                hops,
                body,
                encoded_body,
            });
        }
    }

    /// The headers for one request: `Host`, then the defaults, each replaced by the caller's
    /// header of the same name, then the caller's others.
    fn request_headers(&self, url: &Url, extra: &[(&str, &str)], same_origin: bool) -> Vec<Header> {
        let host = match (url.host_str(), url.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            (None, _) => String::new(),
        };
        let mut headers: Vec<Header> = vec![
            ("Host".into(), host),
            ("User-Agent".into(), self.config.user_agent.clone()),
            ("Accept".into(), ACCEPT.into()),
            ("Accept-Encoding".into(), ACCEPTED_CODINGS.into()),
        ];
        for &(name, value) in extra {
            let credential = CREDENTIAL_HEADERS
                .iter()
                .any(|c| c.eq_ignore_ascii_case(name));
            if name.eq_ignore_ascii_case("host") || (credential && !same_origin) {
                continue;
            }
            match headers
                .iter_mut()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                Some(slot) => slot.1 = value.to_string(),
                None => headers.push((name.to_string(), value.to_string())),
            }
        }
        headers
    }

    fn check_content_type(&self, exchange: &Exchange) -> Result<(), FetchError> {
        let (Some(allowed), Some(content_type)) =
            (&self.config.content_types, exchange.header("content-type"))
        else {
            return Ok(());
        };
        if !(200..300).contains(&exchange.status) {
            return Ok(());
        }
        let media = media_type(content_type);
        if allowed.iter().any(|a| a.eq_ignore_ascii_case(&media)) {
            Ok(())
        } else {
            Err(FetchError::ContentTypeRefused {
                content_type: media.chars().take(80).collect(),
            })
        }
    }

    fn timed_out(&self) -> FetchError {
        FetchError::Timeout {
            limit: self.config.timeout,
        }
    }

    fn error_from(&self, error: ureq::Error) -> FetchError {
        use std::io::ErrorKind;
        match error {
            ureq::Error::Other(inner) => match inner.downcast::<FetchError>() {
                Ok(ours) => *ours,
                Err(other) => FetchError::Io {
                    detail: other.to_string(),
                },
            },
            ureq::Error::Timeout(_) => self.timed_out(),
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
                limit: self.config.max_bytes,
            },
            ureq::Error::HostNotFound => FetchError::Dns {
                host: String::new(),
                detail: "no address".into(),
            },
            ureq::Error::ConnectionFailed => FetchError::Connect {
                detail: "connection failed".into(),
            },
            ureq::Error::Io(e) => match e.kind() {
                ErrorKind::TimedOut | ErrorKind::WouldBlock => self.timed_out(),
                ErrorKind::ConnectionRefused
                | ErrorKind::ConnectionReset
                | ErrorKind::ConnectionAborted
                | ErrorKind::NotConnected
                | ErrorKind::AddrNotAvailable => FetchError::Connect {
                    detail: e.to_string(),
                },
                _ => FetchError::Io {
                    detail: e.to_string(),
                },
            },
            ureq::Error::BadUri(detail) => FetchError::InvalidUrl {
                url: String::new(),
                reason: detail,
            },
            ureq::Error::Tls(detail) => FetchError::Tls {
                detail: detail.into(),
            },
            ureq::Error::Rustls(e) => FetchError::Tls {
                detail: e.to_string(),
            },
            other => FetchError::Http {
                detail: other.to_string(),
            },
        }
    }
}

fn parse_url(url: &str) -> Result<Url, FetchError> {
    Url::parse(url.trim()).map_err(|e| FetchError::InvalidUrl {
        url: url.chars().take(200).collect(),
        reason: e.to_string(),
    })
}

/// Where a redirect leads, or `None` when the response is not one (no `Location`, or a status
/// that is not 301, 302, 303, 307 or 308).
fn redirect_target(current: &Url, exchange: &Exchange) -> Result<Option<Url>, FetchError> {
    if !matches!(exchange.status, 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let Some(location) = exchange.header("location") else {
        return Ok(None);
    };
    current
        .join(location.trim())
        .map(Some)
        .map_err(|e| FetchError::InvalidUrl {
            url: location.chars().take(200).collect(),
            reason: format!("redirect target: {e}"),
        })
}

/// Resolves names as usual, then keeps only the addresses the policy allows: the connection
/// can only go to an address that passed, whatever the name resolved to.
#[derive(Debug)]
struct PolicyResolver {
    policy: AddressPolicy,
}

impl Resolver for PolicyResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default().to_string();
        let resolved = DefaultResolver::default()
            .resolve(uri, config, timeout)
            .map_err(|e| match e {
                ureq::Error::HostNotFound | ureq::Error::Io(_) => {
                    ureq::Error::Other(Box::new(FetchError::Dns {
                        host: host.clone(),
                        detail: e.to_string(),
                    }))
                }
                other => other,
            })?;
        let mut allowed = self.empty();
        let mut refusal = None;
        for &address in resolved.iter() {
            match self.policy.check_address(address.ip(), address.port()) {
                Ok(()) => allowed.push(address),
                Err(e) => {
                    refusal.get_or_insert(e);
                }
            }
        }
        match refusal {
            Some(e) if allowed.is_empty() => Err(ureq::Error::Other(Box::new(e))),
            _ if allowed.is_empty() => Err(ureq::Error::Other(Box::new(FetchError::Dns {
                host,
                detail: "no address".into(),
            }))),
            _ => Ok(allowed),
        }
    }
}
