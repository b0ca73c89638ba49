//! Killing a writer at any moment loses nothing committed and never corrupts the file.
//!
//! The test binary re-runs itself as the writer (`crash_writer_child`), which adds evidence
//! in a loop and prints each id after its transaction commits; the parent kills it after a
//! varying delay, then checks `PRAGMA integrity_check` and that every printed id is stored.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use golive::store::{NewEvidence, Store};

use crate::common::TestDb;

const CHILD_DB: &str = "GOLIVE_TEST_CRASH_CHILD_DB";

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
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "store::crash::crash_writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DB, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(id) = line.strip_prefix("committed ") {
                    let _ = tx.send(id.trim().parse::<i64>().unwrap());
                }
            }
        });
        // Wait for the first commit, then let it run a varying while before the kill.
        committed.push(
            rx.recv_timeout(Duration::from_secs(30))
                .expect("writer never committed"),
        );
        std::thread::sleep(Duration::from_millis(7 + (round * 13) % 60));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        committed.extend(rx.try_iter());

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
