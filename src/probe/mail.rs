//! Mail DNS checks: SPF (one record, strict `all`, ≤ 10 look-ups), DMARC policy against the
//! launch date, DKIM selectors, MX.
//!
//! Parsing and judging are pure; [`spf_lookups`] follows `include:`/`redirect=` through
//! [`DnsClient`] to count look-ups the way receivers do.

use hickory_resolver::proto::rr::RecordType;

use super::Judgement;
use super::dns::{Answer, DnsClient, LookupError};

pub const SPF_MAX_LOOKUPS: usize = 10;

fn txt_values(result: &Result<Vec<Answer>, LookupError>) -> Vec<String> {
    match result {
        Ok(a) => a
            .iter()
            .filter(|r| r.kind == RecordType::TXT)
            .map(|r| r.value.clone())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The SPF records among TXT strings.
pub fn spf_records(txt: &[String]) -> Vec<String> {
    txt.iter()
        .filter(|t| {
            let l = t.trim().to_ascii_lowercase();
            l == "v=spf1" || l.starts_with("v=spf1 ")
        })
        .cloned()
        .collect()
}

/// The look-up terms of one SPF record: its own count and the domains it pulls in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SpfTerms {
    pub lookups: usize,
    pub includes: Vec<String>,
    pub all: Option<String>,
}

pub fn spf_terms(record: &str) -> SpfTerms {
    let mut t = SpfTerms::default();
    for term in record.split_whitespace().skip(1) {
        let lower = term.to_ascii_lowercase();
        let bare = lower.trim_start_matches(['+', '-', '~', '?']);
        let name = bare.split([':', '/', '=']).next().unwrap_or("");
        match name {
            "include" | "redirect" => {
                t.lookups += 1;
                if let Some((_, d)) = term.split_once([':', '=']) {
                    t.includes.push(d.to_string());
                }
            }
            "a" | "mx" | "ptr" | "exists" => t.lookups += 1,
            "all" => t.all = Some(lower.clone()),
            _ => {}
        }
    }
    t
}

/// Counts DNS look-ups of an SPF record, following includes (depth-limited).
pub async fn spf_lookups(dns: &DnsClient, record: &str) -> Result<usize, String> {
    let mut total = 0;
    let mut queue: Vec<(String, usize)> = vec![(record.to_string(), 0)];
    while let Some((rec, depth)) = queue.pop() {
        let terms = spf_terms(&rec);
        total += terms.lookups;
        if total > SPF_MAX_LOOKUPS || depth >= 10 {
            break;
        }
        for domain in terms.includes {
            match dns.lookup(&domain, RecordType::TXT).await {
                Ok(a) => {
                    let txt: Vec<String> = a.into_iter().map(|r| r.value).collect();
                    if let Some(inner) = spf_records(&txt).first() {
                        queue.push((inner.clone(), depth + 1));
                    }
                }
                Err(LookupError::NoRecords) => {}
                Err(LookupError::Failed(e)) => return Err(format!("cannot follow {domain}: {e}")),
            }
        }
    }
    Ok(total)
}

/// P exactly one `v=spf1` ending `~all`/`-all` with at most 10 look-ups.
pub fn judge_spf(domain: &str, records: &[String], lookups: usize) -> Judgement {
    let j = match records {
        [] => Judgement::fail(format!("{domain} has no SPF record (v=spf1)")),
        [one] => {
            let all = spf_terms(one).all;
            let ends = one
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_ascii_lowercase();
            if ends != "~all" && ends != "-all" {
                Judgement::fail(format!(
                    "SPF of {domain} does not end with ~all or -all (found {:?})",
                    all.unwrap_or_else(|| "no all".into())
                ))
            } else if lookups > SPF_MAX_LOOKUPS {
                Judgement::fail(format!(
                    "SPF of {domain} needs {lookups} DNS look-ups; receivers stop at {SPF_MAX_LOOKUPS}"
                ))
            } else {
                Judgement::pass(format!(
                    "SPF of {domain} ends {ends} with {lookups} look-up(s)"
                ))
            }
        }
        many => Judgement::fail(format!(
            "{domain} has {} SPF records; merge them into one",
            many.len()
        )),
    };
    j.with("records", records.to_vec()).with("lookups", lookups)
}

/// The `p=` of a DMARC record.
pub fn dmarc_policy(txt: &[String]) -> Option<String> {
    let rec = txt
        .iter()
        .find(|t| t.trim().to_ascii_lowercase().starts_with("v=dmarc1"))?;
    rec.split(';')
        .find_map(|tag| {
            let (k, v) = tag.split_once('=')?;
            (k.trim().eq_ignore_ascii_case("p")).then(|| v.trim().to_ascii_lowercase())
        })
        .or(Some(String::new()))
}

/// P quarantine/reject; W none before launch; F none or missing at launch.
pub fn judge_dmarc(domain: &str, policy: Option<&str>, launch_day_reached: bool) -> Judgement {
    let j = match policy {
        Some("quarantine") | Some("reject") => Judgement::pass(format!(
            "DMARC of {domain} enforces p={}",
            policy.unwrap_or("")
        )),
        Some("none") if !launch_day_reached => Judgement::warn(format!(
            "DMARC of {domain} is p=none (monitoring only); tighten to quarantine or reject before launch"
        )),
        Some("none") => Judgement::fail(format!(
            "DMARC of {domain} is still p=none at launch; set quarantine or reject"
        )),
        Some(other) => Judgement::fail(format!(
            "DMARC record of _dmarc.{domain} has no valid policy (p={other:?})"
        )),
        None => Judgement::fail(format!("{domain} has no DMARC record at _dmarc.{domain}")),
    };
    j.with("policy", policy.map(str::to_string))
}

/// P when every selector has a DKIM key record.
pub fn judge_dkim(domain: &str, found: &[(String, bool)]) -> Judgement {
    let missing: Vec<&str> = found
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(s, _)| s.as_str())
        .collect();
    let names: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    let j = if missing.is_empty() {
        Judgement::pass(format!(
            "DKIM key(s) published for selector(s) {}",
            names.join(", ")
        ))
    } else {
        Judgement::fail(format!(
            "no DKIM key at {}",
            missing
                .iter()
                .map(|s| format!("{s}._domainkey.{domain}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    j.with("selectors", names).with("missing", missing)
}

/// True when a TXT value is a DKIM key record.
pub fn is_dkim_key(txt: &str) -> bool {
    let l = txt.to_ascii_lowercase();
    l.starts_with("v=dkim1") || l.split(';').any(|t| t.trim().starts_with("p="))
}

/// P at least one usable MX; F none; W a null MX (the domain refuses mail).
pub fn judge_mx(domain: &str, result: &Result<Vec<Answer>, LookupError>) -> Judgement {
    match result {
        Err(LookupError::Failed(e)) => {
            Judgement::error(format!("could not look up MX of {domain}: {e}"))
        }
        Err(LookupError::NoRecords) => Judgement::fail(format!(
            "{domain} has no MX record; it cannot receive mail (bounces, DMARC reports)"
        )),
        Ok(a) => {
            let mut mx: Vec<(u16, String)> = a
                .iter()
                .filter(|r| r.kind == RecordType::MX)
                .map(|r| (r.preference, r.value.clone()))
                .collect();
            mx.sort();
            let hosts: Vec<String> = mx.iter().map(|(p, h)| format!("{p} {h}")).collect();
            let j = if mx.iter().all(|(_, h)| h == ".") {
                Judgement::warn(format!("{domain} publishes a null MX: it accepts no mail"))
            } else {
                Judgement::pass(format!("{domain} receives mail via {}", hosts.join(", ")))
            };
            j.with("mx", hosts)
        }
    }
}

/// Runs the TXT look-up for SPF/DMARC and tells apart "none" from "could not ask".
pub async fn txt(dns: &DnsClient, name: &str) -> Result<Vec<String>, String> {
    let r = dns.lookup(name, RecordType::TXT).await;
    match &r {
        Err(LookupError::Failed(e)) => Err(e.clone()),
        _ => Ok(txt_values(&r)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::Verdict;

    #[test]
    fn spf_rules() {
        let one = ["v=spf1 include:_spf.mail.test mx -all".to_string()];
        let recs = spf_records(&[one[0].clone(), "google-site-verification=x".into()]);
        assert_eq!(recs.len(), 1);
        assert_eq!(spf_terms(&recs[0]).lookups, 2);
        assert_eq!(judge_spf("d", &recs, 2).verdict, Verdict::Pass);
        assert_eq!(judge_spf("d", &recs, 11).verdict, Verdict::Fail);
        let soft = vec!["v=spf1 a ?all".to_string()];
        assert_eq!(judge_spf("d", &soft, 1).verdict, Verdict::Fail);
        let two = vec!["v=spf1 -all".to_string(), "v=spf1 ~all".to_string()];
        assert!(judge_spf("d", &two, 0).finding.contains("2 SPF records"));
        assert_eq!(judge_spf("d", &[], 0).verdict, Verdict::Fail);
    }

    #[test]
    fn dmarc_none_is_a_warning_before_launch_and_a_fail_at_launch() {
        let none = dmarc_policy(&["v=DMARC1; p=none; rua=mailto:x@d".into()]);
        assert_eq!(none.as_deref(), Some("none"));
        assert_eq!(
            judge_dmarc("d", none.as_deref(), false).verdict,
            Verdict::Warn
        );
        assert_eq!(
            judge_dmarc("d", none.as_deref(), true).verdict,
            Verdict::Fail
        );
        let reject = dmarc_policy(&["v=DMARC1;p=reject".into()]);
        assert_eq!(
            judge_dmarc("d", reject.as_deref(), true).verdict,
            Verdict::Pass
        );
        assert_eq!(judge_dmarc("d", None, false).verdict, Verdict::Fail);
        assert_eq!(dmarc_policy(&["v=spf1 -all".into()]), None);
    }

    #[test]
    fn dkim_and_mx() {
        assert!(is_dkim_key("v=DKIM1; k=rsa; p=MIIB"));
        assert!(!is_dkim_key("v=spf1 -all"));
        let j = judge_dkim("d.test", &[("s1".into(), true), ("s2".into(), false)]);
        assert_eq!(j.verdict, Verdict::Fail);
        assert!(j.finding.contains("s2._domainkey.d.test"));
        assert_eq!(
            judge_mx("d", &Err(LookupError::NoRecords)).verdict,
            Verdict::Fail
        );
    }
}
