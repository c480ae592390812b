//! Every limit the server enforces, as a `warta serve` flag with its default.

use std::net::SocketAddr;
use std::time::Duration;

/// `warta serve`'s flags. The defaults are safe to put in front of the internet.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Largest request body accepted, in bytes (larger: 413).
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Largest size a gzip body may inflate to, in bytes (larger: 413).
    #[arg(long, default_value_t = 32 * 1024 * 1024)]
    pub max_inflated_bytes: usize,
    /// Largest `POST /v1/batch` body, in bytes (larger: 413).
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_batch_bytes: usize,
    /// Seconds a client has to send a request's headers before the connection is closed.
    #[arg(long, default_value_t = 10)]
    pub header_timeout_secs: u64,
    /// Seconds a client has to send a request's whole body (longer: 408).
    #[arg(long, default_value_t = 30)]
    pub body_timeout_secs: u64,
    /// Seconds one request may take from its headers to its answer (longer: 408).
    #[arg(long, default_value_t = 60)]
    pub request_deadline_secs: u64,
    /// Pages extracted at once (default: the number of cores).
    #[arg(long)]
    pub workers: Option<usize>,
    /// Requests handled at once, waiting ones included; more get 503 with `Retry-After`.
    #[arg(long, default_value_t = 64)]
    pub max_in_flight: usize,
    /// Open connections; more are closed as soon as they are accepted.
    #[arg(long, default_value_t = 1024)]
    pub max_connections: usize,
    /// Fetch addresses in this IP range although they are loopback or private (an intranet, a
    /// local test server), on any port. Repeatable. Without it only public addresses on ports
    /// 80 and 443 are fetched, checked after DNS on every redirect hop.
    #[arg(long, value_name = "CIDR", num_args = 1..)]
    pub allow_private: Vec<warta_fetch::Cidr>,
    /// Fetch public addresses on this port too (by default only 80 and 443). Repeatable.
    #[arg(long, value_name = "PORT")]
    pub allow_port: Vec<u16>,
    /// Seconds one fetch may take, redirects and body included.
    #[arg(long, default_value_t = 15)]
    pub fetch_timeout_secs: u64,
    /// Largest page fetched, in bytes, as sent and once inflated.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    pub fetch_max_bytes: u64,
    /// Redirects followed per fetch.
    #[arg(long, default_value_t = 5)]
    pub fetch_max_redirects: u32,
    /// Seconds in-flight requests get to finish after SIGTERM or Ctrl-C.
    #[arg(long, default_value_t = 30)]
    pub shutdown_grace_secs: u64,
}

impl Default for ServeArgs {
    fn default() -> Self {
        <Self as clap::FromArgMatches>::from_arg_matches(
            &<Self as clap::Args>::augment_args(clap::Command::new("serve"))
                .get_matches_from(["serve"]),
        )
        .expect("the defaults parse")
    }
}

impl ServeArgs {
    pub(crate) fn workers(&self) -> usize {
        self.workers
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
            .max(1)
    }

    /// The fetch unit's settings: strict address policy plus what the flags open, HTML and text
    /// only.
    pub(crate) fn fetch_config(&self) -> warta_fetch::FetchConfig {
        let mut policy = warta_fetch::AddressPolicy::strict();
        for &range in &self.allow_private {
            policy = policy.allow_private(range);
        }
        for &port in &self.allow_port {
            policy = policy.allow_port(port);
        }
        warta_fetch::FetchConfig {
            timeout: Duration::from_secs(self.fetch_timeout_secs),
            max_bytes: self.fetch_max_bytes,
            max_redirects: self.fetch_max_redirects,
            content_types: Some(warta_fetch::FetchConfig::html_or_text()),
            policy,
            ..warta_fetch::FetchConfig::default()
        }
    }

    pub(crate) fn header_timeout(&self) -> Duration {
        Duration::from_secs(self.header_timeout_secs)
    }

    pub(crate) fn body_timeout(&self) -> Duration {
        Duration::from_secs(self.body_timeout_secs)
    }

    pub(crate) fn request_deadline(&self) -> Duration {
        Duration::from_secs(self.request_deadline_secs)
    }
}
