//! The Report view's shapes: stakeholders with their decisions, an export's outcome and a
//! verification of a PDF (every signature, and the seal of the embedded data).

use chrono::NaiveDate;
use golive::report::{SignOff, SignatureCheck, Verification};
use serde::Serialize;
use ts_rs::TS;

/// A stakeholder and, once given, their decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StakeholderDto {
    pub name: String,
    pub role: String,
    pub email: Option<String>,
    /// `go`, `go-with-conditions`, `no-go`; `null` while undecided.
    pub decision: Option<String>,
    pub decision_label: Option<String>,
    pub conditions: Option<String>,
    pub decided_on: Option<NaiveDate>,
    /// SHA-256 of the recorded decision, as printed on the sign-off form.
    pub fingerprint: Option<String>,
}

impl From<&SignOff> for StakeholderDto {
    fn from(s: &SignOff) -> Self {
        StakeholderDto {
            name: s.name.clone(),
            role: s.role.clone(),
            email: s.email.clone(),
            decision: s.decision.map(|d| d.key().into()),
            decision_label: s.decision.map(|d| d.label().into()),
            conditions: s.conditions.clone(),
            decided_on: s.decided_on,
            fingerprint: s.fingerprint(),
        }
    }
}

/// One PDF signature as checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignatureDto {
    pub signer: String,
    /// Signing time as the signature states it.
    pub time: Option<String>,
    pub valid: bool,
    pub covers_whole_document: bool,
    pub problems: Vec<String>,
}

impl From<&SignatureCheck> for SignatureDto {
    fn from(c: &SignatureCheck) -> Self {
        SignatureDto {
            signer: c.signer.clone(),
            time: c.time.clone(),
            valid: c.valid,
            covers_whole_document: c.covers_whole_document,
            problems: c.problems.clone(),
        }
    }
}

/// What Verify found in a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VerificationDto {
    pub path: String,
    /// Every signature valid and covering the whole file, and the seal matching.
    pub ok: bool,
    pub signatures: Vec<SignatureDto>,
    /// `null` when the file carries no sealed data.
    pub seal_valid: Option<bool>,
    pub seal_problem: Option<String>,
    pub sealed_by: Option<String>,
}

impl VerificationDto {
    pub fn new(path: &std::path::Path, v: &Verification) -> VerificationDto {
        VerificationDto {
            path: path.display().to_string(),
            ok: v.is_ok(),
            signatures: v.signatures.iter().map(SignatureDto::from).collect(),
            seal_valid: v.seal_valid,
            seal_problem: v.seal_problem.clone(),
            sealed_by: v.sealed_by.clone(),
        }
    }
}

/// What Export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportedDto {
    pub path: String,
    pub report_id: String,
    #[ts(type = "number")]
    pub size: u64,
    pub verification: VerificationDto,
}
