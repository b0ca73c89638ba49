//! Plan bundles: a whole plan to one file, and back as a new plan or merged into the same one.

use std::path::Path;

use super::{Error, Workspace};
use crate::export::{self, Manifest};
use crate::store::{ImportMode, ImportOutcome};

impl Workspace {
    /// Writes the plan with its evidence files, history, sign-offs and probe runs to `out`.
    pub fn export_bundle(&self, plan_id: i64, out: &Path) -> Result<Manifest, Error> {
        let (data, who, files) = {
            let store = self.store()?;
            (
                store.plan_data(plan_id)?,
                store.user_name()?,
                store.files_dir(),
            )
        };
        // The files are read after the lock is let go: a large bundle takes a while.
        let file_of = |sha: &str| files.join(&sha[..2]).join(sha);
        Ok(export::write_bundle(&data, &who, file_of, out)?)
    }

    /// Reads the bundle at `path` and checks all of it, then imports it: as a new plan (named
    /// `name` if given), or with `merge` into the plan with the same global id. Nothing is
    /// kept of a bundle that fails a check.
    pub fn import_bundle(
        &self,
        path: &Path,
        merge: bool,
        name: Option<&str>,
    ) -> Result<ImportOutcome, Error> {
        let mode = if merge {
            ImportMode::Merge
        } else {
            ImportMode::New
        };
        let mut store = self.store()?;
        let opened = export::open_bundle(&store, path)?;
        let outcome = store.import_plan(&opened.data, mode, name)?;
        for file in opened.files {
            file.commit()?;
        }
        Ok(outcome)
    }
}
