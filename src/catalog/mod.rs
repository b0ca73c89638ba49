//! Checklist templates: the go-live checklist as data, parsed and validated.
//!
//! A template is a TOML file (`assets/templates/*.toml`) with one entry per task. This module
//! reads the text, checks it and hands out typed [`Template`]s, and compares two versions
//! ([`diff`]). It does no scheduling (that is [`crate::plan`]) and no IO beyond reading the
//! template file a user names.

mod diff;
mod graph;
mod load;
mod model;
mod runbook;

pub use diff::{ChangedTask, FieldDiff, TemplateDiff, diff};
pub use graph::{cycle_text, find_cycle, topological_order};
pub use load::CatalogError;
pub use model::{
    Anchor, Area, Due, KeyParseError, OWN_TASK_PREFIX, Phase, TaskTemplate, Template, TemplateInfo,
};
pub use runbook::{MAX_RUNBOOK_MINUTES, RunbookTemplateStep, offset_text, parse_offset};

/// The built-in template: the Spryker Cloud Commerce OS go-live guide in our own words.
pub const BUILTIN_TEMPLATE_TOML: &str = include_str!("../../assets/templates/spryker-go-live.toml");

/// The name under which the built-in template is reported in errors.
pub const BUILTIN_TEMPLATE_NAME: &str = "assets/templates/spryker-go-live.toml";

/// Probe checks a task may name as its source of evidence; [`crate::probe`] runs them.
pub const PROBE_CHECKS: &[&str] = &[
    "dns",
    "tls-trust",
    "tls-expiry",
    "tls-version",
    "https-redirect",
    "hsts",
    "headers",
    "cookies",
    "storefront-access",
    "backoffice-auth",
    "backend-gateway",
    "robots",
    "homepage-seo",
    "sitemap",
    "favicon",
    "spf",
    "dmarc",
    "dkim",
    "mx",
    "redirect-map",
];

impl Template {
    /// The template shipped with the app.
    pub fn builtin() -> Result<Template, CatalogError> {
        Template::parse(BUILTIN_TEMPLATE_TOML, BUILTIN_TEMPLATE_NAME)
    }

    /// Reads and validates a user's template file.
    pub fn load(path: &std::path::Path) -> Result<Template, CatalogError> {
        let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Read {
            file: path.display().to_string(),
            source,
        })?;
        Template::parse(&text, &path.display().to_string())
    }
}
