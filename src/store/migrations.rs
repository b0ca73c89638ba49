//! Schema migrations, embedded in the binary and applied in order, each in one transaction.
//!
//! The schema version is SQLite's `PRAGMA user_version`. A database written by a newer
//! GoLive Planner is refused before anything touches it.

use rusqlite::Connection;

/// Migrations in order; the schema version after applying migration `i` is `i + 1`.
const MIGRATIONS: &[(&str, &str)] = &[
    ("001_init", include_str!("migrations/001_init.sql")),
    ("002_probes", include_str!("migrations/002_probes.sql")),
    ("003_signoff", include_str!("migrations/003_signoff.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Applies every migration newer than the database's version.
pub(super) fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let current = schema_version(conn)?;
    for (index, (_name, sql)) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= current {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
