//! The probe results the readiness verdict needs: the newest run's fails, per linked task.
//!
//! Running probes and saving their runs is [`crate::probe`]'s; this only reads the tables its
//! migration added, so the store can judge a plan without depending on the network code.

use std::collections::HashSet;

use super::{Store, StoreError};
use crate::catalog::Template;
use crate::plan::FailingCheck;

impl Store {
    /// Fails of the newest run of each kind (checks, redirects), one per task and check,
    /// on the tasks whose template entry names the check.
    pub fn failing_checks(
        &self,
        plan_id: i64,
        template: &Template,
    ) -> Result<Vec<FailingCheck>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT check_id, target, finding FROM probe_result
             WHERE verdict = 'fail'
               AND run_id IN (SELECT max(id) FROM probe_run WHERE plan_id = ?1 GROUP BY kind)
             ORDER BY id",
        )?;
        let fails = stmt
            .query_map([plan_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (check, target, finding) in fails {
            for task in template.tasks.iter().filter(|t| t.probes.contains(&check)) {
                if seen.insert((task.id.clone(), check.clone())) {
                    out.push(FailingCheck {
                        task_id: task.id.clone(),
                        check: check.clone(),
                        finding: format!("{target}: {finding}"),
                    });
                }
            }
        }
        Ok(out)
    }
}
