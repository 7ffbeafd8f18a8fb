//! Which names the preview answers to. A web page the editor visits can point its own name at
//! 127.0.0.1 (DNS rebinding) and then read the preview, drafts included, as a same-origin
//! page; the one defence is to refuse every request whose Host is not a name this machine
//! owns. IP literals cannot be rebound and `localhost` / `*.localhost` never leave the machine
//! (RFC 6761), so those always pass; any other name must be given with `--allowed-host`.

use crate::diag::Diagnostic;
use axum::http::{header, HeaderMap, Uri};
use std::net::{Ipv4Addr, Ipv6Addr};

/// The names, besides IP addresses and localhost, that the preview answers to.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hosts {
    names: Vec<String>,
}

/// A host as a request names it: an IP literal or a DNS name (lower case, no trailing dot).
#[derive(Debug, PartialEq, Eq)]
enum Name {
    Ip,
    Dns(String),
}

impl Hosts {
    /// The bound name (when it is one) and every `--allowed-host`; a value that is not a host
    /// name is an error saying what to give instead.
    pub(crate) fn new(bind: &str, allowed: &[String]) -> Result<Hosts, Diagnostic> {
        let mut hosts = Hosts::default();
        if let Some(Name::Dns(n)) = name_of(bind) {
            hosts.names.push(n);
        }
        for a in allowed {
            match name_of(a) {
                Some(Name::Dns(n)) => hosts.names.push(n),
                Some(Name::Ip) => {}
                None => {
                    return Err(Diagnostic::tr(
                        "--allowed-host",
                        crate::msg!("serve-not-a-host", name = a.as_str()),
                    )
                    .hint_tr(crate::msg!("serve-not-a-host-hint")))
                }
            }
        }
        Ok(hosts)
    }

    /// Why the request must be refused (one line, saying what to do), or None to answer it.
    /// Every name the request carries is checked: each Host header, the authority of an
    /// absolute-form target (which HTTP says overrides Host), and the Origin of a fetch or
    /// EventSource from another page.
    pub(crate) fn refusal(&self, headers: &HeaderMap, uri: &Uri) -> Option<String> {
        let hosts: Vec<_> = headers.get_all(header::HOST).iter().collect();
        if hosts.is_empty() && uri.authority().is_none() {
            return Some("403: the request names no host. huibian serve answers only requests with a Host header (HTTP/1.1) naming localhost, an IP address or a name given with --allowed-host.".into());
        }
        let given = hosts
            .iter()
            .map(|v| v.to_str().unwrap_or("\u{fffd}"))
            .chain(uri.authority().map(|a| a.as_str()));
        for value in given {
            if !self.allows(value) {
                return Some(refused_host(value));
            }
        }
        let origin = headers.get(header::ORIGIN)?;
        let origin = origin.to_str().unwrap_or("\u{fffd}");
        (!self.allows_origin(origin)).then(|| {
            format!("403: a page of another site (Origin {}) may not read this preview; open the preview itself instead.", shown(origin))
        })
    }

    fn allows(&self, value: &str) -> bool {
        match name_of(value) {
            Some(Name::Ip) => true,
            Some(Name::Dns(n)) => {
                n == "localhost" || n.ends_with(".localhost") || self.names.contains(&n)
            }
            None => false,
        }
    }

    /// `http://host[:port]` or `https://…` with an allowed host; `null` (a sandboxed or
    /// local-file page) is not.
    fn allows_origin(&self, origin: &str) -> bool {
        let authority = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"));
        authority.is_some_and(|a| self.allows(a))
    }
}

/// The one line a refused Host gets: what was refused and the flag that would allow it.
fn refused_host(value: &str) -> String {
    let allow = match name_of(value) {
        Some(Name::Dns(n)) => format!(" If you typed this address yourself, add --allowed-host {n} to the huibian serve command."),
        _ => String::new(),
    };
    format!("403: huibian serve answers only to localhost, IP addresses and names given with --allowed-host, not to the host {} (a guard against other sites reading the preview).{allow}", shown(value))
}

/// A value the client sent, quoted for a message: printable ASCII only, at most 100 chars.
fn shown(value: &str) -> String {
    let clean: String = value
        .chars()
        .take(100)
        .map(|c| if c.is_ascii_graphic() { c } else { '?' })
        .collect();
    format!("`{clean}`")
}

/// The host of a Host value or URI authority (`name`, `name:port`, `1.2.3.4:80`, `[::1]:80`);
/// None when it is not one (userinfo, a path, a bad port, characters no host name has).
fn name_of(value: &str) -> Option<Name> {
    let value = value.trim();
    if let Some(rest) = value.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        ip.parse::<Ipv6Addr>().ok()?;
        return port_ok(after).then_some(Name::Ip);
    }
    let (host, port) = match value.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (value, None),
    };
    if port.is_some_and(|p| !port_ok(&format!(":{p}"))) {
        // Also an unbracketed IPv6 address, which no URL writes.
        return None;
    }
    let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    let label_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let well_formed = !host.is_empty()
        && host
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(label_char));
    if !well_formed {
        return None;
    }
    Some(if host.parse::<Ipv4Addr>().is_ok() {
        Name::Ip
    } else {
        Name::Dns(host)
    })
}

/// Nothing, or `:` and a port number.
fn port_ok(after: &str) -> bool {
    match after.strip_prefix(':') {
        None => after.is_empty(),
        Some(p) => !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Hosts {
        Hosts::new("127.0.0.1", &["Desk-42.local.".into()]).unwrap()
    }

    #[test]
    fn loopback_ip_and_given_names_pass_others_do_not() {
        let h = hosts();
        for ok in [
            "localhost",
            "LOCALHOST:1111",
            "localhost.",
            "preview.localhost:80",
            "127.0.0.1",
            "127.0.0.1:1111",
            "192.168.1.20:1111",
            "[::1]",
            "[::1]:1111",
            "[::ffff:127.0.0.1]:1",
            "desk-42.local",
            "DESK-42.LOCAL.:8080",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "attacker.example",
            "attacker.example.",
            "localhost.attacker.example",
            "127.0.0.1.nip.io",
            "localhost:abc",
            "localhost:99999",
            "localhost:",
            "::1",
            "[::1",
            "[nope]",
            "user@localhost",
            "localhost/x",
            "local host",
            "",
            ".",
            "..localhost",
            "desk-42",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
    }

    #[test]
    fn origins_of_other_sites_are_refused() {
        let h = hosts();
        assert!(h.allows_origin("http://127.0.0.1:1111"));
        assert!(h.allows_origin("http://localhost:1111"));
        assert!(!h.allows_origin("http://attacker.example"));
        assert!(!h.allows_origin("null"));
        assert!(!h.allows_origin("file://"));
    }

    #[test]
    fn an_allowed_host_must_be_a_name() {
        assert!(Hosts::new("0.0.0.0", &["http://desk-42/".into()]).is_err());
        assert!(Hosts::new("0.0.0.0", &["desk-42:1111".into()]).is_ok());
        let named = Hosts::new("desk-42", &[]).unwrap();
        assert!(named.allows("desk-42:1111"));
    }
}
