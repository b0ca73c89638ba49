//! Template updates: what a new version of the checklist changes for a plan, and taking it.

use std::path::Path;

use super::{Error, Workspace};
use crate::catalog::{CatalogError, Template, TemplateDiff};
use crate::store::RetiredTask;

/// The template at `path`, with its exact text (a plan keeps the text it follows).
fn read_template(path: &Path) -> Result<(Template, String), Error> {
    let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Read {
        file: path.display().to_string(),
        source,
    })?;
    Ok((Template::parse(&text, &path.display().to_string())?, text))
}

impl Workspace {
    /// What the template at `path` would change for the plan; nothing is written.
    pub fn template_diff(&self, plan_id: i64, path: &Path) -> Result<TemplateDiff, Error> {
        let (template, _) = read_template(path)?;
        Ok(self.store()?.template_diff(plan_id, &template)?)
    }

    /// Moves the plan to the template at `path`: new tasks as to-do, renamed ones with their
    /// state, dropped ones retired, changed done ones to confirm again; one history entry.
    pub fn apply_template(&self, plan_id: i64, path: &Path) -> Result<TemplateDiff, Error> {
        let (template, text) = read_template(path)?;
        Ok(self.store()?.apply_template(plan_id, &template, &text)?)
    }

    /// Tasks earlier template updates retired, with their state and evidence kept.
    pub fn retired_tasks(&self, plan_id: i64) -> Result<Vec<RetiredTask>, Error> {
        Ok(self.store()?.retired_tasks(plan_id)?)
    }
}
