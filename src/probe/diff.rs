//! Run-to-run diff: which checks newly fail, which were fixed, which are unchanged.
//!
//! Results are matched by (check, target). Only the verdict decides: volatile observed values
//! (days left, TTL, timings) never make a change on their own. Pure; no IO.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{CheckId, ProbeResult, Verdict};

/// One (check, target) in both runs or only one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub check: CheckId,
    pub target: String,
    pub before: Option<Verdict>,
    pub after: Option<Verdict>,
    pub finding: String,
}

/// The difference between an older and a newer run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RunDiff {
    /// Now fail, before not fail (or absent).
    pub new_failures: Vec<Change>,
    /// Before fail, now pass or warn.
    pub fixed: Vec<Change>,
    /// Verdict changed otherwise (pass↔warn, to or from error, checks no longer run).
    pub changed: Vec<Change>,
    /// Same verdict in both runs.
    pub unchanged: Vec<Change>,
}

impl RunDiff {
    pub fn is_empty(&self) -> bool {
        self.new_failures.is_empty() && self.fixed.is_empty() && self.changed.is_empty()
    }
}

/// Compares two runs' results.
pub fn diff(before: &[ProbeResult], after: &[ProbeResult]) -> RunDiff {
    let key = |r: &ProbeResult| (r.check, r.target.clone());
    let old: BTreeMap<_, &ProbeResult> = before.iter().map(|r| (key(r), r)).collect();
    let new: BTreeMap<_, &ProbeResult> = after.iter().map(|r| (key(r), r)).collect();
    let mut d = RunDiff::default();
    for (k, now) in &new {
        let was = old.get(k).map(|r| r.verdict);
        let change = Change {
            check: k.0,
            target: k.1.clone(),
            before: was,
            after: Some(now.verdict),
            finding: now.finding.clone(),
        };
        match (was, now.verdict) {
            (Some(w), n) if w == n => d.unchanged.push(change),
            (w, Verdict::Fail) if w != Some(Verdict::Fail) => d.new_failures.push(change),
            (Some(Verdict::Fail), Verdict::Pass | Verdict::Warn) => d.fixed.push(change),
            _ => d.changed.push(change),
        }
    }
    for (k, was) in &old {
        if !new.contains_key(k) {
            d.changed.push(Change {
                check: k.0,
                target: k.1.clone(),
                before: Some(was.verdict),
                after: None,
                finding: "not checked in the newer run".into(),
            });
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::Judgement;
    use chrono::Utc;

    fn r(check: CheckId, v: Verdict, days: i64) -> ProbeResult {
        ProbeResult::new(
            check,
            "shop.test:443",
            Judgement::new(v, format!("{days} days left")).with("days_left", days),
            Utc::now(),
            days as u64,
        )
    }

    #[test]
    fn volatile_values_do_not_count_as_changes() {
        let before = [
            r(CheckId::TlsExpiry, Verdict::Pass, 90),
            r(CheckId::Hsts, Verdict::Fail, 0),
        ];
        let after = [
            r(CheckId::TlsExpiry, Verdict::Pass, 89),
            r(CheckId::Hsts, Verdict::Pass, 0),
        ];
        let d = diff(&before, &after);
        assert_eq!(d.unchanged.len(), 1);
        assert_eq!(d.unchanged[0].check, CheckId::TlsExpiry);
        assert_eq!(d.fixed.len(), 1);
        assert!(d.new_failures.is_empty());
    }

    #[test]
    fn new_failures_and_vanished_checks_are_listed() {
        let before = [
            r(CheckId::TlsExpiry, Verdict::Pass, 40),
            r(CheckId::Dns, Verdict::Pass, 0),
        ];
        let after = [
            r(CheckId::TlsExpiry, Verdict::Fail, 20),
            r(CheckId::Spf, Verdict::Fail, 0),
        ];
        let d = diff(&before, &after);
        assert_eq!(d.new_failures.len(), 2);
        assert_eq!(d.new_failures[0].before, Some(Verdict::Pass));
        assert_eq!(d.new_failures[1].before, None);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].after, None);
        assert!(!d.is_empty());
    }
}
