//! Correcting evidence: edit a note's text or a link's address and title, or retract any
//! item with a reason. Not for adding evidence ([`super::evidence`]).
//!
//! Nothing is deleted: an edit keeps the row and logs the old text beside the new one, a
//! retraction keeps the row with who took it back, when and why. A retracted item counts for
//! nothing — not in the verdict, not in the report — and cannot be edited or retracted again.

use rusqlite::{OptionalExtension, Transaction, params};

use super::evidence::{EvidenceRow, check_note, check_url, link_title, summary_of};
use super::{Actor, Change, EventKind, Evidence, EvidenceKind, NewEvidence, Store, StoreError};

/// The longest reason a retraction keeps.
const MAX_REASON_CHARS: usize = 500;

fn load(tx: &Transaction<'_>, plan_id: i64, evidence_id: i64) -> Result<Evidence, StoreError> {
    tx.query_row(
        "SELECT id, gid, task_id, kind, body, title, sha256, size, created_at, created_by,
                edited_at, edited_by, retracted_at, retracted_by, retract_reason
         FROM evidence WHERE plan_id = ?1 AND id = ?2",
        params![plan_id, evidence_id],
        EvidenceRow::read,
    )
    .optional()?
    .ok_or_else(|| {
        StoreError::InvalidInput(format!(
            "this plan has no evidence #{evidence_id}; `golive evidence list PLAN TASK` shows \
             each item's number"
        ))
    })?
    .into_evidence()
}

fn refuse_retracted(e: &Evidence) -> Result<(), StoreError> {
    match &e.retracted {
        Some(r) => Err(StoreError::InvalidInput(format!(
            "evidence #{} was retracted by {} ({}); add new evidence instead",
            e.id, r.by, r.reason
        ))),
        None => Ok(()),
    }
}

/// How a link reads in the history: "title: url", or the URL alone.
fn link_text(url: &str, title: Option<&str>) -> String {
    match title {
        Some(t) => format!("{t}: {url}"),
        None => url.to_string(),
    }
}

impl Store {
    /// Corrects a note (give [`NewEvidence::Note`]) or a link ([`NewEvidence::Link`]); files
    /// and probe results are what they are, so they can only be retracted. One transaction
    /// with its history entry (old → new); answers the evidence as it now reads.
    pub fn edit_evidence(
        &mut self,
        plan_id: i64,
        evidence_id: i64,
        edit: NewEvidence,
    ) -> Result<Evidence, StoreError> {
        self.plan(plan_id)?;
        self.write(|tx, actor| {
            let old = load(tx, plan_id, evidence_id)?;
            refuse_retracted(&old)?;
            let (body, title, before, after) = match (old.kind, edit) {
                (EvidenceKind::Note, NewEvidence::Note(text)) => {
                    let body = check_note(&text)?;
                    let after = summary_of(&body);
                    (body, None, summary_of(&old.body), after)
                }
                (EvidenceKind::Link, NewEvidence::Link { url, title }) => {
                    let url = check_url(&url)?;
                    let title = link_title(title);
                    let after = link_text(&url, title.as_deref());
                    let before = link_text(&old.body, old.title.as_deref());
                    (url, title, before, after)
                }
                (kind, _) => {
                    return Err(StoreError::InvalidInput(format!(
                        "evidence #{evidence_id} is a {}: {}",
                        kind.key(),
                        match kind {
                            EvidenceKind::Note | EvidenceKind::Link => {
                                "give the same kind of evidence to correct it"
                            }
                            EvidenceKind::File | EvidenceKind::Probe => {
                                "a file or probe result cannot be edited; retract it and add \
                                 the right one"
                            }
                        }
                    )));
                }
            };
            if body == old.body && title == old.title {
                return Ok(old);
            }
            tx.execute(
                "UPDATE evidence SET body = ?3, title = ?4, edited_at = ?5, edited_by = ?6
                 WHERE plan_id = ?1 AND id = ?2",
                params![plan_id, evidence_id, body, title, actor.at, actor.who],
            )?;
            record(
                tx,
                actor,
                plan_id,
                &old,
                EventKind::EvidenceEdited,
                before,
                after,
            )?;
            load(tx, plan_id, evidence_id)
        })
    }

    /// Retracts evidence for `reason`: it stays in the database and the history, and leaves
    /// the task's evidence count, the verdict and the report.
    pub fn retract_evidence(
        &mut self,
        plan_id: i64,
        evidence_id: i64,
        reason: &str,
    ) -> Result<Evidence, StoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::InvalidInput(
                "say why the evidence is retracted (e.g. \"wrong link\", \"belongs to \
                 another task\"); the history keeps the reason"
                    .into(),
            ));
        }
        if reason.chars().count() > MAX_REASON_CHARS {
            return Err(StoreError::InvalidInput(format!(
                "the reason is longer than {MAX_REASON_CHARS} characters; say it in a sentence \
                 and add details as a note"
            )));
        }
        self.plan(plan_id)?;
        self.write(|tx, actor| {
            let old = load(tx, plan_id, evidence_id)?;
            refuse_retracted(&old)?;
            tx.execute(
                "UPDATE evidence SET retracted_at = ?3, retracted_by = ?4, retract_reason = ?5
                 WHERE plan_id = ?1 AND id = ?2",
                params![plan_id, evidence_id, actor.at, actor.who, reason],
            )?;
            let what = match old.kind {
                EvidenceKind::Link => link_text(&old.body, old.title.as_deref()),
                EvidenceKind::Probe => {
                    format!("{}: {}", old.title.as_deref().unwrap_or("probe"), old.body)
                }
                EvidenceKind::Note | EvidenceKind::File => summary_of(&old.body),
            };
            record(
                tx,
                actor,
                plan_id,
                &old,
                EventKind::EvidenceRetracted,
                what,
                reason.to_string(),
            )?;
            load(tx, plan_id, evidence_id)
        })
    }
}

fn record(
    tx: &Transaction<'_>,
    actor: &Actor,
    plan_id: i64,
    evidence: &Evidence,
    kind: EventKind,
    old: String,
    new: String,
) -> Result<(), StoreError> {
    actor.record(
        tx,
        Change {
            task_id: Some(&evidence.task_id),
            field: Some(evidence.kind.key()),
            old: Some(old),
            new: Some(new),
            touches: vec![evidence.gid],
            ..Change::plan(plan_id, kind)
        },
    )?;
    Ok(())
}
