//! The reports a plan has had: each export is an event, so the next report can say what
//! changed since the one before it, in the history's own words.

use super::{Change, Event, EventKind, Store, StoreError};

/// The plan's previous report and the history after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinceReport {
    pub report_id: String,
    /// RFC 3339, UTC.
    pub issued_at: String,
    /// Every event after it, oldest first.
    pub events: Vec<Event>,
}

impl Store {
    /// Records that report `report_id`, whose sealed data has SHA-256 `data_sha256`, was
    /// exported for the plan.
    pub fn record_report_issued(
        &mut self,
        plan_id: i64,
        report_id: &str,
        data_sha256: &str,
    ) -> Result<(), StoreError> {
        self.plan(plan_id)?;
        self.write(|tx, actor| {
            actor.record(
                tx,
                Change {
                    field: Some(report_id),
                    new: Some(data_sha256.to_string()),
                    ..Change::plan(plan_id, EventKind::ReportIssued)
                },
            )?;
            Ok(())
        })
    }

    /// The newest report issued for the plan and what the history recorded after it;
    /// `None` before the plan's first report.
    pub fn since_last_report(&self, plan_id: i64) -> Result<Option<SinceReport>, StoreError> {
        let history = self.history(plan_id, None)?;
        let Some(last) = history
            .iter()
            .rposition(|e| e.kind == EventKind::ReportIssued)
        else {
            return Ok(None);
        };
        let issued = &history[last];
        Ok(Some(SinceReport {
            report_id: issued.field.clone().unwrap_or_default(),
            issued_at: issued.at.clone(),
            events: history[last + 1..].to_vec(),
        }))
    }
}
