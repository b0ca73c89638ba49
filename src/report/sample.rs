//! A reference plan for benchmarks, tests and demos: the built-in checklist in a realistic
//! mid-project state with as many evidence notes and probe runs as asked for.
//!
//! Deterministic (no clock, no randomness) so rendered pages can be compared between runs.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::ReportError;
use super::data::*;
use crate::catalog::Template;
use crate::plan::{
    Condition, FailingCheck, Item, Launch, OwnTask, PlanSettings, Status, Waiver, WorkCalendar,
    assess_with, snapshot, with_own_tasks,
};

const OWNERS: [&str; 5] = [
    "Ada Park",
    "Ben Okafor",
    "Chloé Dubois",
    "Dev Ops Team",
    "Eva Lindqvist",
];
const CHECKS: [(&str, &str); 6] = [
    ("tls-expiry", "shop.example.com"),
    ("https-redirect", "http://shop.example.com/"),
    ("hsts", "shop.example.com"),
    ("robots", "https://shop.example.com/robots.txt"),
    ("dmarc", "example.com"),
    ("storefront-access", "https://shop.example.com/"),
];

/// The reference plan: every template task, `notes` evidence notes spread over the tasks,
/// a few links and files, and `probe_runs` runs of six probe checks.
pub fn sample_data(notes: usize, probe_runs: usize) -> Result<ReportData, ReportError> {
    let template = Template::builtin().map_err(|e| ReportError::Template(e.to_string()))?;
    let launch = Launch::parse("2027-06-07 09:00", "Europe/Berlin")
        .map_err(|e| ReportError::Template(e.to_string()))?;
    let today = NaiveDate::from_ymd_opt(2027, 5, 24).unwrap_or_default();
    let settings = PlanSettings {
        launch,
        pentest: None,
        calendar: WorkCalendar::default(),
        planned_on: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default(),
    };
    let n = template.tasks.len();
    let items: Vec<Item> = template
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let status = match i % 11 {
                _ if i < n * 6 / 10 => Status::Done,
                0 => Status::Blocked,
                1 | 5 => Status::InProgress,
                2 => Status::NotApplicable,
                _ => Status::Todo,
            };
            let waiver = (i == n * 6 / 10 + 3).then(|| Waiver {
                reason: "Load test moved to the week after launch; traffic ramps slowly".into(),
                until: NaiveDate::from_ymd_opt(2027, 6, 21).unwrap_or_default(),
                approver: Some("Marta Nowak".into()),
                approved_on: NaiveDate::from_ymd_opt(2027, 5, 18),
                accepted_risk: Some("Checkout may slow down under a campaign peak".into()),
                control: Some("No paid campaign before the load test; autoscaling alarm".into()),
            });
            // Blocking tasks still open are mostly unowned, as in a real mid-project plan.
            let owner = (status.is_closed() || !t.blocking || i % 3 == 0)
                .then(|| OWNERS[i % OWNERS.len()].to_string());
            Item {
                status,
                owner,
                waiver,
                blocked_reason: (status == Status::Blocked)
                    .then(|| "Waiting for the hosting contract amendment".into()),
                ..Item::new(t.id.clone())
            }
        })
        .collect();

    let base: DateTime<Utc> = Utc
        .with_ymd_and_hms(2027, 3, 2, 8, 0, 0)
        .single()
        .unwrap_or_default();
    let mut evidence = Vec::new();
    for k in 0..notes {
        let task = &template.tasks[k % n];
        evidence.push(EvidenceEntry {
            task_id: task.id.clone(),
            kind: EvidenceKind::Note,
            text: format!(
                "Checked with the platform team on call {k}: {}. Confirmation recorded in the \
                 project wiki; no open questions remain for this step.",
                task.title.to_lowercase()
            ),
            file_name: None,
            sha256: None,
            created_at: base + Duration::minutes(97 * k as i64),
            created_by: OWNERS[k % OWNERS.len()].to_string(),
        });
    }
    for (k, task) in template.tasks.iter().enumerate().step_by(9) {
        evidence.push(EvidenceEntry {
            task_id: task.id.clone(),
            kind: EvidenceKind::Link,
            text: format!("https://wiki.example.com/golive/{}", task.id.to_lowercase()),
            file_name: None,
            sha256: None,
            created_at: base + Duration::hours(30 * k as i64),
            created_by: OWNERS[k % OWNERS.len()].to_string(),
        });
        evidence.push(EvidenceEntry {
            task_id: task.id.clone(),
            kind: EvidenceKind::File,
            text: "Signed-off test protocol".into(),
            file_name: Some(format!("{}-protocol.pdf", task.id.to_lowercase())),
            sha256: Some(format!("{:064x}", (k as u128 + 1) * 0x9e37_79b9_7f4a_7c15)),
            created_at: base + Duration::hours(31 * k as i64),
            created_by: OWNERS[(k + 1) % OWNERS.len()].to_string(),
        });
    }

    let mut probes = Vec::new();
    let run_start: DateTime<Utc> = Utc
        .with_ymd_and_hms(2027, 5, 20, 7, 30, 0)
        .single()
        .unwrap_or_default();
    for run in 0..probe_runs {
        for (c, (check, target)) in CHECKS.iter().enumerate() {
            let verdict = match (run, c) {
                (r, 0) if r + 1 == probe_runs => ProbeVerdict::Warn,
                (0, 2) => ProbeVerdict::Fail,
                (1, 4) => ProbeVerdict::Error,
                _ => ProbeVerdict::Pass,
            };
            let finding = match verdict {
                ProbeVerdict::Pass => "as expected".to_string(),
                ProbeVerdict::Warn => {
                    "certificate expires 24 days after launch; renew before go-live".to_string()
                }
                ProbeVerdict::Fail => {
                    "no Strict-Transport-Security header on the storefront".to_string()
                }
                ProbeVerdict::Error => "DNS lookup timed out after 5 s".to_string(),
            };
            probes.push(ProbeResult {
                check: check.to_string(),
                target: target.to_string(),
                verdict,
                finding,
                at: run_start + Duration::days(run as i64) + Duration::seconds(c as i64 * 3),
            });
        }
    }

    let mut counts: HashMap<String, usize> = HashMap::new();
    for e in &evidence {
        *counts.entry(e.task_id.clone()).or_default() += 1;
    }
    // Marta's go-with-conditions set two tasks of the plan's own.
    let conditions = [
        Condition {
            text: "HSTS header live and verified by a probe run before the DNS switch".into(),
            owner: "Dev Ops Team".into(),
            due: NaiveDate::from_ymd_opt(2027, 6, 3).unwrap_or_default(),
        },
        Condition {
            text: "Rollback plan rehearsed once on staging".into(),
            owner: "Chloé Dubois".into(),
            due: NaiveDate::from_ymd_opt(2027, 6, 4).unwrap_or_default(),
        },
    ];
    let decided_on = NaiveDate::from_ymd_opt(2027, 5, 24).unwrap_or_default();
    let own: Vec<OwnTask> = conditions
        .iter()
        .enumerate()
        .map(|(k, c)| OwnTask {
            id: format!("X-{:02}", k + 1),
            ..c.to_task(launch.date(), "Marta Nowak", decided_on)
        })
        .collect();
    let mut items = items;
    for (task, (c, status)) in own
        .iter()
        .zip(conditions.iter().zip([Status::InProgress, Status::Todo]))
    {
        items.push(Item {
            status,
            owner: Some(c.owner.clone()),
            ..Item::new(task.id.clone())
        });
    }
    let template = with_own_tasks(&template, &own);
    let snap = snapshot(&template, &settings, &items, &counts, today);
    // The newest run's warnings reach the tasks the checklist links each check to.
    let newest = probes.iter().map(|p| p.at).max();
    let mut warnings: Vec<FailingCheck> = Vec::new();
    for p in probes.iter().filter(|p| {
        p.verdict == ProbeVerdict::Warn && newest.is_some_and(|n| n - p.at < Duration::hours(1))
    }) {
        for t in template
            .tasks
            .iter()
            .filter(|t| t.probes.contains(&p.check))
        {
            warnings.push(FailingCheck {
                task_id: t.id.clone(),
                check: p.check.clone(),
                finding: format!("{}: {}", p.target, p.finding),
            });
        }
    }
    let readiness = assess_with(&snap, &[], &warnings);
    let state = crate::plan::plan_state(&snap, &template.info.version, &[]);
    let generated_at = Utc
        .with_ymd_and_hms(2027, 5, 24, 7, 45, 0)
        .single()
        .unwrap_or_default();
    Ok(ReportData {
        report_id: ReportData::make_id("Aurora Shop relaunch", generated_at),
        plan_name: "Aurora Shop relaunch".into(),
        client: Some("Nordlicht Outdoor GmbH".into()),
        launch,
        template: template.info.clone(),
        generated_at,
        issued_by: "Ada Park".into(),
        seal_key_fingerprint: None,
        timestamp_authority: None,
        snapshot: snap,
        readiness,
        evidence,
        probes,
        signoffs: vec![
            SignOff {
                name: "Marta Nowak".into(),
                role: "Head of E-commerce".into(),
                email: Some("marta.nowak@nordlicht.example".into()),
                decision: Some(Decision::GoWithConditions),
                conditions: Some("HSTS header live and verified by a probe run before the DNS switch; rollback plan rehearsed once.".into()),
                decided_on: NaiveDate::from_ymd_opt(2027, 5, 24),
                changed_since: Some(Vec::new()),
                report_id: Some("GLR-20270517-0800-9C41".into()),
                report_sha256: Some(
                    "4f2a9c0d7be3155e6a0c8d2f91b7a4e3c5d6e7f8091a2b3c4d5e6f708192a3b4".into(),
                ),
                condition_tasks: own.iter().map(|t| t.id.clone()).collect(),
            },
            SignOff {
                name: "Jonas Weber".into(),
                role: "CTO".into(),
                email: Some("jonas.weber@nordlicht.example".into()),
                decision: Some(Decision::NoGo),
                conditions: Some("HSTS missing on the storefront and the load test not run.".into()),
                decided_on: NaiveDate::from_ymd_opt(2027, 5, 24),
                changed_since: Some(vec![
                    "TES-05: Blocked → Done".into(),
                    "probe check no longer failing: CLO-13 hsts".into(),
                ]),
                report_id: None,
                report_sha256: None,
                condition_tasks: Vec::new(),
            },
            SignOff {
                name: "Lena Fischer".into(),
                role: "Data protection officer".into(),
                email: None,
                decision: None,
                conditions: None,
                decided_on: None,
                changed_since: None,
                report_id: None,
                report_sha256: None,
                condition_tasks: Vec::new(),
            },
        ],
        retired: Vec::new(),
        // Two weeks before the launch every step is still open.
        runbook: Some(crate::plan::runbook(&template.runbook, &[], &launch, generated_at))
            .filter(|r| !r.steps.is_empty()),
        since_previous: Some(SincePrevious {
            report_id: "GLR-20270517-0800-9C41".into(),
            issued_at: Utc
                .with_ymd_and_hms(2027, 5, 17, 8, 0, 0)
                .single()
                .unwrap_or_default(),
            changes: vec![
                "TES-05 Status: Blocked → Done".into(),
                "Probe run saved: tls, http, mail".into(),
                "CLO-13 Owner: — → Dev Ops Team".into(),
                "Decision of Marta Nowak: Go with conditions".into(),
            ],
        }),
        plan_state: Some(state),
    })
}
