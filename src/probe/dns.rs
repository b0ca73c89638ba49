//! DNS: the resolver every check shares (system configuration or a given `IP:port` name
//! server) and the `dns` check (name resolves; TTL low enough close to the switch).
//!
//! Mail records (SPF, DMARC, DKIM, MX) are judged in [`super::mail`]; this file only offers
//! the lookups.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts};
use hickory_resolver::net::NetError;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::{RData, RecordType};

use super::{Judgement, ProbeError};

/// TTL above which a record changes too slowly for a DNS switch (seconds).
pub const SWITCH_TTL: u32 = 300;
/// Days before launch from which a high TTL is a warning.
pub const TTL_WINDOW_DAYS: i64 = 7;

/// A DNS lookup that found nothing (`NoRecords`) or could not be made (`Failed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// The name does not exist or has no record of the asked type.
    NoRecords,
    /// The server could not be asked (timeout, refused, SERVFAIL…).
    Failed(String),
}

/// One answer record, simplified for judging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub name: String,
    pub ttl: u32,
    pub kind: RecordType,
    /// A/AAAA: the address; CNAME/MX: the target; TXT: the joined strings; CAA: as text.
    pub value: String,
    /// MX preference.
    pub preference: u16,
}

/// The resolver of a run.
#[derive(Clone)]
pub struct DnsClient {
    resolver: Arc<TokioResolver>,
}

impl DnsClient {
    /// Uses `nameserver` when given, else the system configuration.
    pub fn new(nameserver: Option<SocketAddr>, timeout: Duration) -> Result<DnsClient, ProbeError> {
        let mut opts = ResolverOpts::default();
        opts.timeout = timeout;
        opts.attempts = 2;
        opts.preserve_intermediates = true;
        opts.ndots = 0;
        let builder = match nameserver {
            Some(addr) => {
                let mut ns = NameServerConfig::udp_and_tcp(addr.ip());
                for c in &mut ns.connections {
                    c.port = addr.port();
                }
                // A named server answers for everything, including names in /etc/hosts.
                opts.use_hosts_file = ResolveHosts::Never;
                TokioResolver::builder_with_config(
                    ResolverConfig::from_name_servers(vec![ns]),
                    TokioRuntimeProvider::default(),
                )
            }
            None => TokioResolver::builder(TokioRuntimeProvider::default())
                .map_err(|e| ProbeError::Resolver(e.to_string()))?,
        };
        let resolver = builder
            .with_options(opts)
            .build()
            .map_err(|e| ProbeError::Resolver(e.to_string()))?;
        Ok(DnsClient {
            resolver: Arc::new(resolver),
        })
    }

    /// Looks up records of one type; CNAMEs on the way are included in the answers.
    pub async fn lookup(&self, name: &str, kind: RecordType) -> Result<Vec<Answer>, LookupError> {
        let fqdn = if name.ends_with('.') {
            name.to_string()
        } else {
            format!("{name}.")
        };
        match self.resolver.lookup(fqdn.as_str(), kind).await {
            Ok(lookup) => {
                let answers: Vec<Answer> = lookup
                    .answers()
                    .iter()
                    .filter_map(|r| {
                        let (value, preference) = match &r.data {
                            RData::A(a) => (a.0.to_string(), 0),
                            RData::AAAA(a) => (a.0.to_string(), 0),
                            RData::CNAME(c) => (c.0.to_string(), 0),
                            RData::MX(mx) => (mx.exchange.to_string(), mx.preference),
                            RData::TXT(txt) => (
                                txt.txt_data
                                    .iter()
                                    .map(|b| String::from_utf8_lossy(b).into_owned())
                                    .collect::<String>(),
                                0,
                            ),
                            RData::CAA(caa) => (caa.to_string(), 0),
                            _ => return None,
                        };
                        Some(Answer {
                            name: r.name.to_string(),
                            ttl: r.ttl,
                            kind: r.record_type(),
                            value,
                            preference,
                        })
                    })
                    .collect();
                if answers.iter().any(|a| a.kind == kind) {
                    Ok(answers)
                } else {
                    Err(LookupError::NoRecords)
                }
            }
            Err(e) => Err(classify(&e)),
        }
    }

    /// Addresses of `host` for connecting (A then AAAA).
    pub async fn addresses(&self, host: &str) -> Result<Vec<IpAddr>, LookupError> {
        let mut out = Vec::new();
        let mut last = LookupError::NoRecords;
        for kind in [RecordType::A, RecordType::AAAA] {
            match self.lookup(host, kind).await {
                Ok(a) => out.extend(
                    a.into_iter()
                        .filter(|r| r.kind == kind)
                        .filter_map(|r| r.value.parse::<IpAddr>().ok()),
                ),
                Err(e) => last = e,
            }
        }
        if out.is_empty() { Err(last) } else { Ok(out) }
    }
}

fn classify(e: &NetError) -> LookupError {
    if e.is_nx_domain() || e.is_no_records_found() {
        LookupError::NoRecords
    } else {
        LookupError::Failed(e.to_string())
    }
}

impl reqwest::dns::Resolve for DnsClient {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let this = self.clone();
        let host = name.as_str().to_string();
        Box::pin(async move {
            match this.addresses(&host).await {
                Ok(ips) => {
                    let addrs: reqwest::dns::Addrs =
                        Box::new(ips.into_iter().map(|ip| SocketAddr::new(ip, 0)));
                    Ok(addrs)
                }
                Err(LookupError::NoRecords) => Err(format!("{host} does not resolve").into()),
                Err(LookupError::Failed(e)) => Err(format!("cannot resolve {host}: {e}").into()),
            }
        })
    }
}

/// Judges a host's address lookup. `days_to_launch` is negative after the launch.
pub fn judge_dns(
    host: &str,
    result: &Result<Vec<Answer>, LookupError>,
    days_to_launch: i64,
) -> Judgement {
    let answers = match result {
        Err(LookupError::NoRecords) => {
            return Judgement::fail(format!("{host} does not resolve (no A/AAAA record)"));
        }
        Err(LookupError::Failed(e)) => {
            return Judgement::error(format!("could not resolve {host}: {e}"));
        }
        Ok(a) => a,
    };
    let addresses: Vec<&str> = answers
        .iter()
        .filter(|a| matches!(a.kind, RecordType::A | RecordType::AAAA))
        .map(|a| a.value.as_str())
        .collect();
    let chain: Vec<&str> = answers
        .iter()
        .filter(|a| a.kind == RecordType::CNAME)
        .map(|a| a.value.as_str())
        .collect();
    let ttl = answers.iter().map(|a| a.ttl).max().unwrap_or(0);
    let mut j = if addresses.is_empty() {
        Judgement::fail(format!(
            "{host} has no address at the end of its CNAME chain"
        ))
    } else if ttl > SWITCH_TTL && (0..=TTL_WINDOW_DAYS).contains(&days_to_launch) {
        Judgement::warn(format!(
            "{host} resolves, but its TTL is {ttl} s; lower it to {SWITCH_TTL} s before the switch"
        ))
    } else {
        let via = if chain.is_empty() {
            String::new()
        } else {
            format!(" via {}", chain.join(" → "))
        };
        Judgement::pass(format!(
            "{host} resolves to {}{via} (TTL {ttl} s)",
            addresses.join(", ")
        ))
    };
    j = j
        .with("addresses", addresses)
        .with("ttl", ttl)
        .with("cname_chain", chain);
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(ttl: u32, kind: RecordType, value: &str) -> Answer {
        Answer {
            name: "shop.test.".into(),
            ttl,
            kind,
            value: value.into(),
            preference: 0,
        }
    }

    #[test]
    fn ttl_is_a_warning_only_within_a_week_of_launch() {
        let ok = Ok(vec![
            a(3600, RecordType::CNAME, "lb.test."),
            a(3600, RecordType::A, "192.0.2.1"),
        ]);
        let far = judge_dns("shop.test", &ok, 30);
        assert_eq!(far.verdict, crate::probe::Verdict::Pass);
        assert!(far.finding.contains("via lb.test."), "{}", far.finding);
        let near = judge_dns("shop.test", &ok, 5);
        assert_eq!(near.verdict, crate::probe::Verdict::Warn);
        assert_eq!(near.observed["ttl"], 3600);
        let low = judge_dns(
            "shop.test",
            &Ok(vec![a(300, RecordType::A, "192.0.2.1")]),
            1,
        );
        assert_eq!(low.verdict, crate::probe::Verdict::Pass);
    }

    #[test]
    fn missing_names_fail_and_unreachable_servers_are_errors() {
        let none = judge_dns("x.test", &Err(LookupError::NoRecords), 3);
        assert_eq!(none.verdict, crate::probe::Verdict::Fail);
        let down = judge_dns("x.test", &Err(LookupError::Failed("timeout".into())), 3);
        assert_eq!(down.verdict, crate::probe::Verdict::Error);
        let dangling = judge_dns("x.test", &Ok(vec![a(60, RecordType::CNAME, "gone.")]), 3);
        assert_eq!(dangling.verdict, crate::probe::Verdict::Fail);
    }
}
