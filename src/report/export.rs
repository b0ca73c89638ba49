//! Export: render, seal and sign a report and write it to a file in one step.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::data::{EvidenceEntry, EvidenceKind, ProbeResult, ProbeVerdict, RetiredEntry, SignOff};
use super::seal::{self, Seal};
use super::sign::{
    Identity, SignRequest, TimestampAuthority, Verification, backend, verify_bytes,
    with_validation_data,
};
use super::{ReportData, ReportError, render};
use crate::plan::{assess_with, changes_since, plan_state};
use crate::probe::Verdict as ProbeVerdictIn;
use crate::probe::history;
use crate::store::{EvidenceKind as StoredKind, Store};

/// Where the consultant's keys are and who signs.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The data directory's `keys/` folder; keys are created here on first use.
    pub keys_dir: PathBuf,
    /// Sign with this identity instead of the consultant's own (e.g. an imported one).
    pub identity: Option<Identity>,
    /// Timestamp the signature with this RFC 3161 authority; without one the signing time
    /// is the signer's own clock.
    pub tsa: Option<TimestampAuthority>,
}

/// What an export produced.
#[derive(Debug, Clone)]
pub struct Exported {
    pub path: PathBuf,
    pub report_id: String,
    pub size: usize,
    pub verification: Verification,
    /// Why the file's long-term validation data lacks some revocation data (a CRL that
    /// could not be fetched); empty when nothing is missing.
    pub validation_problems: Vec<String>,
}

/// Renders `data`, embeds it with its seal, signs the file, appends the signature's
/// long-term validation data (a DSS; see `sign::with_validation_data`) and writes it to `out`.
pub fn export_data(
    mut data: ReportData,
    out: &Path,
    options: &ExportOptions,
) -> Result<Exported, ReportError> {
    let seal_key = seal::seal_key(&options.keys_dir)?;
    data.seal_key_fingerprint = Some(Seal::key_fingerprint(&seal_key.verifying_key()));
    data.timestamp_authority = options.tsa.as_ref().map(|tsa| tsa.url().to_string());
    let pdf = render(&data)?;
    let json = data.to_json()?;
    let sealed = seal::embed(&pdf, &json, &Seal::new(&json, &seal_key, &data.issued_by))?;
    let identity = match &options.identity {
        Some(identity) => identity.clone(),
        None => Identity::load_or_create(&options.keys_dir, &data.issued_by)?,
    };
    let request = SignRequest {
        field_name: "Consultant".into(),
        reason: format!("Issued go-live readiness report {}", data.report_id),
        location: None,
    };
    let signed = backend(options.tsa.as_ref()).sign(&sealed, &identity, &request)?;
    let with_data = with_validation_data(&signed)?;
    let signed = with_data.pdf;
    let verification = verify_bytes(&signed)?;
    let tmp = out.with_extension("pdf.part");
    std::fs::write(&tmp, &signed).map_err(|e| ReportError::io(&tmp, e))?;
    std::fs::rename(&tmp, out).map_err(|e| ReportError::io(out, e))?;
    Ok(Exported {
        path: out.to_path_buf(),
        report_id: data.report_id,
        size: signed.len(),
        verification,
        validation_problems: with_data.problems,
    })
}

/// The report data of a stored plan as of now.
pub fn gather(
    store: &Store,
    plan_id: i64,
    probes: Vec<ProbeResult>,
) -> Result<ReportData, ReportError> {
    let (plan, snapshot) = store.snapshot(plan_id, None)?;
    let template = store.template_of(&plan)?;
    let failing = store.failing_checks(plan_id, &template)?;
    let warnings = store.warning_checks(plan_id, &template)?;
    let readiness = assess_with(&snapshot, &failing, &warnings);
    let state = plan_state(&snapshot, &plan.template.version, &failing);
    let probes = if probes.is_empty() {
        recent_probes(store, plan_id)?
    } else {
        probes
    };
    let evidence = store
        .evidence(plan_id, None)?
        .into_iter()
        .filter(|e| e.is_live())
        .map(|e| {
            let (kind, text, file_name) = match e.kind {
                StoredKind::Note => (EvidenceKind::Note, e.body, None),
                StoredKind::Link => (EvidenceKind::Link, e.body, None),
                StoredKind::File => (EvidenceKind::File, e.body.clone(), Some(e.body)),
                StoredKind::Probe => (
                    EvidenceKind::Probe,
                    format!("{}: {}", e.title.unwrap_or_default(), e.body),
                    None,
                ),
            };
            EvidenceEntry {
                task_id: e.task_id,
                kind,
                text,
                file_name,
                sha256: e.sha256,
                created_at: DateTime::parse_from_rfc3339(&e.created_at)
                    .map(|t| t.with_timezone(&Utc))
                    .unwrap_or_default(),
                created_by: e.created_by,
            }
        })
        .collect();
    let generated_at = Utc::now();
    let runbook = Some(store.runbook(plan_id, generated_at)?).filter(|r| !r.steps.is_empty());
    Ok(ReportData {
        runbook,
        report_id: ReportData::make_id(&plan.name, generated_at),
        plan_name: plan.name.clone(),
        client: plan.client.clone(),
        launch: plan.settings.launch,
        template: plan.template.clone(),
        generated_at,
        issued_by: store.user_name()?,
        seal_key_fingerprint: None,
        timestamp_authority: None,
        snapshot,
        readiness,
        evidence,
        probes,
        signoffs: signoffs(store, plan_id)?,
        retired: store
            .retired_tasks(plan_id)?
            .into_iter()
            .map(|r| RetiredEntry {
                task_id: r.task.id,
                title: r.task.title,
                status: r.item.status,
                version: r.version,
                retired_at: r.retired_at,
            })
            .collect(),
        since_previous: None,
        plan_state: Some(state),
    })
}

/// The stakeholders with what changed since each one's decision.
fn signoffs(store: &Store, plan_id: i64) -> Result<Vec<SignOff>, ReportError> {
    let now = store.plan_state(plan_id)?;
    Ok(store
        .stakeholders(plan_id)?
        .iter()
        .map(|s| SignOff {
            changed_since: s
                .decision
                .as_ref()
                .and_then(|d| d.basis.as_ref())
                .map(|then| changes_since(then, &now)),
            ..SignOff::from(s)
        })
        .collect())
}

/// The results of the plan's three newest probe runs.
fn recent_probes(store: &Store, plan_id: i64) -> Result<Vec<ProbeResult>, ReportError> {
    let err = |e: crate::probe::history::HistoryError| match e {
        crate::probe::history::HistoryError::Store(e) => ReportError::Store(e),
        other => ReportError::Store(crate::store::StoreError::Corrupt(other.to_string())),
    };
    let mut out = Vec::new();
    for run in history::runs(store, plan_id)
        .map_err(err)?
        .into_iter()
        .take(3)
    {
        for r in history::results(store, plan_id, run.id).map_err(err)? {
            out.push(ProbeResult {
                check: r.check.as_str().to_string(),
                target: r.target,
                verdict: match r.verdict {
                    ProbeVerdictIn::Pass => ProbeVerdict::Pass,
                    ProbeVerdictIn::Warn => ProbeVerdict::Warn,
                    ProbeVerdictIn::Fail => ProbeVerdict::Fail,
                    ProbeVerdictIn::Error => ProbeVerdict::Error,
                },
                finding: r.finding,
                at: r.started_at,
            });
        }
    }
    Ok(out)
}

/// Exports a stored plan's report to `out` (with the three newest probe runs unless
/// `probes` is given), signed with the consultant's keys in the data
/// directory (created on first use).
pub fn export(
    store: &Store,
    plan_id: i64,
    out: &Path,
    probes: Vec<ProbeResult>,
) -> Result<Exported, ReportError> {
    let data = gather(store, plan_id, probes)?;
    let options = ExportOptions {
        keys_dir: keys_dir(store),
        identity: None,
        tsa: None,
    };
    export_data(data, out, &options)
}

/// The folder of the consultant's signing keys: `keys/` beside the database.
pub fn keys_dir(store: &Store) -> PathBuf {
    store.data_dir().join("keys")
}
