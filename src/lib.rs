//! GoLive Planner's core: everything the desktop app and the `golive` CLI do, with no GUI.
//!
//! The front doors call [`ops`], one function per user action; each layer below only calls
//! the ones under it (ops → report, probe → store → plan → catalog). [`error`] holds the error
//! kinds every module reports. The modules, from data to output:
//! - [`catalog`]: checklist templates (the go-live guide as TOML data), parsed and validated;
//! - [`plan`]: pure planning logic: item state, the timeline engine, the readiness verdict;
//! - [`probe`]: network checks (DNS, TLS, HTTP, SEO, mail, redirects) with pass/warn/fail verdicts;
//! - [`store`]: the SQLite database: migrations, plans, items, evidence, the event log, backups.
//! - [`report`]: the PDF readiness report, its seal and signatures, and their verification;
//! - [`export`]: the plan as a calendar and as spreadsheets;
//! - [`ops`]: the operations the front doors call.
//!
//! The front doors (`src/bin/golive`, the desktop shell) only translate arguments in and
//! errors out; when they need more than a few lines, the logic belongs here.

pub mod catalog;
pub mod error;
pub mod export;
pub mod ops;
pub mod plan;
pub mod probe;
pub mod report;
pub mod store;
