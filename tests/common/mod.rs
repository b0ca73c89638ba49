//! Helpers shared by the integration tests: temporary databases and sample plans.

#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use golive::catalog::{BUILTIN_TEMPLATE_TOML, Template};
use golive::plan::{Launch, WorkCalendar};
use golive::store::{NewPlan, PlanRecord, Store};
use tempfile::TempDir;

/// A fresh database in its own temporary folder, removed when dropped.
pub struct TestDb {
    pub dir: TempDir,
    pub store: Store,
}

impl TestDb {
    pub fn new() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("golive.db")).unwrap();
        TestDb { dir, store }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("golive.db")
    }

    pub fn plan(&mut self, name: &str, launch: &str) -> PlanRecord {
        self.store.create_plan(&new_plan(name, launch)).unwrap()
    }
}

pub fn new_plan(name: &str, launch: &str) -> NewPlan {
    NewPlan {
        name: name.to_string(),
        client: Some("Acme GmbH".to_string()),
        launch: Launch::parse(launch, "Europe/Berlin").unwrap(),
        pentest: None,
        calendar: WorkCalendar::default(),
        template: Template::builtin().unwrap(),
        template_text: BUILTIN_TEMPLATE_TOML.to_string(),
    }
}

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
