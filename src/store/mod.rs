//! The SQLite store: one database file per user, plans and everything recorded about them.
//!
//! The store owns every table: no SQL is written anywhere else. Opened once per process with
//! WAL and foreign keys on; schema changes come only from the embedded [`migrations`]. Every
//! change is one transaction that also appends its event — with a global id ([`Gid`]), its
//! author, a stamp of the hybrid logical clock ([`Hlc`]) and the ids of what it touched — so
//! a killed process loses nothing committed and every change can travel. This module does no
//! planning of its own: it loads the inputs of [`crate::plan`] and saves what the user
//! decided; the operations that call it are [`crate::ops`].

mod backup;
mod bundle;
mod clock;
mod corrections;
mod error;
mod events;
mod evidence;
mod ids;
mod items;
mod migrations;
mod own_tasks;
mod people;
mod plan_admin;
mod plans;
mod probes;
mod reports;
mod reschedule;
mod runbook;
mod signoffs;
mod template_update;
mod waivers;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};

pub use bundle::{ImportMode, ImportOutcome, PLAN_DATA_VERSION, PlanData};
pub use clock::{Hlc, HlcParseError};
pub use error::StoreError;
pub use events::{Event, EventKind};
pub use evidence::{Evidence, EvidenceKind, NewEvidence, Retraction, StagedBlob, Stamp};
pub use ids::Gid;
pub use items::{DueChange, ItemChange};
pub use migrations::SCHEMA_VERSION;
pub use own_tasks::{OwnTaskEdit, RemovedOwnTask, due_text};
pub use people::{NameSource, NameSuggestion, Person};
pub use plans::{NewPlan, PlanRecord, PlanSummary};
pub use probes::{
    NewProbeResult, NewProbeRun, RunEvidence, RunKind, SavedRun, StoredResult, StoredRun,
};
pub use reports::SinceReport;
pub use runbook::{NewRunbookStep, RunbookEdit};
pub use signoffs::{DecisionRecord, NewDecision, ReportRef, Stakeholder};
pub use template_update::RetiredTask;

/// Environment variable that names the database file, as `--db` does.
pub const DB_ENV: &str = "GOLIVE_DB";
const USER_NAME_KEY: &str = "user.name";

/// An open GoLive database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Parsed templates by content hash: a template row never changes (a new version is a
    /// new row), and parsing the 500-task TOML was most of each board load.
    templates: RefCell<std::collections::HashMap<String, crate::catalog::Template>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Read the version before any pragma that writes (journal_mode does), so a newer
        // database is left byte for byte as it was.
        let found = migrations::schema_version(&conn).map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                StoreError::NotADatabase {
                    path: path.to_path_buf(),
                }
            }
            other => StoreError::Sqlite(other),
        })?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // In WAL mode NORMAL keeps every committed transaction across a crash or kill of
        // the process and never corrupts the file; only a power cut can roll back the last
        // commits. FULL would add an fsync to every click (about 25 ms on a VM disk).
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // The last connection to close would otherwise checkpoint and delete the WAL with
        // an fsync each time; for a CLI that is every command. SQLite's automatic
        // checkpoints (every 1000 pages) keep the WAL small instead.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        migrations::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            templates: RefCell::default(),
        })
    }

    /// The database named by `GOLIVE_DB`, else the platform data directory's `golive.db`.
    pub fn default_path() -> Result<PathBuf, StoreError> {
        if let Some(path) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(path));
        }
        directories::ProjectDirs::from("", "", "golive")
            .map(|dirs| dirs.data_dir().join("golive.db"))
            .ok_or(StoreError::NoDataDir)
    }

    pub fn open_default() -> Result<Store, StoreError> {
        Store::open(&Store::default_path()?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder that holds the database and what lives beside it (evidence files, keys).
    pub fn data_dir(&self) -> PathBuf {
        self.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// SQLite's own check of the whole file: "ok", or what is damaged.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// The name recorded in the history: the setting, else the OS user.
    pub fn user_name(&self) -> Result<String, StoreError> {
        Ok(self
            .setting(USER_NAME_KEY)?
            .unwrap_or_else(whoami::username))
    }

    pub fn set_user_name(&mut self, name: &str) -> Result<(), StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::InvalidInput(
                "your name must not be empty; it is recorded with every change".into(),
            ));
        }
        self.set_setting(USER_NAME_KEY, name)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Runs `work` in one transaction with the acting user's name and the clock; commits
    /// only on success. The transaction takes the write lock at once, so the clock read here
    /// is the newest even when another process writes to the same file.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>, &Actor) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let who = self.user_name()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let actor = Actor {
            who,
            at: now_text(),
            clock: RefCell::new(clock_of(&tx)?),
        };
        let value = work(&tx, &actor)?;
        tx.commit()?;
        Ok(value)
    }
}

/// The clock's last stamp, or this node's zero before its first event.
fn clock_of(tx: &Transaction<'_>) -> Result<Hlc, StoreError> {
    let node = migrations::node_id(tx)?;
    let last: Option<String> = tx
        .query_row(
            "SELECT value FROM setting WHERE key = ?1",
            [migrations::CLOCK_KEY],
            |r| r.get(0),
        )
        .optional()?;
    match last {
        // A copied database keeps its node id; the stamp's own node is what it says.
        Some(text) => {
            let mut hlc: Hlc = text
                .parse()
                .map_err(|e: HlcParseError| StoreError::Corrupt(e.to_string()))?;
            hlc.node = node;
            Ok(hlc)
        }
        None => Ok(Hlc::zero(&node)),
    }
}

/// Who acts and when, shared by every row one action writes, and the clock its events read.
struct Actor {
    who: String,
    at: String,
    clock: RefCell<Hlc>,
}

/// One entry of the event log.
struct Change<'a> {
    plan_id: i64,
    task_id: Option<&'a str>,
    kind: EventKind,
    field: Option<&'a str>,
    old: Option<String>,
    new: Option<String>,
    /// The global ids of the rows the change made or changed, besides the plan's.
    touches: Vec<Gid>,
}

impl Change<'_> {
    /// A change of the plan as a whole (no task, no field).
    fn plan(plan_id: i64, kind: EventKind) -> Change<'static> {
        Change {
            plan_id,
            task_id: None,
            kind,
            field: None,
            old: None,
            new: None,
            touches: Vec::new(),
        }
    }
}

impl Actor {
    /// Appends `change` to the event log with a new global id and clock stamp. Call it
    /// while the plan's row still exists (before a delete): the event keeps the plan's id.
    fn record(&self, tx: &Transaction<'_>, change: Change<'_>) -> Result<Gid, StoreError> {
        // Cached statements: a bulk change records hundreds of events in one transaction,
        // and parsing the same SQL for each was most of its time.
        let plan_gid: Gid = tx
            .prepare_cached("SELECT gid FROM plan WHERE id = ?1")?
            .query_row([change.plan_id], |r| r.get(0))?;
        let now = u64::try_from(Utc::now().timestamp_millis()).unwrap_or(0);
        let stamp = self.clock.borrow().tick(now);
        let gid = Gid::new();
        let touches: Vec<Gid> = std::iter::once(plan_gid).chain(change.touches).collect();
        let touches = serde_json::to_string(&touches)
            .map_err(|e| StoreError::Corrupt(format!("event ids: {e}")))?;
        tx.prepare_cached(
            "INSERT INTO event (gid, hlc, plan_id, plan_gid, task_id, at, who, action, field,
                                old, new, touches)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            gid,
            stamp.to_string(),
            change.plan_id,
            plan_gid,
            change.task_id,
            self.at,
            self.who,
            change.kind.key(),
            change.field,
            change.old,
            change.new,
            touches
        ])?;
        tx.prepare_cached(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?
        .execute(params![migrations::CLOCK_KEY, stamp.to_string()])?;
        *self.clock.borrow_mut() = stamp;
        Ok(gid)
    }
}
