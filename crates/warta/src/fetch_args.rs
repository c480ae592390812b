//! The fetch flags `warta extract URL` and `warta batch` share. Fetching is strict by default:
//! public addresses on ports 80 and 443 only. These flags open more, deliberately.

use warta_fetch::{AddressPolicy, Cidr, FetchConfig};

#[derive(clap::Args, Clone)]
pub struct FetchArgs {
    /// Fetch addresses in this IP range although they are loopback or private (an intranet,
    /// a local test server), on any port. Repeatable. Without it, only public addresses are
    /// fetched.
    #[arg(long, value_name = "CIDR")]
    allow_private: Vec<Cidr>,
    /// Fetch public addresses on this port too (by default only 80 and 443). Repeatable.
    #[arg(long, value_name = "PORT")]
    allow_port: Vec<u16>,
}

impl FetchArgs {
    pub fn config(&self) -> FetchConfig {
        let mut policy = AddressPolicy::strict();
        for &range in &self.allow_private {
            policy = policy.allow_private(range);
        }
        for &port in &self.allow_port {
            policy = policy.allow_port(port);
        }
        FetchConfig {
            policy,
            ..FetchConfig::default()
        }
    }
}
