//! The second seal layer: PDF digital signatures (PAdES / `adbe.pkcs7.detached`) and their
//! verification, behind our own small interface because the Rust crates for this are young.
//!
//! [`PdfSignatureBackend`] is the seam; [`Underskrift`] is today's implementation (PAdES B-B)
//! and [`WithTimestamps`] adds RFC 3161 signature timestamps (B-T); [`with_validation_data`]
//! appends the long-term validation data (B-LT) after either. Keys and certificates are
//! in [`keys`]. Verification here checks integrity and cryptography, not
//! trust in a certificate authority (consultants' certificates are self-signed).

mod changes;
pub mod keys;
mod ltv;
mod pades;
mod timestamp;
mod verify;

use chrono::Utc;
use underskrift::SoftwareSigner;

pub use keys::Identity;
pub use ltv::ValidationData;
pub use timestamp::TimestampAuthority;
pub use verify::{SignatureCheck, Verification, verify, verify_bytes};

use super::ReportError;

/// What a signature says about itself.
#[derive(Debug, Clone)]
pub struct SignRequest {
    pub field_name: String,
    pub reason: String,
    pub location: Option<String>,
}

/// Signs PDF bytes as an incremental update that keeps earlier signatures valid.
pub trait PdfSignatureBackend {
    fn sign(
        &self,
        pdf: &[u8],
        identity: &Identity,
        request: &SignRequest,
    ) -> Result<Vec<u8>, ReportError>;
}

/// PAdES B-B signatures with RSA keys through the `underskrift` crate.
#[derive(Debug, Clone, Copy, Default)]
pub struct Underskrift;

impl PdfSignatureBackend for Underskrift {
    fn sign(
        &self,
        pdf: &[u8],
        identity: &Identity,
        request: &SignRequest,
    ) -> Result<Vec<u8>, ReportError> {
        let signer = SoftwareSigner::from_rsa_der(&identity.key_der, identity.chain.clone())
            .map_err(|e| ReportError::Key(e.to_string()))?;
        pades::sign(pdf, &signer, request, Utc::now().naive_utc(), None)
    }
}

/// PAdES B-T: as [`Underskrift`], and each signature timestamped by an RFC 3161 authority.
#[derive(Debug, Clone)]
pub struct WithTimestamps(pub TimestampAuthority);

impl PdfSignatureBackend for WithTimestamps {
    fn sign(
        &self,
        pdf: &[u8],
        identity: &Identity,
        request: &SignRequest,
    ) -> Result<Vec<u8>, ReportError> {
        let signer = SoftwareSigner::from_rsa_der(&identity.key_der, identity.chain.clone())
            .map_err(|e| ReportError::Key(e.to_string()))?;
        pades::sign(pdf, &signer, request, Utc::now().naive_utc(), Some(&self.0))
    }
}

/// The backend for an optional timestamp authority.
pub fn backend(tsa: Option<&TimestampAuthority>) -> Box<dyn PdfSignatureBackend> {
    match tsa {
        Some(tsa) => Box::new(WithTimestamps(tsa.clone())),
        None => Box::new(Underskrift),
    }
}

/// A signed file and what its validation data lacks.
#[derive(Debug, Clone)]
pub struct WithValidationData {
    pub pdf: Vec<u8>,
    /// Why some revocation data is missing (a CRL server that did not answer…): the file is
    /// still signed and valid, but cannot show later, offline, that a certificate was not
    /// revoked when it signed.
    pub problems: Vec<String>,
}

/// `pdf` with a DSS update holding the certificates of all its signatures and timestamps and
/// their issuers' CRLs (PAdES B-LT). A CRL that cannot be fetched is a problem in the
/// result, never an error.
pub fn with_validation_data(pdf: &[u8]) -> Result<WithValidationData, ReportError> {
    let added = ltv::add(pdf)?;
    Ok(WithValidationData {
        pdf: added.pdf,
        problems: added.problems,
    })
}

/// Adds a stakeholder's signature to an exported report, keeping the earlier ones valid.
pub fn countersign(
    file: &std::path::Path,
    p12: &std::path::Path,
    password: &str,
    reason: Option<&str>,
) -> Result<Verification, ReportError> {
    countersign_with(file, p12, password, reason, None)
}

/// [`countersign`], the signature timestamped by `tsa` when one is given.
pub fn countersign_with(
    file: &std::path::Path,
    p12: &std::path::Path,
    password: &str,
    reason: Option<&str>,
    tsa: Option<&TimestampAuthority>,
) -> Result<Verification, ReportError> {
    let pdf = std::fs::read(file).map_err(|e| ReportError::io(file, e))?;
    let p12_bytes = std::fs::read(p12).map_err(|e| ReportError::io(p12, e))?;
    let identity = Identity::from_pkcs12(&p12_bytes, password)?;
    let before = verify_bytes(&pdf)?;
    let request = SignRequest {
        field_name: format!("Countersignature{}", before.signatures.len() + 1),
        reason: reason.unwrap_or("Go-live sign-off").to_string(),
        location: None,
    };
    let signed = backend(tsa).sign(&pdf, &identity, &request)?;
    let signed = with_validation_data(&signed)?.pdf;
    let tmp = file.with_extension("pdf.part");
    std::fs::write(&tmp, &signed).map_err(|e| ReportError::io(&tmp, e))?;
    std::fs::rename(&tmp, file).map_err(|e| ReportError::io(file, e))?;
    verify_bytes(&signed)
}
