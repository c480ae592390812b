//! The address policy (against server-side request forgery): which schemes, ports and IP
//! addresses a fetch may reach. The check runs on the URL before anything is sent, and again
//! on every address a name resolves to, just before connecting, on every redirect hop.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use url::{Host, Url};

use crate::FetchError;

/// An IP range: an address and a prefix length (`10.0.0.0/8`, `fd00::/8`). A bare address is
/// a range of one (`/32` or `/128`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// The range of `prefix` leading bits of `address`; `None` if the prefix is too long for
    /// the address family. Host bits are cleared.
    pub fn new(address: IpAddr, prefix: u8) -> Option<Cidr> {
        let network = match address {
            IpAddr::V4(a) if prefix <= 32 => IpAddr::V4((u32::from(a) & mask32(prefix)).into()),
            IpAddr::V6(a) if prefix <= 128 => IpAddr::V6((u128::from(a) & mask128(prefix)).into()),
            _ => return None,
        };
        Some(Cidr { network, prefix })
    }

    /// Whether `address` lies in the range. IPv4 ranges hold no IPv6 address and the reverse:
    /// callers compare canonical addresses (see [`canonical`]).
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.network, address) {
            (IpAddr::V4(n), IpAddr::V4(a)) => u32::from(a) & mask32(self.prefix) == u32::from(n),
            (IpAddr::V6(n), IpAddr::V6(a)) => u128::from(a) & mask128(self.prefix) == u128::from(n),
            _ => false,
        }
    }
}

fn mask32(prefix: u8) -> u32 {
    u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0)
}

fn mask128(prefix: u8) -> u128 {
    u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0)
}

/// Why a string is not a [`Cidr`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidCidr(String);

impl fmt::Display for InvalidCidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not an IP range (like 10.0.0.0/8, 127.0.0.1 or fd00::/8)",
            self.0
        )
    }
}

impl std::error::Error for InvalidCidr {}

impl FromStr for Cidr {
    type Err = InvalidCidr;

    fn from_str(s: &str) -> Result<Cidr, InvalidCidr> {
        let invalid = || InvalidCidr(s.to_string());
        let (address, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let address: IpAddr = address.parse().map_err(|_| invalid())?;
        let full = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u8>().map_err(|_| invalid())?
            }
            Some(_) => return Err(invalid()),
            None => full,
        };
        Cidr::new(address, prefix).ok_or_else(invalid)
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

/// The IPv4 ranges no fetch reaches unless opened, each with what it is. Order matters only
/// for the name given: the first range that holds an address names it.
const REFUSED_V4: &[(Ipv4Addr, u8, &str)] = &[
    (
        Ipv4Addr::new(0, 0, 0, 0),
        8,
        "unspecified (\"this network\")",
    ),
    (Ipv4Addr::new(10, 0, 0, 0), 8, "private"),
    (
        Ipv4Addr::new(100, 64, 0, 0),
        10,
        "shared (carrier-grade NAT)",
    ),
    (Ipv4Addr::new(127, 0, 0, 0), 8, "loopback"),
    (
        Ipv4Addr::new(169, 254, 0, 0),
        16,
        "link-local (cloud metadata)",
    ),
    (Ipv4Addr::new(172, 16, 0, 0), 12, "private"),
    (
        Ipv4Addr::new(192, 0, 0, 0),
        24,
        "reserved (IETF protocol assignments)",
    ),
    (Ipv4Addr::new(192, 0, 2, 0), 24, "documentation"),
    (
        Ipv4Addr::new(192, 88, 99, 0),
        24,
        "reserved (6to4 relay anycast)",
    ),
    (Ipv4Addr::new(192, 168, 0, 0), 16, "private"),
    (Ipv4Addr::new(198, 18, 0, 0), 15, "benchmarking"),
    (Ipv4Addr::new(198, 51, 100, 0), 24, "documentation"),
    (Ipv4Addr::new(203, 0, 113, 0), 24, "documentation"),
    (Ipv4Addr::new(224, 0, 0, 0), 4, "multicast"),
    (Ipv4Addr::new(255, 255, 255, 255), 32, "broadcast"),
    (Ipv4Addr::new(240, 0, 0, 0), 4, "reserved"),
];

/// The IPv6 ranges refused outright. IPv4-mapped (`::ffff:0:0/96`), NAT64 (`64:ff9b::/96`)
/// and 6to4 (`2002::/16`) addresses are judged by the IPv4 address they carry instead, and
/// anything outside global unicast (`2000::/3`) is refused as reserved.
const REFUSED_V6: &[(Ipv6Addr, u8, &str)] = &[
    (Ipv6Addr::UNSPECIFIED, 128, "unspecified"),
    (Ipv6Addr::LOCALHOST, 128, "loopback"),
    (
        Ipv6Addr::new(0x64, 0xff9b, 1, 0, 0, 0, 0, 0),
        48,
        "reserved (local NAT64)",
    ),
    (
        Ipv6Addr::new(0x100, 0, 0, 0, 0, 0, 0, 0),
        64,
        "reserved (discard-only)",
    ),
    (
        Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0),
        32,
        "documentation",
    ),
    (
        Ipv6Addr::new(0x2001, 0, 0, 0, 0, 0, 0, 0),
        23,
        "reserved (IETF protocol assignments)",
    ),
    (
        Ipv6Addr::new(0x3fff, 0, 0, 0, 0, 0, 0, 0),
        20,
        "documentation",
    ),
    (
        Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0),
        7,
        "private (unique local)",
    ),
    (Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10, "link-local"),
    (
        Ipv6Addr::new(0xfec0, 0, 0, 0, 0, 0, 0, 0),
        10,
        "reserved (site-local)",
    ),
    (Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0), 8, "multicast"),
];

/// The same address in the form policies compare: an IPv4-mapped IPv6 address
/// (`::ffff:127.0.0.1`) becomes the IPv4 address it maps.
pub fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// The refused range that holds `address`, by name, or `None` for a public address.
pub fn refused_range(address: IpAddr) -> Option<&'static str> {
    match canonical(address) {
        IpAddr::V4(v4) => refused_v4(v4),
        IpAddr::V6(v6) => refused_v6(v6),
    }
}

fn refused_v4(address: Ipv4Addr) -> Option<&'static str> {
    REFUSED_V4
        .iter()
        .find(|(network, prefix, _)| u32::from(address) & mask32(*prefix) == u32::from(*network))
        .map(|(_, _, name)| *name)
}

fn refused_v6(address: Ipv6Addr) -> Option<&'static str> {
    let bits = u128::from(address);
    let within = |network: Ipv6Addr, prefix: u8| bits & mask128(prefix) == u128::from(network);
    if let Some((_, _, name)) = REFUSED_V6
        .iter()
        .find(|(network, prefix, _)| within(*network, *prefix))
    {
        return Some(name);
    }
    // Forms that carry an IPv4 address: the carried address decides.
    let carried = if within(Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96) {
        Some(Ipv4Addr::from(bits as u32))
    } else if within(Ipv6Addr::new(0x2002, 0, 0, 0, 0, 0, 0, 0), 16) {
        Some(Ipv4Addr::from((bits >> 80) as u32))
    } else {
        None
    };
    if let Some(v4) = carried {
        return refused_v4(v4);
    }
    if !within(Ipv6Addr::new(0x2000, 0, 0, 0, 0, 0, 0, 0), 3) {
        return Some("reserved (outside global unicast)");
    }
    None
}

/// Which schemes, ports and addresses a fetch may reach.
///
/// The default is strict: `http` and `https` only, ports 80 and 443 only, and no loopback,
/// private, link-local, shared, multicast, documentation or otherwise reserved address (see
/// [`refused_range`]). [`AddressPolicy::allow_private`] opens a range deliberately (an intranet,
/// or a test's own loopback server); an opened range is trusted on any port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressPolicy {
    opened: Vec<Cidr>,
    ports: Vec<u16>,
}

impl Default for AddressPolicy {
    fn default() -> Self {
        AddressPolicy::strict()
    }
}

impl AddressPolicy {
    /// Public addresses on ports 80 and 443 only.
    pub fn strict() -> AddressPolicy {
        AddressPolicy {
            opened: Vec::new(),
            ports: vec![80, 443],
        }
    }

    /// Opens `range`: its addresses are fetched even when loopback or private, on any port.
    pub fn allow_private(mut self, range: Cidr) -> AddressPolicy {
        self.opened.push(range);
        self
    }

    /// Allows `port` on public addresses too (beside 80 and 443).
    pub fn allow_port(mut self, port: u16) -> AddressPolicy {
        if !self.ports.contains(&port) {
            self.ports.push(port);
        }
        self
    }

    /// The ranges opened with [`AddressPolicy::allow_private`].
    pub fn opened(&self) -> &[Cidr] {
        &self.opened
    }

    /// The ports allowed on public addresses.
    pub fn ports(&self) -> &[u16] {
        &self.ports
    }

    /// Whether a connection to `address` on `port` is allowed.
    pub fn check_address(&self, address: IpAddr, port: u16) -> Result<(), FetchError> {
        let address = canonical(address);
        if self.opened.iter().any(|range| range.contains(address)) {
            return Ok(());
        }
        if let Some(range) = refused_range(address) {
            return Err(FetchError::AddressRefused { address, range });
        }
        if !self.ports.contains(&port) {
            return Err(FetchError::PortRefused { port });
        }
        Ok(())
    }

    /// Checks what the URL alone tells: its scheme, and for an IP-literal host the address and
    /// port. A name is checked once resolved (and its port with it: an opened range takes any
    /// port), except that a port no address could use is refused at once.
    pub fn check_url(&self, url: &Url) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::SchemeRefused {
                scheme: url.scheme().to_string(),
            });
        }
        let port = url.port_or_known_default().unwrap_or(0);
        match url.host() {
            Some(Host::Ipv4(v4)) => self.check_address(IpAddr::V4(v4), port),
            Some(Host::Ipv6(v6)) => self.check_address(IpAddr::V6(v6), port),
            Some(Host::Domain(_)) if self.opened.is_empty() && !self.ports.contains(&port) => {
                Err(FetchError::PortRefused { port })
            }
            Some(Host::Domain(_)) => Ok(()),
            None => Err(FetchError::InvalidUrl {
                url: url.to_string(),
                reason: "no host".into(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn every_special_range_is_refused_by_name() {
        for (address, range) in [
            ("127.0.0.1", "loopback"),
            ("127.255.255.254", "loopback"),
            ("10.1.2.3", "private"),
            ("172.31.255.255", "private"),
            ("192.168.1.1", "private"),
            ("169.254.169.254", "link-local (cloud metadata)"),
            ("100.64.0.1", "shared (carrier-grade NAT)"),
            ("100.127.255.255", "shared (carrier-grade NAT)"),
            ("224.0.0.251", "multicast"),
            ("0.0.0.0", "unspecified (\"this network\")"),
            ("255.255.255.255", "broadcast"),
            ("240.0.0.1", "reserved"),
            ("192.0.2.7", "documentation"),
            ("198.51.100.7", "documentation"),
            ("203.0.113.7", "documentation"),
            ("198.19.0.1", "benchmarking"),
            ("::1", "loopback"),
            ("::", "unspecified"),
            ("fd12:3456::1", "private (unique local)"),
            ("fc00::1", "private (unique local)"),
            ("fe80::1", "link-local"),
            ("ff02::1", "multicast"),
            ("2001:db8::1", "documentation"),
            ("::ffff:127.0.0.1", "loopback"),
            ("::ffff:169.254.169.254", "link-local (cloud metadata)"),
            ("64:ff9b::10.0.0.1", "private"),
            ("64:ff9b::7f00:1", "loopback"),
            ("2002:7f00:1::1", "loopback"),
            ("2002:a9fe:a9fe::", "link-local (cloud metadata)"),
            ("::127.0.0.1", "reserved (outside global unicast)"),
        ] {
            assert_eq!(refused_range(ip(address)), Some(range), "{address}");
        }
    }

    #[test]
    fn public_addresses_pass_with_their_neighbours_refused() {
        for address in [
            "1.1.1.1",
            "8.8.8.8",
            "100.63.255.255",
            "100.128.0.0",
            "172.32.0.0",
            "172.15.255.255",
            "169.253.255.255",
            "11.0.0.0",
            "223.255.255.255",
            "2606:4700::1111",
            "2a00:1450::1",
            "64:ff9b::808:808",
            "2002:808:808::1",
            "::ffff:8.8.8.8",
        ] {
            assert_eq!(refused_range(ip(address)), None, "{address}");
        }
    }

    #[test]
    fn ranges_parse_clear_host_bits_and_reject_nonsense() {
        let range: Cidr = "10.1.2.3/8".parse().unwrap();
        assert_eq!(range.to_string(), "10.0.0.0/8");
        assert!(range.contains(ip("10.200.0.1")));
        assert!(!range.contains(ip("11.0.0.1")));
        let one: Cidr = "127.0.0.1".parse().unwrap();
        assert_eq!(one.to_string(), "127.0.0.1/32");
        assert!(!one.contains(ip("127.0.0.2")));
        let v6: Cidr = "fd00::/8".parse().unwrap();
        assert!(v6.contains(ip("fd12::1")));
        assert!(!v6.contains(ip("10.0.0.1")));
        assert_eq!(
            "0.0.0.0/0"
                .parse::<Cidr>()
                .map(|c| c.contains(ip("1.2.3.4"))),
            Ok(true)
        );
        for bad in [
            "",
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/",
            "10/8",
            "10.0.0.0/+8",
            "x/8",
        ] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn an_opened_range_takes_any_port_and_public_ones_only_allowed_ports() {
        let policy = AddressPolicy::strict().allow_private("127.0.0.1/32".parse().unwrap());
        assert_eq!(policy.check_address(ip("127.0.0.1"), 8080), Ok(()));
        assert_eq!(policy.check_address(ip("::ffff:127.0.0.1"), 8080), Ok(()));
        assert_eq!(
            policy
                .check_address(ip("127.0.0.2"), 80)
                .map_err(|e| e.kind()),
            Err("address-refused")
        );
        assert_eq!(
            policy.check_address(ip("8.8.8.8"), 8080),
            Err(FetchError::PortRefused { port: 8080 })
        );
        let policy = policy.allow_port(8080);
        assert_eq!(policy.check_address(ip("8.8.8.8"), 8080), Ok(()));
    }

    #[test]
    fn urls_are_judged_after_the_url_crate_normalises_their_host() {
        let strict = AddressPolicy::strict();
        let kind = |u: &str| {
            strict
                .check_url(&Url::parse(u).unwrap())
                .map_err(|e| e.kind())
        };
        assert_eq!(kind("http://2130706433/"), Err("address-refused"));
        assert_eq!(kind("http://0177.0.0.1/"), Err("address-refused"));
        assert_eq!(kind("http://0x7f.1/"), Err("address-refused"));
        assert_eq!(kind("http://[::ffff:7f00:1]/"), Err("address-refused"));
        assert_eq!(kind("ftp://example.com/"), Err("scheme-refused"));
        assert_eq!(kind("file:///etc/passwd"), Err("scheme-refused"));
        assert_eq!(kind("http://example.com:22/"), Err("port-refused"));
        assert_eq!(kind("https://example.com/"), Ok(()));
        assert_eq!(kind("http://8.8.8.8/"), Ok(()));
    }

    proptest! {
        #[test]
        fn a_mapped_address_is_judged_as_the_ipv4_it_maps(bits: u32, port: u16) {
            let v4 = Ipv4Addr::from(bits);
            let mapped = IpAddr::V6(v4.to_ipv6_mapped());
            prop_assert_eq!(refused_range(mapped), refused_range(IpAddr::V4(v4)));
            let policy = AddressPolicy::strict();
            prop_assert_eq!(
                policy.check_address(mapped, port),
                policy.check_address(IpAddr::V4(v4), port)
            );
        }

        #[test]
        fn std_special_addresses_are_always_refused(bits: u32, bits6: u128) {
            let v4 = Ipv4Addr::from(bits);
            if v4.is_loopback() || v4.is_private() || v4.is_link_local() || v4.is_multicast()
                || v4.is_unspecified() || v4.is_broadcast() || v4.is_documentation()
            {
                prop_assert!(refused_range(IpAddr::V4(v4)).is_some());
            }
            let v6 = Ipv6Addr::from(bits6);
            if v6.is_loopback() || v6.is_multicast() || v6.is_unspecified()
                || (v6.segments()[0] & 0xfe00) == 0xfc00
                || (v6.segments()[0] & 0xffc0) == 0xfe80
            {
                prop_assert!(refused_range(IpAddr::V6(v6)).is_some());
            }
        }

        #[test]
        fn a_range_holds_exactly_the_addresses_sharing_its_prefix(a: u32, b: u32, prefix in 0u8..=32) {
            let range = Cidr::new(IpAddr::V4(a.into()), prefix).unwrap();
            let same = prefix == 0 || (a ^ b) >> (32 - u32::from(prefix)) == 0;
            prop_assert_eq!(range.contains(IpAddr::V4(b.into())), same);
        }

        #[test]
        fn parsing_any_string_never_panics(s in "\\PC{0,40}") {
            let _ = s.parse::<Cidr>();
        }
    }
}
