//! The mail-domain checks of a run (SPF, DMARC, DKIM, MX): the lookups each needs and the
//! judge it feeds. Kept apart from the web and TLS checks in [`super`]; no judging here.

use hickory_resolver::proto::rr::RecordType;

use super::Ctx;
use crate::probe::{CheckId, Judgement, mail};

impl Ctx {
    pub(super) async fn mail_check(&self, check: CheckId, domain: &str) -> Judgement {
        match check {
            CheckId::Spf => match mail::txt(&self.dns, domain).await {
                Ok(txt) => {
                    let records = mail::spf_records(&txt);
                    let lookups = match records.first() {
                        Some(r) if records.len() == 1 => {
                            match mail::spf_lookups(&self.dns, r).await {
                                Ok(n) => n,
                                Err(e) => return Judgement::error(format!("SPF of {domain}: {e}")),
                            }
                        }
                        _ => 0,
                    };
                    mail::judge_spf(domain, &records, lookups)
                }
                Err(e) => Judgement::error(format!("could not look up TXT of {domain}: {e}")),
            },
            CheckId::Dmarc => match mail::txt(&self.dns, &format!("_dmarc.{domain}")).await {
                Ok(txt) => mail::judge_dmarc(
                    domain,
                    mail::dmarc_policy(&txt).as_deref(),
                    self.launch_day_reached(),
                ),
                Err(e) => Judgement::error(format!("could not look up _dmarc.{domain}: {e}")),
            },
            CheckId::Dkim => {
                let mut found = Vec::new();
                for sel in &self.endpoints.dkim_selectors {
                    match mail::txt(&self.dns, &format!("{sel}._domainkey.{domain}")).await {
                        Ok(txt) => {
                            found.push((sel.clone(), txt.iter().any(|t| mail::is_dkim_key(t))))
                        }
                        Err(e) => {
                            return Judgement::error(format!(
                                "could not look up DKIM selector {sel}: {e}"
                            ));
                        }
                    }
                }
                mail::judge_dkim(domain, &found)
            }
            CheckId::Mx => {
                let r = self.dns.lookup(domain, RecordType::MX).await;
                mail::judge_mx(domain, &r)
            }
            _ => Judgement::error("this check does not apply to a mail domain"),
        }
    }
}
