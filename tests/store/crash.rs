//! Killing a writer at any moment loses nothing committed and never corrupts the file.
//!
//! The test binary re-runs itself as the writer (`crash_writer_child`,
//! `crash_probe_writer_child`), which writes in a loop and prints each id after its
//! transaction commits; the parent kills it after a varying delay, then checks
//! `PRAGMA integrity_check` and that every printed id is stored — and, for probe runs, that
//! every run is there whole with its results and evidence, or not at all.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use chrono::Utc;
use golive::probe::history::{self, RunKind};
use golive::probe::{CheckId, Judgement, ProbeResult, RunReport};
use golive::store::{EventKind, EvidenceKind, NewEvidence, Store};

use crate::common::TestDb;

const CHILD_DB: &str = "GOLIVE_TEST_CRASH_CHILD_DB";
/// Results per saved run: enough that a kill often lands inside the transaction.
const RESULTS_PER_RUN: usize = 400;

/// Runs this test binary's `child` test as the writer on `db`, waits for its first commit,
/// lets it go on for `ms` milliseconds and kills it; answers what it printed after each
/// "committed ".
fn run_writer(child: &str, db: &std::path::Path, ms: u64) -> Vec<String> {
    let mut process = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", child, "--nocapture", "--test-threads=1"])
        .env(CHILD_DB, db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = process.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("committed ") {
                let _ = tx.send(rest.trim().to_string());
            }
        }
    });
    let mut lines = vec![
        rx.recv_timeout(Duration::from_secs(60))
            .expect("writer never committed"),
    ];
    std::thread::sleep(Duration::from_millis(ms));
    process.kill().unwrap();
    process.wait().unwrap();
    reader.join().unwrap();
    lines.extend(rx.try_iter());
    lines
}

/// The writer; a no-op unless the parent test started this binary for it.
#[test]
fn crash_writer_child() {
    let Some(path) = std::env::var_os(CHILD_DB) else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&path)).unwrap();
    let plan = store.find_plan("Crash").unwrap();
    let file = std::path::Path::new(&path).with_file_name("blob.bin");
    for i in 0.. {
        let evidence = if i % 5 == 0 {
            std::fs::write(&file, format!("blob {i}").repeat(200)).unwrap();
            NewEvidence::File(file.clone())
        } else {
            NewEvidence::Note(format!("note {i} ").repeat(50))
        };
        let e = store.add_evidence(plan.id, "GEN-01", evidence).unwrap();
        println!("committed {}", e.id);
    }
}

#[test]
fn killed_writer_loses_nothing_committed() {
    let mut db = TestDb::new();
    let plan = db.plan("Crash", "2027-06-07 09:00");
    let path = db.path();
    drop(db.store);

    let mut committed: Vec<i64> = Vec::new();
    for round in 0..12u64 {
        let lines = run_writer(
            "store::crash::crash_writer_child",
            &path,
            7 + (round * 13) % 60,
        );
        committed.extend(lines.iter().map(|l| l.parse::<i64>().unwrap()));

        let store = Store::open(&path).unwrap();
        let integrity = store.integrity_check().unwrap();
        assert_eq!(integrity, "ok", "round {round}");
        let stored: std::collections::HashSet<i64> = store
            .evidence(plan.id, None)
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect();
        for id in &committed {
            assert!(
                stored.contains(id),
                "round {round}: committed evidence {id} lost"
            );
        }
        let events = store.history(plan.id, Some("GEN-01")).unwrap().len();
        assert_eq!(
            events,
            stored.len(),
            "round {round}: evidence and history disagree"
        );
    }
    assert!(
        committed.len() > 12,
        "the writer committed too little to test: {}",
        committed.len()
    );
}

/// A run of many results over every check, so it files evidence on many tasks.
fn big_report() -> RunReport {
    let now = Utc::now();
    let results = (0..RESULTS_PER_RUN)
        .map(|i| {
            let check = CheckId::ALL[i % CheckId::ALL.len()];
            ProbeResult::new(
                check,
                format!("https://shop-{i}.test/"),
                Judgement::pass(format!("result {i} ").repeat(8)),
                now,
                3,
            )
        })
        .collect();
    RunReport {
        started_at: now,
        finished_at: now,
        results,
        cancelled: false,
    }
}

/// The probe-run writer; a no-op unless the parent test started this binary for it.
#[test]
fn crash_probe_writer_child() {
    let Some(path) = std::env::var_os(CHILD_DB) else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&path)).unwrap();
    let plan = store.find_plan("Crash").unwrap();
    let report = big_report();
    loop {
        let saved = history::save_run(&mut store, plan.id, RunKind::Checks, &report, None).unwrap();
        println!("committed {} {}", saved.run_id, saved.evidence_added);
    }
}

#[test]
fn killed_probe_run_writer_leaves_whole_runs_or_nothing() {
    let mut db = TestDb::new();
    let plan = db.plan("Crash", "2027-06-07 09:00");
    let path = db.path();
    drop(db.store);

    let mut committed: Vec<(i64, usize)> = Vec::new();
    for round in 0..10u64 {
        let lines = run_writer(
            "store::crash::crash_probe_writer_child",
            &path,
            5 + (round * 17) % 90,
        );
        committed.extend(lines.iter().map(|l| {
            let (run, evidence) = l.split_once(' ').unwrap();
            (
                run.parse::<i64>().unwrap(),
                evidence.parse::<usize>().unwrap(),
            )
        }));

        let store = Store::open(&path).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok", "round {round}");
        let per_run_evidence = committed[0].1;
        assert!(per_run_evidence > 0, "the run should file evidence");
        let runs = history::runs(&store, plan.id).unwrap();
        let stored: std::collections::HashSet<i64> = runs.iter().map(|r| r.id).collect();
        for (id, _) in &committed {
            assert!(
                stored.contains(id),
                "round {round}: committed run {id} lost"
            );
        }
        let evidence = store.evidence(plan.id, None).unwrap();
        let events = store.history(plan.id, None).unwrap();
        for run in &runs {
            let results = history::results(&store, plan.id, run.id).unwrap();
            assert_eq!(
                results.len(),
                RESULTS_PER_RUN,
                "round {round}: run {} half saved",
                run.id
            );
            let tag = format!("(run {})", run.id);
            let filed = evidence
                .iter()
                .filter(|e| e.kind == EvidenceKind::Probe && e.body.ends_with(&tag))
                .count();
            assert_eq!(
                filed, per_run_evidence,
                "round {round}: run {} without all its evidence",
                run.id
            );
        }
        assert_eq!(
            evidence.len(),
            runs.len() * per_run_evidence,
            "round {round}: evidence without its run"
        );
        let saved_events = events
            .iter()
            .filter(|e| e.kind == EventKind::ProbeRunSaved)
            .count();
        let evidence_events = events
            .iter()
            .filter(|e| e.kind == EventKind::EvidenceAdded)
            .count();
        assert_eq!(saved_events, runs.len(), "round {round}");
        assert_eq!(evidence_events, evidence.len(), "round {round}");
    }
    let rounds_with_more = committed.len() - 10;
    assert!(
        rounds_with_more > 0,
        "the writer never got past its first run: {committed:?}"
    );
}
