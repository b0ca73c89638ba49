//! Helpers shared by the integration tests: temporary databases, sample plans and the `golive`
//! binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

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

/// The `golive` binary on the database at `db`, without colour, ready for `.args(…)`.
pub fn golive(db: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("golive").unwrap();
    cmd.env("GOLIVE_DB", db).env("NO_COLOR", "1");
    cmd
}

/// Runs `cmd` to the end: its exit code (-1 if killed), stdout and stderr.
pub fn outcome(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every row of the tables a user's work lives in, for comparing a database before and
/// after something that must not change it.
pub fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut out = Vec::new();
    for table in [
        "setting",
        "plan",
        "item",
        "evidence",
        "event",
        "stakeholder",
        "decision",
        "probe_endpoints",
        "probe_run",
        "person",
        "own_task",
        "runbook_step",
        "decision_condition",
    ] {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        out.extend(rows.map(|r| format!("{table}: {}", r.unwrap())));
    }
    out
}
