//! Probe checks that warn on a plan's tasks (a certificate expiring soon after launch, a
//! DMARC policy of p=none): the register's and the verdict's risks, next to the failing
//! checks of [`Store::failing_checks`]. Read only.

use std::collections::HashSet;

use super::{Store, StoreError};
use crate::catalog::Template;
use crate::plan::FailingCheck;

impl Store {
    /// The checks that warned in each kind's latest probe run, once per task and check, on
    /// every task the template links the check to.
    pub fn warning_checks(
        &self,
        plan_id: i64,
        template: &Template,
    ) -> Result<Vec<FailingCheck>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT check_id, target, finding FROM probe_result
             WHERE verdict = 'warn'
               AND run_id IN (SELECT max(id) FROM probe_run WHERE plan_id = ?1 GROUP BY kind)
             ORDER BY id",
        )?;
        let warns = stmt
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
        for (check, target, finding) in warns {
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
