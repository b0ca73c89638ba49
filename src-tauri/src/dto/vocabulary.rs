//! The library's vocabulary with its words: every status, verdict, phase, area, decision and
//! check the UI names, in the library's order, with the label its `label()` (or `title()`)
//! gives. The UI reads it once at start instead of keeping its own copy of the words.

use golive::catalog::{Area, Phase};
use golive::plan::{Decision, Status, Verdict};
use golive::probe::{CheckId, Verdict as ProbeVerdict};
use serde::Serialize;
use ts_rs::TS;

/// One key of the vocabulary and the word people read for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Term<K> {
    pub key: K,
    pub label: String,
}

fn terms<K: Copy>(
    keys: impl IntoIterator<Item = K>,
    label: impl Fn(K) -> &'static str,
) -> Vec<Term<K>> {
    keys.into_iter()
        .map(|key| Term {
            key,
            label: label(key).to_string(),
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VocabularyDto {
    pub statuses: Vec<Term<Status>>,
    /// Readiness verdicts of a plan.
    pub verdicts: Vec<Term<Verdict>>,
    pub phases: Vec<Term<Phase>>,
    pub areas: Vec<Term<Area>>,
    pub decisions: Vec<Term<Decision>>,
    /// Probe checks, labelled with their titles.
    pub checks: Vec<Term<CheckId>>,
    /// Verdicts of one probe check.
    pub probe_verdicts: Vec<Term<ProbeVerdict>>,
}

impl VocabularyDto {
    pub fn new() -> VocabularyDto {
        VocabularyDto {
            statuses: terms(Status::ALL, Status::label),
            verdicts: terms(Verdict::ALL, Verdict::label),
            phases: terms(Phase::ALL, Phase::label),
            areas: terms(Area::ALL, Area::label),
            decisions: terms(Decision::ALL, Decision::label),
            checks: terms(CheckId::ALL, CheckId::title),
            probe_verdicts: terms(ProbeVerdict::ALL, ProbeVerdict::label),
        }
    }
}

impl Default for VocabularyDto {
    fn default() -> Self {
        VocabularyDto::new()
    }
}
