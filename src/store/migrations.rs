//! Schema migrations, embedded in the binary and applied in order, each in one transaction.
//!
//! The schema version is SQLite's `PRAGMA user_version`. A database written by a newer
//! GoLive Planner is refused before anything touches it. A migration is SQL, optionally
//! followed by a Rust step for what SQL cannot compute (UUIDv7s, clock stamps) and more SQL
//! after it; all three run in the migration's one transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::StoreError;
use super::clock::Hlc;
use super::ids::Gid;

struct Migration {
    name: &'static str,
    sql: &'static str,
    step: Option<fn(&Transaction<'_>) -> rusqlite::Result<()>>,
    after: &'static str,
}

/// Migrations in order; the schema version after applying migration `i` is `i + 1`.
const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "001_init",
        sql: include_str!("migrations/001_init.sql"),
        step: None,
        after: "",
    },
    Migration {
        name: "002_probes",
        sql: include_str!("migrations/002_probes.sql"),
        step: None,
        after: "",
    },
    Migration {
        name: "003_signoff",
        sql: include_str!("migrations/003_signoff.sql"),
        step: None,
        after: "",
    },
    Migration {
        name: "004_global_ids",
        sql: include_str!("migrations/004_global_ids.sql"),
        step: Some(global_ids),
        after: include_str!("migrations/004_global_ids_after.sql"),
    },
    Migration {
        name: "005_template_updates",
        sql: include_str!("migrations/005_template_updates.sql"),
        step: None,
        after: "",
    },
    Migration {
        name: "006_decision_basis",
        sql: include_str!("migrations/006_decision_basis.sql"),
        step: None,
        after: "",
    },
    Migration {
        name: "007_own_tasks",
        sql: include_str!("migrations/007_own_tasks.sql"),
        step: None,
        after: "",
    },
    Migration {
        name: "008_governed_waivers",
        sql: include_str!("migrations/008_governed_waivers.sql"),
        step: None,
        after: "",
    },
    Migration {
        name: "009_evidence_people",
        sql: include_str!("migrations/009_evidence_people.sql"),
        step: None,
        after: "",
    },
    Migration {
        name: "011_runbook",
        sql: include_str!("migrations/011_runbook.sql"),
        step: None,
        after: "",
    },
    Migration {
        name: "012_decision_conditions",
        sql: include_str!("migrations/012_decision_conditions.sql"),
        step: None,
        after: "",
    },
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The setting that names this database as a node of the clock.
pub(super) const NODE_KEY: &str = "node.id";
/// The setting that holds the clock's last stamp.
pub(super) const CLOCK_KEY: &str = "clock.hlc";

pub(super) fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Applies every migration newer than the database's version.
pub(super) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current = schema_version(conn)?;
    for (index, migration) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= current {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(migration.sql)
            .map_err(|e| in_migration(migration.name, e))?;
        if let Some(step) = migration.step {
            step(&tx).map_err(|e| in_migration(migration.name, e))?;
        }
        tx.execute_batch(migration.after)
            .map_err(|e| in_migration(migration.name, e))?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

fn in_migration(name: &'static str, source: rusqlite::Error) -> StoreError {
    StoreError::Migration { name, source }
}

/// This database's node id, made on first use.
pub(super) fn node_id(tx: &Connection) -> rusqlite::Result<String> {
    let found: Option<String> = tx
        .query_row(
            "SELECT value FROM setting WHERE key = ?1",
            [NODE_KEY],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(node) = found {
        return Ok(node);
    }
    // The random half of a UUID: short, and unique among the machines of a team.
    let node = Gid::new().as_uuid().simple().to_string()[16..].to_string();
    tx.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)",
        params![NODE_KEY, node],
    )?;
    Ok(node)
}

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

/// 004: a UUIDv7 for every row that may travel, made from the row's own creation time so the
/// ids sort as the rows were made; a clock stamp for every event in log order.
fn global_ids(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    for (table, time) in [
        ("plan", "created_at"),
        ("evidence", "created_at"),
        ("probe_run", "started_at"),
        ("stakeholder", "created_at"),
        ("decision", "recorded_at"),
    ] {
        let rows: Vec<(i64, String)> = tx
            .prepare(&format!("SELECT id, {time} FROM {table} ORDER BY id"))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut update = tx.prepare(&format!("UPDATE {table} SET gid = ?2 WHERE id = ?1"))?;
        for (id, at) in rows {
            update.execute(params![id, Gid::at(instant(&at))])?;
        }
    }

    let plans: HashMap<i64, Gid> = tx
        .prepare("SELECT id, gid FROM plan")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    // A deleted plan's events still belong together: one id per vanished plan.
    let mut vanished: HashMap<i64, Gid> = HashMap::new();
    let node = node_id(tx)?;
    let mut clock = Hlc::zero(&node);
    let events: Vec<(i64, i64, String)> = tx
        .prepare("SELECT id, plan_id, at FROM event ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = tx.prepare(
        "UPDATE event SET gid = ?2, hlc = ?3, plan_gid = ?4, touches = ?5 WHERE id = ?1",
    )?;
    for (id, plan_id, at) in events {
        let at = instant(&at);
        clock = clock.tick(u64::try_from(at.timestamp_millis()).unwrap_or(0));
        let plan = match plans.get(&plan_id) {
            Some(gid) => *gid,
            None => *vanished.entry(plan_id).or_insert_with(|| Gid::at(at)),
        };
        update.execute(params![
            id,
            Gid::at(at),
            clock.to_string(),
            plan,
            format!("[\"{plan}\"]")
        ])?;
    }
    tx.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![CLOCK_KEY, clock.to_string()],
    )?;
    Ok(())
}
