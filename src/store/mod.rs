//! The SQLite store: one database file per user, plans and everything recorded about them.
//!
//! Opened once per process with WAL and foreign keys on; schema changes come only from the
//! embedded [`migrations`]. Every user action is one transaction that also appends to the
//! event log, so a killed process loses nothing committed. This module does no planning of
//! its own: it loads the inputs of [`crate::plan`] and saves what the user decided.

mod backup;
mod error;
mod events;
mod evidence;
mod items;
mod migrations;
mod plan_admin;
mod plans;
mod probe_results;
mod reschedule;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};

pub use error::StoreError;
pub use events::Event;
pub use evidence::{Evidence, EvidenceKind, NewEvidence};
pub use items::{DueChange, ItemChange};
pub use migrations::SCHEMA_VERSION;
pub use plans::{NewPlan, PlanRecord, PlanSummary};

/// Environment variable that names the database file, as `--db` does.
pub const DB_ENV: &str = "GOLIVE_DB";
const USER_NAME_KEY: &str = "user.name";

/// An open GoLive database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
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

    /// The raw connection, for modules that keep tables of their own.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The raw connection for writes, for modules that keep tables of their own.
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
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

    /// Runs `work` in one transaction with the acting user's name; commits only on success.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>, &Actor) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let actor = Actor {
            who: self.user_name()?,
            at: now_text(),
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = work(&tx, &actor)?;
        tx.commit()?;
        Ok(value)
    }
}

/// Who acts and when, shared by every row one action writes.
struct Actor {
    who: String,
    at: String,
}

/// One entry of the event log.
struct Change<'a> {
    plan_id: i64,
    task_id: Option<&'a str>,
    action: &'a str,
    field: Option<&'a str>,
    old: Option<String>,
    new: Option<String>,
}

impl Actor {
    fn record(&self, tx: &Transaction<'_>, change: Change<'_>) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO event (plan_id, task_id, at, who, action, field, old, new)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                change.plan_id,
                change.task_id,
                self.at,
                self.who,
                change.action,
                change.field,
                change.old,
                change.new
            ],
        )?;
        Ok(())
    }
}
