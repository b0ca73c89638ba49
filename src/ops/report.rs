//! The report: export a plan's signed PDF, verify a report file, countersign one, and use
//! an imported signing identity.
//!
//! Export reads the plan under the store's lock and renders, seals and signs after letting
//! go of it: rendering takes seconds, and nothing else should wait for it.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{Error, Workspace};
use crate::report::data::SincePrevious;
use crate::report::{self, ExportOptions, Exported, Identity, Verification};
use crate::store::Store;

/// The plan's previous report and every change the history recorded after it, worded as
/// the history words it (task id first when the change is a task's).
fn since_previous(store: &Store, plan_id: i64) -> Result<Option<SincePrevious>, Error> {
    let Some(since) = store.since_last_report(plan_id)? else {
        return Ok(None);
    };
    let changes = since
        .events
        .iter()
        .map(|e| match &e.task_id {
            Some(task) => format!("{task} {}", e.sentence()),
            None => e.sentence(),
        })
        .collect();
    Ok(Some(SincePrevious {
        report_id: since.report_id,
        issued_at: DateTime::parse_from_rfc3339(&since.issued_at)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default(),
        changes,
    }))
}

/// Where an export is, for a progress indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStage {
    /// Reading the plan from the database.
    Gathering,
    /// Laying out, sealing and signing the PDF.
    Rendering,
}

impl Workspace {
    /// Writes the plan's signed readiness report to `out`.
    pub fn export_report(
        &self,
        plan_id: i64,
        out: &Path,
        stage: &dyn Fn(ExportStage),
    ) -> Result<Exported, Error> {
        stage(ExportStage::Gathering);
        let (data, options) = {
            let store = self.store()?;
            let mut data = report::gather(&store, plan_id, Vec::new())?;
            data.since_previous = since_previous(&store, plan_id)?;
            let options = ExportOptions {
                keys_dir: report::keys_dir(&store),
                identity: None,
                tsa: super::settings::timestamp_authority(&store)?,
            };
            (data, options)
        };
        stage(ExportStage::Rendering);
        let exported = report::export_data(data, out, &options)?;
        // The next report lists what changed since this one.
        if let Some(sha) = &exported.verification.data_sha256 {
            self.store()?
                .record_report_issued(plan_id, &exported.report_id, sha)?;
        }
        Ok(exported)
    }

    /// Checks every signature of a report file and the seal of its embedded data.
    pub fn verify_report(path: &Path) -> Result<Verification, Error> {
        Ok(report::verify(path)?)
    }

    /// Adds a stakeholder's signature (PKCS#12 identity) to an exported report.
    pub fn countersign_report(
        file: &Path,
        p12: &Path,
        password: &str,
        reason: Option<&str>,
    ) -> Result<Verification, Error> {
        Ok(report::countersign(file, p12, password, reason)?)
    }

    /// [`Workspace::countersign_report`], the signature timestamped by the RFC 3161 authority
    /// at `tsa_url` when one is given (e.g. [`Workspace::timestamp_authority_url`]).
    pub fn countersign_report_timestamped(
        file: &Path,
        p12: &Path,
        password: &str,
        reason: Option<&str>,
        tsa_url: Option<&str>,
    ) -> Result<Verification, Error> {
        let tsa = tsa_url
            .filter(|url| !url.trim().is_empty())
            .map(report::TimestampAuthority::new)
            .transpose()?;
        Ok(report::countersign_with(
            file,
            p12,
            password,
            reason,
            tsa.as_ref(),
        )?)
    }

    /// Signs future reports with this PKCS#12 identity instead of the self-signed one;
    /// answers the identity's subject.
    pub fn import_signing_identity(&self, p12: &Path, password: &str) -> Result<String, Error> {
        let bytes = std::fs::read(p12).map_err(|e| report::ReportError::Io {
            path: p12.display().to_string(),
            source: e,
        })?;
        let identity = Identity::from_pkcs12(&bytes, password)?;
        identity.save(&report::keys_dir(&*self.store()?))?;
        Ok(identity.subject())
    }
}
