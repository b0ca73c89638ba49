//! Checks a report file: every PDF signature (integrity of its byte range, its CMS
//! signature, and what later incremental updates changed — see `changes`) and the embedded
//! data against its Ed25519 seal.
//!
//! Trust is not judged here: consultants' certificates are self-signed, so the result names
//! each signer and its certificate fingerprint for the reader to recognise.

use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};
use underskrift::DigestAlgorithm;
use underskrift::verify::cms_verify::verify_cms;
use underskrift::verify::extractor::extract_signatures;
use underskrift::verify::integrity::verify_byte_range;

use super::super::ReportError;
use super::super::seal;
use super::changes;
use super::ltv::{self, ValidationData};
use super::timestamp;

/// One signature of the file.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureCheck {
    pub field: String,
    /// The signer certificate's subject.
    pub signer: String,
    /// SHA-256 of the signer certificate.
    pub certificate_sha256: String,
    /// The signing time the signature claims (CMS signingTime, else the PDF /M entry): the
    /// signer's own clock.
    pub time: Option<String>,
    /// The time a timestamp authority vouches for (RFC 3161 signature timestamp), if the
    /// signature carries one.
    pub timestamp: Option<String>,
    /// Who issued that timestamp (the authority certificate's subject).
    pub timestamp_authority: Option<String>,
    /// The signed bytes are unchanged, the signature over them is correct, and nothing was
    /// changed after it but further signatures (and validation data).
    pub valid: bool,
    /// The signature covers the whole file: only the latest signature can, and only while no
    /// validation data (DSS update) follows it, which exported reports always have.
    pub covers_whole_document: bool,
    pub problems: Vec<String>,
}

/// The result of checking a report file.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub signatures: Vec<SignatureCheck>,
    /// Signature fields an earlier revision of the file has and the final one lacks. pyHanko
    /// and `pdfsig` no longer see such a signature (the earlier ones stay valid for them); we
    /// refuse the file, since a stakeholder's decision has disappeared.
    pub removed_signatures: Vec<String>,
    /// The embedded data matches its seal; `None` when the file carries no seal.
    pub seal_valid: Option<bool>,
    pub seal_problem: Option<String>,
    /// The consultant who sealed the data, and the seal key's fingerprint.
    pub sealed_by: Option<String>,
    pub seal_key_sha256: Option<String>,
    pub data_sha256: Option<String>,
    /// The long-term validation data of the file's DSS (PAdES B-LT); `None` when it has none.
    pub validation_data: Option<ValidationData>,
}

impl Verification {
    /// Everything checks out: a seal that matches, at least one signature, all valid (which
    /// includes that nothing but signatures and validation data was added after each), and
    /// no signature removed.
    pub fn is_ok(&self) -> bool {
        self.seal_valid == Some(true)
            && !self.signatures.is_empty()
            && self.signatures.iter().all(|s| s.valid)
            && self.removed_signatures.is_empty()
    }

    /// The first thing wrong, as an error the UI and the CLI can show.
    pub fn into_result(self) -> Result<Verification, ReportError> {
        if self.seal_valid.is_none() {
            return Err(ReportError::NotSealed);
        }
        if let Some(problem) = &self.seal_problem {
            return Err(ReportError::Tampered(problem.clone()));
        }
        if self.signatures.is_empty() {
            return Err(ReportError::Tampered(
                "the file has no digital signature".into(),
            ));
        }
        if let Some(bad) = self.signatures.iter().find(|s| !s.valid) {
            return Err(ReportError::Tampered(format!(
                "signature {} by {} is not valid: {}",
                bad.field,
                bad.signer,
                bad.problems.join("; ")
            )));
        }
        if let Some(field) = self.removed_signatures.first() {
            return Err(ReportError::Tampered(format!(
                "signature {field} was removed in a later revision of the file"
            )));
        }
        Ok(self)
    }
}

/// The extractor finds the signature's end by dropping the zeros that pad `/Contents`, which
/// also drops zeros the DER itself ends with (one signature in 256 or so, whose last byte is
/// 0); the DER header says how long it really is, and what was dropped were zeros.
pub(super) fn restore_trailing_zeros(mut der: Vec<u8>) -> Vec<u8> {
    // A bound, so a corrupt header cannot ask for an absurd allocation.
    if let Some(len) = declared_len(&der).filter(|&len| len > der.len() && len <= 1 << 20) {
        der.resize(len, 0);
    }
    der
}

/// The length the DER's outer header declares, header included.
fn declared_len(der: &[u8]) -> Option<usize> {
    use der::{Decode, Encode};
    let header = der::Header::decode(&mut der::SliceReader::new(der).ok()?).ok()?;
    usize::try_from((header.encoded_len().ok()? + header.length).ok()?).ok()
}

fn check_signatures(
    pdf: &[u8],
    revisions: &[changes::Revision],
) -> Result<Vec<SignatureCheck>, ReportError> {
    let extracted = extract_signatures(pdf).map_err(|e| ReportError::Pdf(e.to_string()))?;
    let mut checks = Vec::new();
    for mut sig in extracted {
        let range_end = sig.byte_range[2].saturating_add(sig.byte_range[3]);
        // What the updates after this signature's revision changed beyond signing.
        let later_change = match changes::revision_of(revisions, pdf, range_end) {
            Some(revision) => changes::changes_since(revisions, revision)
                .map(|problem| format!("modified after signing: {problem}")),
            None => {
                Some("its signed range does not end where a revision of the file ends".to_string())
            }
        };
        sig.cms_bytes = restore_trailing_zeros(sig.cms_bytes);
        let integrity = verify_byte_range(pdf, &sig.byte_range, DigestAlgorithm::Sha256);
        let mut problems = integrity.issues.clone();
        let mut stamp = None;
        let (valid, signer, cert_sha, time) = match verify_cms(&sig.cms_bytes, &integrity.data_hash)
        {
            Ok(cms) => {
                if let Some(token) = &cms.signature_timestamp_token {
                    let checked = timestamp::check(token, &sig.cms_bytes);
                    problems.extend(checked.problems.iter().cloned());
                    stamp = Some(checked);
                }
                if !cms.digest_matches {
                    problems.push("digest mismatch: the signed content was changed".into());
                }
                if !cms.signature_valid {
                    problems.push("the cryptographic signature does not verify".into());
                }
                let (signer, cert_sha) = cms
                    .signer_certificate
                    .as_ref()
                    .map(|c| {
                        let der = der::Encode::to_der(c).unwrap_or_default();
                        (
                            c.tbs_certificate.subject.to_string(),
                            hex::encode(Sha256::digest(der)),
                        )
                    })
                    .unwrap_or_default();
                let time = cms
                    .cms_signing_time
                    .or(cms.cms_signing_time_unsigned)
                    .map(|t| t.to_rfc3339())
                    .or_else(|| sig.signing_time.as_deref().map(pdf_date));
                (
                    cms.signature_valid && cms.digest_matches,
                    signer,
                    cert_sha,
                    time,
                )
            }
            Err(e) => {
                problems.push(format!("unreadable signature: {e}"));
                (
                    false,
                    sig.signer_name.clone().unwrap_or_default(),
                    String::new(),
                    sig.signing_time.as_deref().map(pdf_date),
                )
            }
        };
        // Only the latest signature can reach the end of the file; earlier ones end where the
        // next incremental update starts.
        let range_ok = sig.byte_range[0] == 0 && range_end <= pdf.len();
        let unchanged = later_change.is_none();
        let stamp_ok = stamp.as_ref().is_none_or(|s| s.problems.is_empty());
        problems.extend(later_change);
        checks.push(SignatureCheck {
            field: sig.field_name,
            signer,
            certificate_sha256: cert_sha,
            time,
            valid: valid && range_ok && unchanged && stamp_ok,
            timestamp: stamp
                .as_ref()
                .filter(|s| !s.time.is_empty())
                .map(|s| s.time.clone()),
            timestamp_authority: stamp.and_then(|s| s.authority),
            covers_whole_document: integrity.covers_whole_file,
            problems: problems
                .into_iter()
                .filter(|p| {
                    !p.contains("does not extend to end of file") && !p.contains("end of file")
                })
                .collect(),
        });
    }
    Ok(checks)
}

/// Checks report bytes; mismatches are reported in the result, not as errors.
pub fn verify_bytes(pdf: &[u8]) -> Result<Verification, ReportError> {
    // Said in words before any parser's message about CMS or headers reaches the user.
    let head = &pdf[..pdf.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ReportError::Pdf("it has no PDF header".into()));
    }
    let revisions = changes::revisions(pdf);
    let signatures = check_signatures(pdf, &revisions)?;
    let mut out = Verification {
        signatures,
        removed_signatures: changes::removed_signatures(&revisions),
        seal_valid: None,
        seal_problem: None,
        sealed_by: None,
        seal_key_sha256: None,
        data_sha256: None,
        validation_data: revisions.last().and_then(|r| ltv::read(r.doc())),
    };
    match seal::extract(pdf) {
        Ok(Some(embedded)) => {
            out.sealed_by = Some(embedded.seal.signed_by.clone());
            out.seal_key_sha256 = hex::decode(&embedded.seal.public_key)
                .ok()
                .map(|k| hex::encode(Sha256::digest(k)));
            out.data_sha256 = Some(hex::encode(Sha256::digest(&embedded.json)));
            match embedded.seal.check(&embedded.json) {
                Ok(()) => out.seal_valid = Some(true),
                Err(e) => {
                    out.seal_valid = Some(false);
                    out.seal_problem = Some(e.to_string());
                }
            }
        }
        Ok(None) => {}
        Err(e) => {
            out.seal_valid = Some(false);
            out.seal_problem = Some(e.to_string());
        }
    }
    Ok(out)
}

/// Checks a report file; see [`Verification::into_result`] for a pass/fail answer.
pub fn verify(path: &Path) -> Result<Verification, ReportError> {
    let pdf = std::fs::read(path).map_err(|e| ReportError::io(path, e))?;
    verify_bytes(&pdf)
}

#[cfg(test)]
mod tests {
    use super::restore_trailing_zeros;

    /// Regression: a clean-clone `make test` failed with "ASN.1 DER message is incomplete:
    /// expected 1544, actual 1543" when a signature happened to end with a zero byte.
    /// Regression: a text file picked as the report a decision was made on was refused with
    /// "CMS verification failed: failed to parse PDF: … invalid file header".
    #[test]
    fn a_file_that_is_no_pdf_is_called_that() {
        let e = super::verify_bytes(b"Name,Status\nGEN-01,done\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "this file is not a readable PDF (it has no PDF header); pick the report file \
             exported by GoLive Planner"
        );
    }

    #[test]
    fn zeros_the_der_ends_with_come_back() {
        let short = vec![0x30, 0x03, 0x02, 0x01, 0x00];
        assert_eq!(restore_trailing_zeros(short[..4].to_vec()), short);
        let mut long = vec![0x30, 0x82, 0x01, 0x00];
        long.extend(std::iter::repeat_n(0x11, 254));
        long.extend([0x00, 0x00]);
        assert_eq!(restore_trailing_zeros(long[..258].to_vec()), long);
    }

    #[test]
    fn complete_or_unreadable_ders_are_left_as_they_are() {
        let whole = vec![0x30, 0x02, 0x05, 0x00];
        assert_eq!(restore_trailing_zeros(whole.clone()), whole);
        assert_eq!(restore_trailing_zeros(vec![0x30]), vec![0x30]);
        let absurd = vec![0x30, 0x84, 0xff, 0xff, 0xff, 0xff];
        assert_eq!(restore_trailing_zeros(absurd.clone()), absurd);
    }
}

/// A PDF date (`D:20261201085747+00'00'`, ISO 32000 7.9.4) in RFC 3339, as the CMS signing
/// time is given; text that is not one is kept as it is.
fn pdf_date(text: &str) -> String {
    let digits = text.strip_prefix("D:").unwrap_or(text);
    let (stamp, zone) = digits.split_at(digits.len().min(14));
    let Ok(local) = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d%H%M%S") else {
        return text.to_string();
    };
    let zone = zone.replace('\'', "");
    let offset = match zone.as_str() {
        "" | "Z" => Some(0),
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let hours: i32 = z.get(1..3).and_then(|h| h.parse().ok()).unwrap_or(0);
            let minutes: i32 = z.get(3..5).and_then(|m| m.parse().ok()).unwrap_or(0);
            Some(sign * (hours * 3600 + minutes * 60))
        }
    };
    offset
        .and_then(chrono::FixedOffset::east_opt)
        .and_then(|o| local.and_local_timezone(o).single())
        .map_or_else(|| text.to_string(), |t| t.to_rfc3339())
}

#[cfg(test)]
mod pdf_dates {
    use super::pdf_date;

    #[test]
    fn pdf_dates_read_as_rfc3339() {
        assert_eq!(
            pdf_date("D:20261201085747+00'00'"),
            "2026-12-01T08:57:47+00:00"
        );
        assert_eq!(
            pdf_date("D:20261201085747+01'30'"),
            "2026-12-01T08:57:47+01:30"
        );
        assert_eq!(pdf_date("D:20261201085747Z"), "2026-12-01T08:57:47+00:00");
        assert_eq!(pdf_date("yesterday"), "yesterday");
    }
}
