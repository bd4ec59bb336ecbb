//! Which `Host` names the preview answers to: the defence against DNS rebinding.
//!
//! A web page on `evil.example` can make its name point at 127.0.0.1 and then read anything
//! the preview serves (drafts included) from the browser, because to the browser it is still
//! `evil.example`. The browser always says which name it asked for, in `Host`, so the preview
//! answers only to names that cannot be rebound: `localhost` and `*.localhost` (browsers resolve
//! them to the loopback themselves), address literals (no name to rebind), and the names the
//! user gave with `--host`. Address literals must be a loopback address or the one listened
//! on; when listening on every address (`--bind 0.0.0.0`), any literal is. When listening
//! beyond the loopback, the machine's own host name (and `NAME.local`) is allowed too: other
//! computers reach it by that name, and a web page cannot choose what it resolves to.
//!
//! Pure: no I/O except reading the host name once, in [`HostPolicy::new`].

use std::net::IpAddr;

/// The names and addresses the preview answers to.
#[derive(Debug, Clone)]
pub struct HostPolicy {
    bound: IpAddr,
    /// Extra names, lower case, without a trailing dot.
    names: Vec<String>,
}

/// What a `Host` value names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    Ip(IpAddr),
    Name(String),
}

impl HostPolicy {
    /// The policy for a server bound to `bound`, also answering to `extra` names (`--host`).
    pub fn new(bound: IpAddr, extra: &[String]) -> HostPolicy {
        let mut names: Vec<String> = extra.iter().map(|n| normalise(n)).collect();
        if !bound.is_loopback()
            && let Some(own) = machine_name()
        {
            names.push(format!("{own}.local"));
            names.push(own);
        }
        HostPolicy { bound, names }
    }

    /// Whether a request naming `host` (a `Host` header or a URI authority, port included or
    /// not) may be answered.
    pub fn allows(&self, host: &str) -> bool {
        match parse(host) {
            Some(Named::Ip(ip)) => {
                let ip = ip.to_canonical();
                ip.is_loopback() || ip == self.bound.to_canonical() || self.bound.is_unspecified()
            }
            Some(Named::Name(name)) => {
                name == "localhost" || name.ends_with(".localhost") || self.names.contains(&name)
            }
            None => false,
        }
    }
}

/// The name part of a `Host` value (no port, no brackets), for messages.
pub fn name_of(host: &str) -> &str {
    let host = host.trim();
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

/// `name`, `name:port`, `1.2.3.4:port`, `[::1]:port`; `None` when malformed.
fn parse(host: &str) -> Option<Named> {
    let host = host.trim();
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let ip: std::net::Ipv6Addr = inside.parse().ok()?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        check_port(port)?;
        return Some(Named::Ip(IpAddr::V6(ip)));
    } else {
        match host.split_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (host, None),
        }
    };
    check_port(port)?;
    if name.is_empty() {
        return None;
    }
    if let Ok(ip) = name.parse::<std::net::Ipv4Addr>() {
        return Some(Named::Ip(IpAddr::V4(ip)));
    }
    let name = normalise(name);
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_');
    valid.then_some(Named::Name(name))
}

fn check_port(port: Option<&str>) -> Option<()> {
    match port {
        None => Some(()),
        Some(p) => p.parse::<u16>().ok().map(|_| ()),
    }
}

fn normalise(name: &str) -> String {
    let name = name.trim().to_ascii_lowercase();
    name.strip_suffix('.').map(str::to_string).unwrap_or(name)
}

/// This computer's host name, lower case.
fn machine_name() -> Option<String> {
    #[cfg(unix)]
    {
        let uname = rustix::system::uname();
        let name = normalise(&uname.nodename().to_string_lossy());
        (!name.is_empty()).then_some(name)
    }
    #[cfg(not(unix))]
    {
        std::env::var("COMPUTERNAME").ok().map(|n| normalise(&n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(bound: &str, extra: &[&str]) -> HostPolicy {
        let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        HostPolicy::new(bound.parse().unwrap_or_else(|e| panic!("{e}")), &extra)
    }

    #[test]
    fn loopback_names_and_literals_are_allowed() {
        let p = policy("127.0.0.1", &[]);
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.:1111",
            "xem-truoc.localhost:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.1.2.3:80",
            "[::1]",
            "[::1]:1111",
            "[::ffff:127.0.0.1]:1111",
        ] {
            assert!(p.allows(host), "{host}");
        }
    }

    #[test]
    fn other_names_and_malformed_values_are_refused() {
        let p = policy("127.0.0.1", &[]);
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "192.168.1.5:1111",
            "[fe80::1]:1111",
            "",
            ":1111",
            "localhost:port",
            "localhost:99999",
            "[::1",
            "::1",
            "[::1]x",
            "local host",
            "localhost/evil",
        ] {
            assert!(!p.allows(host), "{host}");
        }
    }

    #[test]
    fn names_given_with_host_are_allowed() {
        let p = policy("127.0.0.1", &["Xem-Truoc.So-Noi-Vu.vn."]);
        assert!(p.allows("xem-truoc.so-noi-vu.vn:1111"));
        assert!(!p.allows("so-noi-vu.vn:1111"));
    }

    #[test]
    fn all_addresses_allow_any_literal_but_no_foreign_name() {
        for bound in ["0.0.0.0", "::"] {
            let p = policy(bound, &[]);
            assert!(p.allows("192.168.1.5:1111"), "{bound}");
            assert!(p.allows("[fe80::1]:1111"), "{bound}");
            assert!(p.allows("localhost:1111"), "{bound}");
            assert!(!p.allows("evil.example:1111"), "{bound}");
            if let Some(own) = machine_name() {
                assert!(p.allows(&format!("{own}:1111")), "{bound}");
            }
        }
    }

    #[test]
    fn a_specific_address_allows_itself() {
        let p = policy("192.168.1.5", &[]);
        assert!(p.allows("192.168.1.5:1111"));
        assert!(!p.allows("192.168.1.6:1111"));
        let p = policy("::1", &[]);
        assert!(p.allows("[::1]:1111"));
        assert!(p.allows("localhost:1111"));
    }

    #[test]
    fn the_name_without_port() {
        assert_eq!(name_of("evil.example:1111"), "evil.example");
        assert_eq!(name_of("[fe80::1]:1111"), "fe80::1");
        assert_eq!(name_of("evil.example"), "evil.example");
    }
}
