//! Online backup: a consistent copy of the database while it stays in use.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::{Store, StoreError};

impl Store {
    /// Copies the whole database to `dest` (which must not exist yet) with SQLite's online
    /// backup, so concurrent writers never see a half-made copy.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        if dest.exists() {
            return Err(StoreError::InvalidInput(format!(
                "{} already exists; choose a new file name for the backup",
                dest.display()
            )));
        }
        // Write beside the target and rename, so an interrupted backup never leaves a file
        // that looks complete.
        let partial = dest.with_extension("partial");
        let result = (|| {
            let mut out = Connection::open(&partial)?;
            Backup::new(&self.conn, &mut out)?.run_to_completion(
                256,
                Duration::from_millis(0),
                None,
            )?;
            Ok::<_, rusqlite::Error>(())
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&partial);
            return Err(e.into());
        }
        std::fs::rename(&partial, dest).map_err(|source| StoreError::Io {
            path: dest.to_path_buf(),
            source,
        })
    }
}
