//! What a new version of a template changes for a plan made from an older one: tasks added,
//! removed, renamed (a task that `replaces` an old id) and changed field by field.
//!
//! Pure comparison of two templates; applying it to a plan's state is [`crate::store`]'s
//! (`Store::apply_template`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Due, TaskTemplate, Template};

/// One field of a task that differs between the versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// A task present in both versions (under the same id, or renamed) whose text changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedTask {
    /// The task's id in the new version.
    pub id: String,
    pub fields: Vec<FieldDiff>,
}

impl ChangedTask {
    /// Whether a done task should be confirmed again: what it must meet changed (whether it
    /// blocks the go-live, its due rule, what counts as evidence).
    pub fn needs_reconfirm(&self) -> bool {
        self.fields
            .iter()
            .any(|f| matches!(f.field, "blocking" | "due" | "evidence"))
    }
}

/// What moving a plan from `old` to `new` would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct TemplateDiff {
    pub old_version: String,
    pub new_version: String,
    /// New tasks, in the new template's order.
    pub added: Vec<String>,
    /// Tasks of the old version that no task of the new one keeps or replaces.
    pub removed: Vec<String>,
    /// (old id, new id) for tasks the new version renames.
    pub renamed: Vec<(String, String)>,
    pub changed: Vec<ChangedTask>,
    /// The title of every task named above: the new version's, or for a removed task the
    /// old one's.
    pub titles: BTreeMap<String, String>,
}

impl TemplateDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.changed.is_empty()
    }

    /// One line for the history and the CLI: "2023.01 → 2024.02: 3 added, 1 removed, …".
    pub fn summary(&self) -> String {
        format!(
            "{} → {}: {} added, {} removed, {} renamed, {} changed",
            self.old_version,
            self.new_version,
            self.added.len(),
            self.removed.len(),
            self.renamed.len(),
            self.changed.len()
        )
    }
}

fn due_text(due: &Option<Due>) -> String {
    match due {
        None => "phase deadline".to_string(),
        Some(d) => format!(
            "{:+} days from {}",
            d.offset_days,
            match d.anchor {
                super::Anchor::Launch => "launch",
                super::Anchor::Pentest => "pen test",
            }
        ),
    }
}

fn fields(old: &TaskTemplate, new: &TaskTemplate) -> Vec<FieldDiff> {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let list = |l: &[String]| l.join(", ");
    let pairs = [
        (
            "phase",
            old.phase.label().to_string(),
            new.phase.label().to_string(),
        ),
        (
            "area",
            old.area.label().to_string(),
            new.area.label().to_string(),
        ),
        ("title", old.title.clone(), new.title.clone()),
        ("guidance", old.guidance.clone(), new.guidance.clone()),
        ("blocking", yes_no(old.blocking), yes_no(new.blocking)),
        ("due", due_text(&old.due), due_text(&new.due)),
        ("evidence", old.evidence.clone(), new.evidence.clone()),
        ("probes", list(&old.probes), list(&new.probes)),
        ("steps", list(&old.steps), list(&new.steps)),
        ("depends_on", list(&old.depends_on), list(&new.depends_on)),
    ];
    pairs
        .into_iter()
        .filter(|(_, o, n)| o != n)
        .map(|(field, old, new)| FieldDiff { field, old, new })
        .collect()
}

/// What changes from `old` to `new`, task by task.
pub fn diff(old: &Template, new: &Template) -> TemplateDiff {
    let mut out = TemplateDiff {
        old_version: old.info.version.clone(),
        new_version: new.info.version.clone(),
        ..TemplateDiff::default()
    };
    let mut kept: Vec<&str> = Vec::new();
    for task in &new.tasks {
        let counterpart = match old.task(&task.id) {
            Some(same) => Some(same),
            None => {
                let replaced = task.replaces.iter().find_map(|id| old.task(id));
                if let Some(r) = replaced {
                    out.renamed.push((r.id.clone(), task.id.clone()));
                }
                replaced
            }
        };
        match counterpart {
            Some(before) => {
                kept.push(before.id.as_str());
                let changed = fields(before, task);
                if !changed.is_empty() {
                    out.changed.push(ChangedTask {
                        id: task.id.clone(),
                        fields: changed,
                    });
                }
            }
            None => out.added.push(task.id.clone()),
        }
    }
    out.removed = old
        .tasks
        .iter()
        .filter(|t| !kept.contains(&t.id.as_str()))
        .map(|t| t.id.clone())
        .collect();
    for id in out
        .removed
        .iter()
        .chain(out.renamed.iter().map(|(old, _)| old))
    {
        if let Some(t) = old.task(id) {
            out.titles.insert(id.clone(), t.title.clone());
        }
    }
    let named = out
        .added
        .iter()
        .chain(out.renamed.iter().map(|(_, new)| new))
        .chain(out.changed.iter().map(|c| &c.id));
    for id in named {
        if let Some(t) = new.task(id) {
            out.titles.insert(id.clone(), t.title.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(version: &str, tasks: &str) -> Template {
        let text = format!(
            "[template]\nid = \"t\"\nname = \"T\"\nversion = \"{version}\"\nsource_url = \"https://example.com\"\n{tasks}"
        );
        Template::parse(&text, "test").unwrap()
    }

    const OLD: &str = r#"
[[task]]
id = "A-01"
phase = "8w"
area = "GEN"
title = "Keep"
[[task]]
id = "A-02"
phase = "8w"
area = "GEN"
title = "Old name"
evidence = "a ticket"
[[task]]
id = "A-03"
phase = "4w"
area = "GEN"
title = "Goes away"
"#;

    #[test]
    fn added_removed_renamed_and_changed() {
        let new = template(
            "2",
            r#"
[[task]]
id = "A-01"
phase = "8w"
area = "GEN"
title = "Keep"
[[task]]
id = "B-02"
phase = "8w"
area = "GEN"
title = "New name"
evidence = "a signed ticket"
blocking = true
replaces = ["A-02"]
[[task]]
id = "A-04"
phase = "2w"
area = "GEN"
title = "Brand new"
"#,
        );
        let d = diff(&template("1", OLD), &new);
        assert_eq!(d.added, ["A-04"]);
        assert_eq!(d.removed, ["A-03"]);
        assert_eq!(d.renamed, [("A-02".to_string(), "B-02".to_string())]);
        assert_eq!(d.changed.len(), 1);
        let changed: Vec<&str> = d.changed[0].fields.iter().map(|f| f.field).collect();
        assert_eq!(changed, ["title", "blocking", "evidence"]);
        assert!(d.changed[0].needs_reconfirm());
        assert_eq!(
            d.summary(),
            "1 → 2: 1 added, 1 removed, 1 renamed, 1 changed"
        );
    }

    #[test]
    fn the_same_template_changes_nothing() {
        let t = template("1", OLD);
        assert!(diff(&t, &t).is_empty());
    }
}
