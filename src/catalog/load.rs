//! Parsing and validating template text, with errors that point at file, line and field.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::PROBE_CHECKS;
use super::graph::{cycle_text, find_cycle};
use super::model::{
    Anchor, Area, Due, OWN_TASK_PREFIX, Phase, TaskTemplate, Template, TemplateInfo,
};
use super::runbook::{RawRunbookStep, RunbookTemplateStep, parse_offset};

/// Why a template could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("cannot read template {file}: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}:{line}: `{field}`: {message}")]
    Invalid {
        file: String,
        line: usize,
        field: String,
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    template: RawInfo,
    #[serde(default)]
    task: Vec<Spanned<RawTask>>,
    /// The go-live day's steps, by the hour.
    #[serde(default)]
    runbook: Vec<Spanned<RawRunbookStep>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInfo {
    id: Spanned<String>,
    name: String,
    version: Spanned<String>,
    source_url: String,
    source_date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    id: Spanned<String>,
    phase: Spanned<String>,
    area: Spanned<String>,
    title: Spanned<String>,
    #[serde(default)]
    guidance: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    blocking: bool,
    #[serde(default)]
    evidence: String,
    due: Option<Spanned<Due>>,
    probes: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    steps: Vec<String>,
    depends_on: Option<Spanned<Vec<String>>>,
    /// Ids of earlier versions' tasks this one takes over (a renamed or merged task).
    replaces: Option<Spanned<Vec<String>>>,
}

/// Longest lead time a template may ask for: a year before or after its anchor.
const MAX_OFFSET_DAYS: i64 = 366;

struct Locator<'a> {
    file: &'a str,
    text: &'a str,
}

impl Locator<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn error(&self, span: std::ops::Range<usize>, field: &str, message: String) -> CatalogError {
        CatalogError::Invalid {
            file: self.file.to_string(),
            line: self.line_of(span.start),
            field: field.to_string(),
            message,
        }
    }
}

fn parse_enum<T: for<'de> Deserialize<'de>>(value: &str) -> Option<T> {
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(value)).ok()
}

impl Template {
    /// Parses and validates template text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Template, CatalogError> {
        let at = Locator { file, text };
        let raw: RawTemplate = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let field = e
                .message()
                .split('`')
                .nth(1)
                .unwrap_or("(syntax)")
                .to_string();
            at.error(span, &field, e.message().trim().to_string())
        })?;

        if raw.template.id.get_ref().trim().is_empty() {
            return Err(at.error(
                raw.template.id.span(),
                "template.id",
                "must not be empty".into(),
            ));
        }
        if raw.template.version.get_ref().trim().is_empty() {
            return Err(at.error(
                raw.template.version.span(),
                "template.version",
                "must not be empty; give the template a version such as \"2023.01.23-1\"".into(),
            ));
        }
        if raw.task.is_empty() {
            return Err(at.error(0..0, "task", "the template has no [[task]] entries".into()));
        }

        // Byte offsets, not lines: counting lines for every task made loading quadratic in
        // the template's size (a 500-task template took a second in a debug build).
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut tasks = Vec::with_capacity(raw.task.len());
        let mut dependencies = Vec::new();
        let mut replacements = Vec::new();
        for spanned in raw.task {
            let task_span = spanned.span();
            let t = spanned.into_inner();
            let id = t.id.get_ref().trim().to_string();
            if id.is_empty() || id.chars().any(char::is_whitespace) {
                return Err(at.error(
                    t.id.span(),
                    "task.id",
                    format!(
                        "task ID {id:?} must be non-empty and contain no spaces, e.g. \"CLO-12\""
                    ),
                ));
            }
            if id.to_ascii_uppercase().starts_with(OWN_TASK_PREFIX) {
                return Err(at.error(
                    t.id.span(),
                    "task.id",
                    format!(
                        "task ID {id:?} starts with {OWN_TASK_PREFIX:?}, which is kept for a plan's own tasks; choose another ID"
                    ),
                ));
            }
            if let Some(first) = seen.get(&id) {
                let first_line = at.line_of(*first);
                return Err(at.error(
                    t.id.span(),
                    "task.id",
                    format!("duplicate task ID {id:?}, first defined on line {first_line}; give each task its own ID"),
                ));
            }
            seen.insert(id.clone(), t.id.span().start);

            let phase: Phase = parse_enum(t.phase.get_ref()).ok_or_else(|| {
                at.error(
                    t.phase.span(),
                    "task.phase",
                    format!(
                        "unknown phase {:?} in task {id}; use one of {}",
                        t.phase.get_ref(),
                        Phase::ALL.map(Phase::key).join(", ")
                    ),
                )
            })?;
            let area: Area = parse_enum(t.area.get_ref()).ok_or_else(|| {
                at.error(
                    t.area.span(),
                    "task.area",
                    format!(
                        "unknown area {:?} in task {id}; use one of {}",
                        t.area.get_ref(),
                        Area::ALL.map(Area::key).join(", ")
                    ),
                )
            })?;
            if t.title.get_ref().trim().is_empty() {
                return Err(at.error(
                    t.title.span(),
                    "task.title",
                    format!("task {id} has an empty title"),
                ));
            }
            let due = match &t.due {
                Some(due) => Some(validate_due(&at, &id, phase, due)?),
                None if phase == Phase::PostLaunch => {
                    return Err(at.error(
                        task_span,
                        "task.due",
                        format!(
                            "post-launch task {id} needs its own due, e.g. due = {{ anchor = \"launch\", offset_days = 3 }}"
                        ),
                    ));
                }
                None => None,
            };
            let (probes_span, probes) = split_spanned(t.probes, &task_span);
            if let Some(unknown) = probes.iter().find(|p| !PROBE_CHECKS.contains(&p.as_str())) {
                return Err(at.error(
                    probes_span,
                    "task.probes",
                    format!(
                        "unknown probe check {unknown:?} in task {id}; known checks: {}",
                        PROBE_CHECKS.join(", ")
                    ),
                ));
            }
            let (depends_span, depends_on) = split_spanned(t.depends_on, &task_span);
            dependencies.push((id.clone(), depends_span, depends_on.clone()));
            let (replaces_span, replaces) = split_spanned(t.replaces, &task_span);
            replacements.push((id.clone(), replaces_span, replaces.clone()));
            tasks.push(TaskTemplate {
                id,
                phase,
                area,
                title: t.title.into_inner().trim().to_string(),
                guidance: t.guidance.trim().to_string(),
                source: t.source,
                blocking: t.blocking,
                evidence: t.evidence,
                due,
                probes,
                steps: t.steps,
                depends_on,
                replaces,
                due_date: None,
            });
        }

        let ids: HashSet<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
        for (id, span, deps) in &dependencies {
            for dep in deps {
                if !ids.contains(dep.as_str()) {
                    return Err(at.error(
                        span.clone(),
                        "task.depends_on",
                        format!(
                            "task {id} depends on {dep:?}, which is not a task of this template"
                        ),
                    ));
                }
                if dep == id {
                    return Err(at.error(
                        span.clone(),
                        "task.depends_on",
                        format!("task {id} depends on itself"),
                    ));
                }
            }
        }

        if let Some(cycle) = find_cycle(&tasks) {
            let first = cycle.first().cloned().unwrap_or_default();
            let span = dependencies
                .iter()
                .find(|(id, _, _)| *id == first)
                .map(|(_, span, _)| span.clone())
                .unwrap_or(0..0);
            return Err(at.error(
                span,
                "task.depends_on",
                format!(
                    "the tasks depend on each other in a circle ({}); remove one of these dependencies",
                    cycle_text(&cycle)
                ),
            ));
        }

        // A replaced id names a task of an earlier version: it cannot be a task here too, and
        // two tasks cannot both take it over.
        let mut taken: HashMap<&str, &str> = HashMap::new();
        for (id, span, replaced) in &replacements {
            for old in replaced {
                if ids.contains(old.as_str()) {
                    return Err(at.error(
                        span.clone(),
                        "task.replaces",
                        format!(
                            "task {id} replaces {old:?}, which is still a task of this template"
                        ),
                    ));
                }
                if let Some(other) = taken.insert(old.as_str(), id.as_str()) {
                    return Err(at.error(
                        span.clone(),
                        "task.replaces",
                        format!("tasks {other} and {id} both replace {old:?}; only one may"),
                    ));
                }
            }
        }

        let mut runbook: Vec<RunbookTemplateStep> = Vec::with_capacity(raw.runbook.len());
        for spanned in raw.runbook {
            let span = spanned.span();
            let r = spanned.into_inner();
            let id = r.id.trim().to_string();
            if id.is_empty() || runbook.iter().any(|s| s.id == id) {
                return Err(at.error(
                    span,
                    "runbook.id",
                    format!(
                        "runbook step ID {id:?} is empty or used twice; give each step its own ID"
                    ),
                ));
            }
            let at_minutes = parse_offset(&r.at).ok_or_else(|| {
                at.error(
                    span.clone(),
                    "runbook.at",
                    format!(
                        "cannot read {:?} in runbook step {id}: write the time from the launch as \"T-4h\", \"-30m\", \"T0\" or \"+1h30m\" (at most 48 h)",
                        r.at
                    ),
                )
            })?;
            let task = r.task.map(|t| t.trim().to_string());
            let task_title = match &task {
                Some(t) => Some(
                    tasks
                        .iter()
                        .find(|x| x.id == *t)
                        .map(|x| x.title.clone())
                        .ok_or_else(|| {
                            at.error(
                                span.clone(),
                                "runbook.task",
                                format!("runbook step {id} names task {t:?}, which is not a task of this template"),
                            )
                        })?,
                ),
                None => None,
            };
            let title = r
                .title
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .or(task_title)
                .ok_or_else(|| {
                    at.error(
                        span.clone(),
                        "runbook.title",
                        format!("runbook step {id} needs a title or a task"),
                    )
                })?;
            runbook.push(RunbookTemplateStep {
                id,
                at_minutes,
                title,
                task,
                owner: r.owner.filter(|o| !o.trim().is_empty()),
                checkpoint: r.checkpoint.filter(|c| !c.trim().is_empty()),
                dns_switch: r.dns_switch,
            });
        }

        Ok(Template {
            runbook,
            info: TemplateInfo {
                id: raw.template.id.into_inner().trim().to_string(),
                name: raw.template.name,
                version: raw.template.version.into_inner().trim().to_string(),
                source_url: raw.template.source_url,
                source_date: raw.template.source_date,
            },
            tasks,
        })
    }
}

/// An optional list with its span, or an empty list spanning the whole task.
fn split_spanned(
    list: Option<Spanned<Vec<String>>>,
    task_span: &std::ops::Range<usize>,
) -> (std::ops::Range<usize>, Vec<String>) {
    match list {
        Some(list) => (list.span(), list.into_inner()),
        None => (task_span.clone(), Vec::new()),
    }
}

fn validate_due(
    at: &Locator<'_>,
    id: &str,
    phase: Phase,
    due: &Spanned<Due>,
) -> Result<Due, CatalogError> {
    let value = *due.get_ref();
    let fail = |message: String| Err(at.error(due.span(), "task.due", message));
    if value.offset_days.abs() > MAX_OFFSET_DAYS {
        return fail(format!(
            "offset_days {} of task {id} is more than a year away from its anchor",
            value.offset_days
        ));
    }
    match (phase, value.anchor) {
        (Phase::PostLaunch, Anchor::Launch) if value.offset_days <= 0 => fail(format!(
            "post-launch task {id} must be due after the launch (offset_days > 0), not {}",
            value.offset_days
        )),
        (Phase::PostLaunch, Anchor::Pentest) => fail(format!(
            "post-launch task {id} cannot be anchored to the penetration test"
        )),
        (Phase::LaunchDay, _) if value.offset_days != 0 || value.anchor != Anchor::Launch => {
            fail(format!(
                "go-live day task {id} is due on the launch day; remove its due or use offset_days = 0"
            ))
        }
        (p, Anchor::Launch) if p.is_pre_launch() && value.offset_days > -7 => fail(format!(
            "pre-launch task {id} must be due at least 7 days before the launch (offset_days <= -7), not {}",
            value.offset_days
        )),
        (p, Anchor::Pentest) if p.is_pre_launch() && value.offset_days > 0 => fail(format!(
            "task {id} anchored to the penetration test must be due on or before the test (offset_days <= 0)"
        )),
        _ => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[template]
id = "t"
name = "T"
version = "1"
source_url = "https://example.test"

[[task]]
id = "GEN-01"
phase = "8w"
area = "GEN"
title = "Share the date"
due = { anchor = "launch", offset_days = -56 }

[[task]]
id = "GEN-10"
phase = "post-launch"
area = "GEN"
title = "Keep the old shop"
due = { anchor = "launch", offset_days = 3 }
depends_on = ["GEN-01"]
"#;

    fn invalid(text: &str) -> (usize, String, String) {
        match Template::parse(text, "my.toml") {
            Err(CatalogError::Invalid {
                file,
                line,
                field,
                message,
            }) => {
                assert_eq!(file, "my.toml");
                (line, field, message)
            }
            other => panic!("expected an invalid-template error, got {other:?}"),
        }
    }

    #[test]
    fn builtin_template_is_valid_and_covers_every_phase_and_area() {
        let t = Template::builtin().unwrap();
        assert!(t.tasks.len() >= 60, "only {} tasks", t.tasks.len());
        for phase in Phase::ALL {
            assert!(t.tasks.iter().any(|x| x.phase == phase), "{phase:?}");
        }
        for area in Area::ALL {
            assert!(t.tasks.iter().any(|x| x.area == area), "{area:?}");
        }
        for id in ["GEN-01", "GEN-03", "GEN-10", "TES-07", "TES-13", "CLO-17"] {
            assert!(t.task(id).is_some(), "{id} missing");
        }
    }

    #[test]
    fn minimal_template_parses() {
        let t = Template::parse(MINIMAL, "my.toml").unwrap();
        assert_eq!(t.tasks.len(), 2);
        assert_eq!(t.tasks[1].depends_on, vec!["GEN-01"]);
    }

    #[test]
    fn duplicate_id_names_line_and_field() {
        let text = MINIMAL.replace("id = \"GEN-10\"", "id = \"GEN-01\"");
        let (line, field, message) = invalid(&text);
        assert_eq!(line, 16);
        assert_eq!(field, "task.id");
        assert!(
            message.contains("duplicate task ID \"GEN-01\""),
            "{message}"
        );
        assert!(message.contains("line 9"), "{message}");
    }

    #[test]
    fn unknown_phase_lists_the_known_ones() {
        let (line, field, message) = invalid(&MINIMAL.replace("\"8w\"", "\"6w\""));
        assert_eq!((line, field.as_str()), (10, "task.phase"));
        assert!(message.contains("8w, 4w, 2w"), "{message}");
    }

    #[test]
    fn unknown_area_probe_and_dependency_are_rejected() {
        assert_eq!(
            invalid(&MINIMAL.replace("\"GEN\"\ntitle = \"Share", "\"OPS\"\ntitle = \"Share")).1,
            "task.area"
        );
        let text = MINIMAL.replace("depends_on = [\"GEN-01\"]", "probes = [\"ping\"]");
        assert_eq!(invalid(&text).1, "task.probes");
        let text = MINIMAL.replace("depends_on = [\"GEN-01\"]", "depends_on = [\"GEN-99\"]");
        assert_eq!(invalid(&text).1, "task.depends_on");
    }

    #[test]
    fn offsets_must_respect_the_phase() {
        let text = MINIMAL.replace("offset_days = -56", "offset_days = -3");
        let (_, field, message) = invalid(&text);
        assert_eq!(field, "task.due");
        assert!(message.contains("at least 7 days"), "{message}");
        let text = MINIMAL.replace("offset_days = 3", "offset_days = -1");
        assert!(invalid(&text).2.contains("after the launch"));
    }

    #[test]
    fn syntax_errors_and_unknown_keys_carry_a_line() {
        let (line, _, _) = invalid(&MINIMAL.replace("title = \"Share the date\"", "title = "));
        assert_eq!(line, 12);
        let (line, field, _) =
            invalid(&MINIMAL.replace("title = \"Share the date\"", "titel = \"x\""));
        assert_eq!(line, 12);
        assert!(field.contains("titel"), "{field}");
    }

    mod fuzz {
        use super::super::Template;
        use crate::catalog::BUILTIN_TEMPLATE_TOML;
        use proptest::prelude::*;

        proptest! {
            /// Whatever text arrives, the parser answers a template or an error; never a panic.
            #[test]
            fn any_text_parses_or_errs(text in "\\PC{0,400}") {
                let _ = Template::parse(&text, "fuzz");
            }

            /// The real template cut, or with one byte changed, still never panics.
            #[test]
            fn mutated_templates_parse_or_err(cut in 0usize..BUILTIN_TEMPLATE_TOML.len(), at in 0usize..BUILTIN_TEMPLATE_TOML.len(), byte in 0x20u8..0x7f) {
                let mut bytes = BUILTIN_TEMPLATE_TOML.as_bytes().to_vec();
                bytes[at] = byte;
                bytes.truncate(cut.max(1));
                if let Ok(text) = String::from_utf8(bytes) {
                    let _ = Template::parse(&text, "fuzz");
                }
            }
        }
    }
}
