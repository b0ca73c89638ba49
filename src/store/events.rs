//! The event log: who changed what, when, in which order across machines, and the one
//! sentence that describes each entry wherever it is shown (CLI, desktop, report).
//!
//! Events are written by the store's own operations ([`super::Actor::record`]) in the same
//! transaction as the change; nothing here writes.

use std::fmt;
use std::str::FromStr;

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{Gid, Hlc, Store, StoreError};
use crate::plan::{Decision, Status};

/// What kind of change an event records. The text keys are stored; they never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    PlanCreated,
    PlanDeleted,
    Renamed,
    /// A field of the plan or of a task changed (`field` says which).
    Updated,
    Archived,
    Unarchived,
    Rescheduled,
    EvidenceAdded,
    EndpointsSaved,
    ProbeRunSaved,
    StakeholderAdded,
    StakeholderUpdated,
    StakeholderRemoved,
    DecisionRecorded,
    TemplateUpdated,
    PlanImported,
    PlanMerged,
    OwnTaskAdded,
    OwnTaskRemoved,
    /// A note's text or a link's address or title was corrected (`old` → `new`).
    EvidenceEdited,
    /// Evidence was taken back: `old` is what it said, `new` why it was retracted.
    EvidenceRetracted,
    PersonAdded,
    PersonRemoved,
    RunbookStepChecked,
    RunbookStepAdded,
    RunbookStepRemoved,
    /// A waiver ran out while its task was open: the task counts as open again.
    WaiverLapsed,
    /// A readiness report was exported (`field`: its id, `new`: its sealed data's SHA-256).
    ReportIssued,
}

impl EventKind {
    pub const ALL: [EventKind; 28] = [
        EventKind::PlanCreated,
        EventKind::PlanDeleted,
        EventKind::Renamed,
        EventKind::Updated,
        EventKind::Archived,
        EventKind::Unarchived,
        EventKind::Rescheduled,
        EventKind::EvidenceAdded,
        EventKind::EndpointsSaved,
        EventKind::ProbeRunSaved,
        EventKind::StakeholderAdded,
        EventKind::StakeholderUpdated,
        EventKind::StakeholderRemoved,
        EventKind::DecisionRecorded,
        EventKind::TemplateUpdated,
        EventKind::PlanImported,
        EventKind::PlanMerged,
        EventKind::OwnTaskAdded,
        EventKind::OwnTaskRemoved,
        EventKind::EvidenceEdited,
        EventKind::EvidenceRetracted,
        EventKind::PersonAdded,
        EventKind::PersonRemoved,
        EventKind::RunbookStepChecked,
        EventKind::RunbookStepAdded,
        EventKind::RunbookStepRemoved,
        EventKind::WaiverLapsed,
        EventKind::ReportIssued,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EventKind::PlanCreated => "plan-created",
            EventKind::PlanDeleted => "plan-deleted",
            EventKind::Renamed => "renamed",
            EventKind::Updated => "updated",
            EventKind::Archived => "archived",
            EventKind::Unarchived => "unarchived",
            EventKind::Rescheduled => "rescheduled",
            EventKind::EvidenceAdded => "evidence-added",
            EventKind::EndpointsSaved => "endpoints-saved",
            EventKind::ProbeRunSaved => "probe-run-saved",
            EventKind::StakeholderAdded => "stakeholder-added",
            EventKind::StakeholderUpdated => "stakeholder-updated",
            EventKind::StakeholderRemoved => "stakeholder-removed",
            EventKind::DecisionRecorded => "decision-recorded",
            EventKind::TemplateUpdated => "template-updated",
            EventKind::PlanImported => "plan-imported",
            EventKind::PlanMerged => "plan-merged",
            EventKind::OwnTaskAdded => "own-task-added",
            EventKind::OwnTaskRemoved => "own-task-removed",
            EventKind::EvidenceEdited => "evidence-edited",
            EventKind::EvidenceRetracted => "evidence-retracted",
            EventKind::PersonAdded => "person-added",
            EventKind::PersonRemoved => "person-removed",
            EventKind::RunbookStepChecked => "runbook-step-checked",
            EventKind::RunbookStepAdded => "runbook-step-added",
            EventKind::RunbookStepRemoved => "runbook-step-removed",
            EventKind::WaiverLapsed => "waiver-lapsed",
            EventKind::ReportIssued => "report-issued",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for EventKind {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EventKind::ALL
            .into_iter()
            .find(|k| k.key() == s)
            .ok_or_else(|| StoreError::Corrupt(format!("event kind {s:?}")))
    }
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// The local key: the order of this database's log.
    pub id: i64,
    pub gid: Gid,
    /// The stamp that orders events across machines.
    pub hlc: Hlc,
    pub plan_gid: Gid,
    /// RFC 3339, UTC.
    pub at: String,
    /// The author.
    pub who: String,
    pub kind: EventKind,
    pub task_id: Option<String>,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    /// Global ids of what the change touched, the plan's first.
    pub touches: Vec<Gid>,
}

const EVIDENCE_FIELDS: [&str; 4] = ["note", "link", "file", "probe"];

/// A field's value as people read it.
fn shown(field: Option<&str>, value: Option<&str>) -> String {
    match (field, value) {
        (_, None) => "—".to_string(),
        (_, Some("")) => "—".to_string(),
        (Some("status"), Some(v)) => v.parse::<Status>().map_or(v, |s| s.label()).to_string(),
        (Some("decision"), Some(v)) => v.parse::<Decision>().map_or(v, |d| d.label()).to_string(),
        (_, Some(v)) => v.to_string(),
    }
}

fn short(text: &str) -> String {
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#' | '>'))
        .collect();
    let plain = plain.trim();
    if plain.chars().count() > 60 {
        format!("{}…", plain.chars().take(60).collect::<String>())
    } else {
        plain.to_string()
    }
}

/// "a note", "a link", … for an evidence event's field.
fn evidence_noun(field: Option<&str>) -> &'static str {
    match field {
        Some("note") => "a note",
        Some("link") => "a link",
        Some("file") => "a file",
        Some("probe") => "a probe result",
        _ => "evidence",
    }
}

fn capitalised(field: &str) -> String {
    let mut chars = field.replace('_', " ").chars().collect::<Vec<_>>();
    if let Some(first) = chars.first_mut() {
        *first = first.to_ascii_uppercase();
    }
    chars.into_iter().collect()
}

impl Event {
    /// The sentence the history shows for this entry, the same in every front door.
    pub fn sentence(&self) -> String {
        let field = self.field.as_deref();
        let new = self.new.as_deref();
        let old = self.old.as_deref();
        match self.kind {
            EventKind::PlanCreated => match old {
                Some(source) => format!("Plan created as a copy of {source}"),
                None => format!("Plan created: {}", new.unwrap_or_default()),
            },
            EventKind::PlanDeleted => format!("Plan deleted: {}", old.unwrap_or_default()),
            EventKind::Archived => "Plan archived".to_string(),
            EventKind::Unarchived => "Plan brought back from the archive".to_string(),
            EventKind::EvidenceEdited => format!(
                "Corrected {}: {} → {}",
                evidence_noun(field),
                short(old.unwrap_or_default()),
                short(new.unwrap_or_default())
            ),
            EventKind::EvidenceRetracted => format!(
                "Retracted {}: {} (why: {})",
                evidence_noun(field),
                short(old.unwrap_or_default()),
                new.unwrap_or_default()
            ),
            EventKind::PersonAdded => match old {
                None => format!("Person added: {}", new.unwrap_or_default()),
                Some(old) => format!("Person changed: {old} → {}", new.unwrap_or_default()),
            },
            EventKind::PersonRemoved => format!("Person removed: {}", old.unwrap_or_default()),
            EventKind::EvidenceAdded => {
                let what = evidence_noun(field);
                let text = new.unwrap_or_default();
                // A file is recorded as "name (sha256)"; people read the name.
                let text = match (field, text.rsplit_once(" (")) {
                    (Some("file"), Some((name, sha))) if sha.len() == 65 => name,
                    _ => text,
                };
                format!("Added {what}: {}", short(text))
            }
            EventKind::EndpointsSaved => {
                format!("Probe endpoints saved: {}", new.unwrap_or_default())
            }
            EventKind::ProbeRunSaved => format!("Probe run saved: {}", new.unwrap_or_default()),
            EventKind::StakeholderAdded => {
                format!("Stakeholder added: {}", new.unwrap_or_default())
            }
            EventKind::StakeholderUpdated => format!(
                "Stakeholder changed: {} → {}",
                old.unwrap_or_default(),
                new.unwrap_or_default()
            ),
            EventKind::StakeholderRemoved => {
                format!("Stakeholder removed: {}", old.unwrap_or_default())
            }
            EventKind::DecisionRecorded => {
                let who = field.unwrap_or("stakeholder");
                match old {
                    None => format!("Decision of {who}: {}", new.unwrap_or_default()),
                    Some(old) => format!("Decision of {who}: {old} → {}", new.unwrap_or_default()),
                }
            }
            EventKind::PlanImported => format!("Plan imported: {}", new.unwrap_or_default()),
            EventKind::PlanMerged => format!("Bundle merged: {}", new.unwrap_or_default()),
            EventKind::OwnTaskAdded => format!("Own task added: {}", new.unwrap_or_default()),
            EventKind::OwnTaskRemoved => {
                format!("Own task removed: {}", old.unwrap_or_default())
            }
            EventKind::RunbookStepChecked => match new {
                Some(at) => format!("Runbook step checked off at {at}"),
                None => format!(
                    "Runbook check-off taken back (was {})",
                    old.unwrap_or_default()
                ),
            },
            EventKind::RunbookStepAdded => {
                format!("Runbook step added: {}", new.unwrap_or_default())
            }
            EventKind::RunbookStepRemoved => {
                format!("Runbook step removed: {}", old.unwrap_or_default())
            }
            EventKind::ReportIssued => {
                format!("Report {} issued", field.unwrap_or_default())
            }
            EventKind::WaiverLapsed => format!(
                "Waiver expired on {}; the task is open again (it was waived for: {})",
                new.unwrap_or_default(),
                short(old.unwrap_or_default())
            ),
            EventKind::TemplateUpdated => {
                format!("Checklist template updated: {}", new.unwrap_or_default())
            }
            EventKind::Updated if field == Some("reconfirm") => match new {
                None => format!(
                    "Confirmed again after the update ({})",
                    old.unwrap_or_default()
                ),
                Some(why) => format!("To be confirmed again: {why}"),
            },
            EventKind::Renamed | EventKind::Updated | EventKind::Rescheduled => {
                let name = capitalised(field.unwrap_or(self.kind.key()));
                if field.is_some_and(|f| EVIDENCE_FIELDS.contains(&f)) && old.is_none() {
                    return format!(
                        "Added {}: {}",
                        field.unwrap_or_default(),
                        short(new.unwrap_or_default())
                    );
                }
                format!("{name}: {} → {}", shown(field, old), shown(field, new))
            }
        }
    }
}

struct EventRow {
    id: i64,
    gid: Gid,
    hlc: String,
    plan_gid: Gid,
    at: String,
    who: String,
    kind: String,
    task_id: Option<String>,
    field: Option<String>,
    old: Option<String>,
    new: Option<String>,
    touches: String,
}

impl EventRow {
    const COLUMNS: &str =
        "id, gid, hlc, plan_gid, at, who, action, task_id, field, old, new, touches";

    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
        Ok(EventRow {
            id: r.get(0)?,
            gid: r.get(1)?,
            hlc: r.get(2)?,
            plan_gid: r.get(3)?,
            at: r.get(4)?,
            who: r.get(5)?,
            kind: r.get(6)?,
            task_id: r.get(7)?,
            field: r.get(8)?,
            old: r.get(9)?,
            new: r.get(10)?,
            touches: r.get(11)?,
        })
    }

    fn into_event(self) -> Result<Event, StoreError> {
        Ok(Event {
            id: self.id,
            gid: self.gid,
            hlc: self
                .hlc
                .parse()
                .map_err(|e: super::HlcParseError| StoreError::Corrupt(e.to_string()))?,
            plan_gid: self.plan_gid,
            at: self.at,
            who: self.who,
            kind: self.kind.parse()?,
            task_id: self.task_id,
            field: self.field,
            old: self.old,
            new: self.new,
            touches: serde_json::from_str(&self.touches)
                .map_err(|e| StoreError::Corrupt(format!("ids an event touches: {e}")))?,
        })
    }
}

impl Store {
    /// A plan's history in clock order, oldest first; with `task_id`, only that task's.
    pub fn history(&self, plan_id: i64, task_id: Option<&str>) -> Result<Vec<Event>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} FROM event
             WHERE plan_id = ?1 AND (?2 IS NULL OR task_id = ?2) ORDER BY hlc, id",
            EventRow::COLUMNS
        ))?;
        let rows = stmt
            .query_map(params![plan_id, task_id], EventRow::read)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(EventRow::into_event).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind, field: Option<&str>, old: Option<&str>, new: Option<&str>) -> Event {
        let plan = Gid::new();
        Event {
            id: 1,
            gid: Gid::new(),
            hlc: Hlc::zero("n").tick(1),
            plan_gid: plan,
            at: "2027-01-01T00:00:00.000Z".into(),
            who: "Dana".into(),
            kind,
            task_id: Some("GEN-01".into()),
            field: field.map(str::to_string),
            old: old.map(str::to_string),
            new: new.map(str::to_string),
            touches: vec![plan],
        }
    }

    #[test]
    fn sentences_read_as_people_write() {
        let status = event(
            EventKind::Updated,
            Some("status"),
            Some("todo"),
            Some("n/a"),
        );
        assert_eq!(status.sentence(), "Status: To do → Not applicable");
        let owner = event(EventKind::Updated, Some("owner"), None, Some("Ops"));
        assert_eq!(owner.sentence(), "Owner: — → Ops");
        let sha = "a".repeat(64);
        let file = event(
            EventKind::EvidenceAdded,
            Some("file"),
            None,
            Some(&format!("scope (v1).txt ({sha})")),
        );
        assert_eq!(file.sentence(), "Added a file: scope (v1).txt");
        let note = event(
            EventKind::EvidenceAdded,
            Some("note"),
            None,
            Some("**Done** by `ops`"),
        );
        assert_eq!(note.sentence(), "Added a note: Done by ops");
        let archived = event(EventKind::Archived, None, None, None);
        assert_eq!(archived.sentence(), "Plan archived");
    }

    #[test]
    fn every_kind_reads_back_from_its_key() {
        for kind in EventKind::ALL {
            assert_eq!(kind.key().parse::<EventKind>().unwrap(), kind);
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.key())
            );
        }
        assert!("painted".parse::<EventKind>().is_err());
    }
}
