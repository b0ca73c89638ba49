//! RFC 3161 signature timestamps (PAdES B-T): asks a timestamp authority to sign the hash of
//! a signature's value and stores its token as the signature's unsigned attribute, so the
//! signing time is the authority's, not the signer's clock; and reads that time back.
//!
//! Not for document timestamps (a `/DocTimeStamp` of its own) nor for trusting the authority:
//! like the signatures, the result names the authority for the reader to recognise.

use std::time::Duration;

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::asn1::SetOfVec;
use der::{Any, Decode, Encode};
use sha2::{Digest, Sha256};
use underskrift::tsp::TsaClient;
use x509_cert::attr::Attribute;

use crate::report::ReportError;

/// id-aa-signatureTimeStampToken (RFC 3161 appendix A).
const SIGNATURE_TIME_STAMP_TOKEN: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// How long one request to the authority may take before signing fails.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A timestamp authority, by the URL it answers RFC 3161 requests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampAuthority {
    url: String,
}

impl TimestampAuthority {
    /// An authority at an `http` or `https` URL.
    pub fn new(url: &str) -> Result<TimestampAuthority, ReportError> {
        let url = url.trim();
        match url::Url::parse(url) {
            Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {
                Ok(TimestampAuthority { url: url.into() })
            }
            _ => Err(ReportError::TimestampUrl(url.to_string())),
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// The authority's token over `data_hash` (SHA-256), checked against the request: the
    /// imprint and the nonce.
    fn token(&self, data_hash: Vec<u8>) -> Result<Vec<u8>, ReportError> {
        let client = TsaClient::new(&self.url).timeout(TIMEOUT);
        let fail = |e: &dyn std::fmt::Display| {
            ReportError::Timestamp(format!(
                "the timestamp authority {} did not give a timestamp ({e}); check the URL \
                 and the network, or clear the setting to sign without one",
                self.url
            ))
        };
        // A runtime of its own on a thread of its own: signing is synchronous and may be
        // called from inside another runtime (the desktop shell's), where blocking on a
        // nested one would panic.
        std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .map_err(|e| fail(&e))?;
                    runtime
                        .block_on(client.timestamp(&data_hash))
                        .map_err(|e| fail(&e))
                })
                .join()
                .map_err(|_| fail(&"the request thread stopped"))?
        })
    }

    /// `cms` (a DER ContentInfo with one SignerInfo) with the authority's timestamp of its
    /// signature value added as an unsigned attribute.
    pub(super) fn stamp(&self, cms: &[u8]) -> Result<Vec<u8>, ReportError> {
        let bad = |e: der::Error| ReportError::Sign(format!("cannot add the timestamp: {e}"));
        let info = ContentInfo::from_der(cms).map_err(bad)?;
        let mut signed: SignedData = info.content.decode_as().map_err(bad)?;
        let mut signers: Vec<_> = signed.signer_infos.0.into_vec();
        let signer = signers
            .first_mut()
            .ok_or_else(|| ReportError::Sign("the signature has no signer".into()))?;
        let token = self.token(Sha256::digest(signer.signature.as_bytes()).to_vec())?;
        let mut values = SetOfVec::new();
        values
            .insert(Any::from_der(&token).map_err(bad)?)
            .map_err(bad)?;
        let mut unsigned = signer.unsigned_attrs.take().unwrap_or_default();
        unsigned
            .insert(Attribute {
                oid: SIGNATURE_TIME_STAMP_TOKEN,
                values,
            })
            .map_err(bad)?;
        signer.unsigned_attrs = Some(unsigned);
        signed.signer_infos.0 = SetOfVec::try_from(signers).map_err(bad)?;
        let content = Any::encode_from(&signed).map_err(bad)?;
        ContentInfo {
            content_type: info.content_type,
            content,
        }
        .to_der()
        .map_err(bad)
    }
}

/// The signature value of the first signer of a CMS ContentInfo (what a signature
/// timestamp's imprint is computed over).
fn signature_value(cms: &[u8]) -> Option<Vec<u8>> {
    let info = ContentInfo::from_der(cms).ok()?;
    let signed: SignedData = info.content.decode_as().ok()?;
    let signer = signed.signer_infos.0.iter().next()?;
    Some(signer.signature.as_bytes().to_vec())
}

/// A signature timestamp as read back: when, by whom, and whether it holds.
#[derive(Debug, Clone)]
pub(super) struct Stamp {
    pub time: String,
    pub authority: Option<String>,
    pub problems: Vec<String>,
}

/// Checks a signature's timestamp token against the signature value it stamps: the
/// authority's own signature, its timeStamping certificate, and the imprint. Trust in the
/// authority is not judged.
pub(super) fn check(token: &[u8], cms: &[u8]) -> Stamp {
    let failed = |problem: String| Stamp {
        time: String::new(),
        authority: None,
        problems: vec![problem],
    };
    let Some(value) = signature_value(cms) else {
        return failed("the signature's timestamp cannot be matched to it".into());
    };
    let imprint = Sha256::digest(&value).to_vec();
    match tsp_ltv::tsp::token::verify_timestamp_token(
        token,
        &imprint,
        tsp_ltv::crypto::algorithm::DigestAlgorithm::Sha256,
        None,
        None,
        None,
        &[],
    ) {
        Ok(info) => {
            let time = tsp_ltv::der_utils::parse_generalized_time(&info.gen_time_der)
                .map(|t| t.to_rfc3339())
                .unwrap_or_default();
            Stamp {
                time,
                authority: authority_name(token),
                problems: Vec::new(),
            }
        }
        Err(e) => failed(format!("the signature timestamp does not hold: {e}")),
    }
}

/// The subject of the certificate that signed a timestamp token.
fn authority_name(token: &[u8]) -> Option<String> {
    use cms::cert::CertificateChoices;
    use cms::signed_data::SignerIdentifier;
    let info = ContentInfo::from_der(token).ok()?;
    let signed: SignedData = info.content.decode_as().ok()?;
    let signer = signed.signer_infos.0.iter().next()?;
    let certificates = signed.certificates?;
    certificates.0.iter().find_map(|choice| {
        let CertificateChoices::Certificate(cert) = choice else {
            return None;
        };
        let tbs = &cert.tbs_certificate;
        let matches = match &signer.sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => {
                id.issuer == tbs.issuer && id.serial_number == tbs.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(_) => true,
        };
        matches.then(|| tbs.subject.to_string())
    })
}
