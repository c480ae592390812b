//! Why a fetch failed, as a typed value with a stable kind name.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

/// Why a fetch gave no response. [`FetchError::kind`] is a stable short name for records and
/// logs; the `Display` text is for people. An HTTP status is never an error: a 404 or a 503 is a
/// [`Response`](crate::Response) whose meaning the caller decides.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchError {
    /// The URL does not parse, has no host, or a redirect's `Location` is not a URL.
    InvalidUrl { url: String, reason: String },
    /// Only `http` and `https` are fetched.
    SchemeRefused { scheme: String },
    /// The port is not one the policy allows for a public address.
    PortRefused { port: u16 },
    /// The address (given, or resolved from a name) lies in a refused range.
    AddressRefused {
        address: IpAddr,
        range: &'static str,
    },
    /// The name does not resolve.
    Dns { host: String, detail: String },
    /// No connection could be made (refused, reset, unreachable).
    Connect { detail: String },
    /// The TLS handshake failed.
    Tls { detail: String },
    /// The whole fetch, redirects and body included, took longer than the time limit.
    Timeout { limit: Duration },
    /// The body, as sent or once inflated, is larger than the size cap.
    TooLarge { limit: u64 },
    /// More redirects than the limit (a loop ends here too).
    TooManyRedirects { limit: u32 },
    /// A successful response whose media type is not among the allowed ones.
    ContentTypeRefused { content_type: String },
    /// A `Content-Encoding` that is unknown or does not decode.
    ContentEncoding { coding: String, detail: String },
    /// The server broke the HTTP protocol.
    Http { detail: String },
    /// Another input/output error while talking to the server.
    Io { detail: String },
}

impl FetchError {
    /// A stable short name: `invalid-url`, `scheme-refused`, `port-refused`,
    /// `address-refused`, `dns`, `connect`, `tls`, `timeout`, `too-large`,
    /// `too-many-redirects`, `content-type-refused`, `content-encoding`, `http` or `io`.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::InvalidUrl { .. } => "invalid-url",
            FetchError::SchemeRefused { .. } => "scheme-refused",
            FetchError::PortRefused { .. } => "port-refused",
            FetchError::AddressRefused { .. } => "address-refused",
            FetchError::Dns { .. } => "dns",
            FetchError::Connect { .. } => "connect",
            FetchError::Tls { .. } => "tls",
            FetchError::Timeout { .. } => "timeout",
            FetchError::TooLarge { .. } => "too-large",
            FetchError::TooManyRedirects { .. } => "too-many-redirects",
            FetchError::ContentTypeRefused { .. } => "content-type-refused",
            FetchError::ContentEncoding { .. } => "content-encoding",
            FetchError::Http { .. } => "http",
            FetchError::Io { .. } => "io",
        }
    }

    /// Whether the fetch was refused by the caller's own rules (URL, scheme, port, address,
    /// content type) rather than failed on the network: a server answers these with 4xx.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            FetchError::InvalidUrl { .. }
                | FetchError::SchemeRefused { .. }
                | FetchError::PortRefused { .. }
                | FetchError::AddressRefused { .. }
                | FetchError::ContentTypeRefused { .. }
        )
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::InvalidUrl { url, reason } => write!(f, "invalid URL {url:?}: {reason}"),
            FetchError::SchemeRefused { scheme } => {
                write!(
                    f,
                    "scheme {scheme:?} refused: only http and https are fetched"
                )
            }
            FetchError::PortRefused { port } => write!(
                f,
                "port {port} refused: only the allowed ports (80 and 443 by default) are fetched"
            ),
            FetchError::AddressRefused { address, range } => write!(
                f,
                "address {address} refused: it is {range} (open a range deliberately to fetch it)"
            ),
            FetchError::Dns { host, detail } => write!(f, "cannot resolve {host:?}: {detail}"),
            FetchError::Connect { detail } => write!(f, "cannot connect: {detail}"),
            FetchError::Tls { detail } => write!(f, "TLS failed: {detail}"),
            FetchError::Timeout { limit } => {
                write!(f, "timed out: the fetch took longer than {limit:?}")
            }
            FetchError::TooLarge { limit } => write!(f, "the body is larger than {limit} bytes"),
            FetchError::TooManyRedirects { limit } => {
                write!(f, "more than {limit} redirects (or a redirect loop)")
            }
            FetchError::ContentTypeRefused { content_type } => {
                write!(f, "content type {content_type:?} refused")
            }
            FetchError::ContentEncoding { coding, detail } => {
                write!(f, "content encoding {coding:?}: {detail}")
            }
            FetchError::Http { detail } => write!(f, "bad HTTP response: {detail}"),
            FetchError::Io { detail } => write!(f, "I/O error: {detail}"),
        }
    }
}

impl std::error::Error for FetchError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_refusals_are_told_apart_from_network_failures() {
        let refused = FetchError::PortRefused { port: 22 };
        assert_eq!(refused.kind(), "port-refused");
        assert!(refused.is_refusal());
        let failed = FetchError::Connect {
            detail: "refused".into(),
        };
        assert_eq!(failed.kind(), "connect");
        assert!(!failed.is_refusal());
    }
}
