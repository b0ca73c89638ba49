//! File work for the commands: locating stored evidence and writing backups.

use std::path::{Path, PathBuf};

use golive::store::Store;

use crate::dto::CommandError;

/// The stored copy of file evidence `evidence_id` of plan `plan_id`.
pub fn stored_file(store: &Store, plan_id: i64, evidence_id: i64) -> Result<PathBuf, CommandError> {
    let all = store.evidence(plan_id, None)?;
    all.iter()
        .find(|e| e.id == evidence_id)
        .and_then(|e| store.evidence_file(e))
        .ok_or_else(|| {
            CommandError::new(
                "not-found",
                format!("evidence {evidence_id} has no stored file; it may have been deleted"),
            )
        })
}

/// Writes a consistent copy of the database to `dest` (the store's online backup).
pub fn backup(store: &Store, dest: &Path) -> Result<String, CommandError> {
    store.backup_to(dest)?;
    Ok(dest.display().to_string())
}
