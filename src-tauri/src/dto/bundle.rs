//! Plan bundles and template updates as the UI sees them: what an exported bundle holds,
//! what an imported one brought in, and what a new version of the checklist changes.

use golive::catalog::{ChangedTask, FieldDiff, TemplateDiff};
use golive::export::Manifest;
use golive::store::ImportOutcome;
use serde::Serialize;
use ts_rs::TS;

/// A bundle just written: the plan it holds and its evidence files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BundleDto {
    pub plan_name: String,
    /// Evidence files in the bundle.
    #[ts(type = "number")]
    pub files: usize,
    /// Their size together, in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub created_by: String,
}

impl From<&Manifest> for BundleDto {
    fn from(m: &Manifest) -> Self {
        BundleDto {
            plan_name: m.plan_name.clone(),
            files: m.files.len(),
            bytes: m.files.iter().map(|f| f.size).sum(),
            created_at: m.created_at.clone(),
            created_by: m.created_by.clone(),
        }
    }
}

/// What importing a bundle did: a new plan, or what a merge added and took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportOutcomeDto {
    #[ts(type = "number")]
    pub plan_id: i64,
    pub merged: bool,
    #[ts(type = "number")]
    pub evidence_added: usize,
    #[ts(type = "number")]
    pub events_added: usize,
    #[ts(type = "number")]
    pub stakeholders_added: usize,
    #[ts(type = "number")]
    pub decisions_added: usize,
    #[ts(type = "number")]
    pub runs_added: usize,
    #[ts(type = "number")]
    pub people_added: usize,
    /// What the bundle had changed later than this database, as the library words it
    /// ("GEN-01 status", "R-01 runbook check", "APP-03 evidence retracted", "person Dana").
    pub fields_taken: Vec<String>,
    /// The bundle's own tasks under new ids here, "X-01 → X-03".
    pub renumbered: Vec<String>,
}

impl From<&ImportOutcome> for ImportOutcomeDto {
    fn from(o: &ImportOutcome) -> Self {
        ImportOutcomeDto {
            plan_id: o.plan_id,
            merged: o.merged,
            evidence_added: o.evidence_added,
            events_added: o.events_added,
            stakeholders_added: o.stakeholders_added,
            decisions_added: o.decisions_added,
            runs_added: o.runs_added,
            people_added: o.people_added,
            fields_taken: o.fields_taken.clone(),
            renumbered: o.renumbered.clone(),
        }
    }
}

/// One field of a task that differs between the template versions, as the library words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldDiffDto {
    /// "phase", "area", "title", "guidance", "blocking", "due", "evidence", "probes",
    /// "steps" or "depends_on".
    pub field: String,
    pub old: String,
    pub new: String,
}

impl From<&FieldDiff> for FieldDiffDto {
    fn from(f: &FieldDiff) -> Self {
        FieldDiffDto {
            field: f.field.to_string(),
            old: f.old.clone(),
            new: f.new.clone(),
        }
    }
}

/// A task both versions have whose text changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChangedTaskDto {
    /// Its id in the new version.
    pub id: String,
    pub fields: Vec<FieldDiffDto>,
    /// Whether, when done, it is to be confirmed again (what it must meet changed).
    pub reconfirm: bool,
}

impl From<&ChangedTask> for ChangedTaskDto {
    fn from(c: &ChangedTask) -> Self {
        ChangedTaskDto {
            id: c.id.clone(),
            fields: c.fields.iter().map(FieldDiffDto::from).collect(),
            reconfirm: c.needs_reconfirm(),
        }
    }
}

/// A task the new version renames: its state and evidence move to the new id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RenamedDto {
    pub old: String,
    pub new: String,
}

/// What moving the plan to a new version of its template changes (or changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateDiffDto {
    pub old_version: String,
    pub new_version: String,
    /// New tasks, in the template's order; they arrive as to do.
    pub added: Vec<String>,
    /// Tasks the new version drops; they are retired, with their evidence and history.
    pub removed: Vec<String>,
    pub renamed: Vec<RenamedDto>,
    pub changed: Vec<ChangedTaskDto>,
    /// Nothing changes for the plan.
    pub empty: bool,
    /// One line: "2023.01 → 2024.02: 3 added, 1 removed, …".
    pub summary: String,
    /// The title of every task named above (a removed task's as its old version had it).
    pub titles: std::collections::BTreeMap<String, String>,
}

impl From<&TemplateDiff> for TemplateDiffDto {
    fn from(d: &TemplateDiff) -> Self {
        TemplateDiffDto {
            old_version: d.old_version.clone(),
            new_version: d.new_version.clone(),
            added: d.added.clone(),
            removed: d.removed.clone(),
            titles: d.titles.clone(),
            renamed: d
                .renamed
                .iter()
                .map(|(old, new)| RenamedDto {
                    old: old.clone(),
                    new: new.clone(),
                })
                .collect(),
            changed: d.changed.iter().map(ChangedTaskDto::from).collect(),
            empty: d.is_empty(),
            summary: d.summary(),
        }
    }
}
