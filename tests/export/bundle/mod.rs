//! Plan bundles between two real databases: a plan travels whole (files, history with its
//! authors and times, sign-offs, probe runs) and comes back merged; a bundle that is cut
//! short, altered, newer or already here is refused and leaves both the database and the
//! file store as they were. What issues 13 and 14 added (governed waivers, blocked reasons,
//! people, evidence corrections, the runbook, decisions' conditions) travels and merges by
//! the clock too (`governed.rs`); a corrupt value of it is refused by name.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use golive::error::ErrorKind;
use golive::ops::{DecisionInput, Workspace};
use golive::plan::{Condition, Decision, OwnDue, Status, Waiver};
use golive::store::{
    EventKind, ItemChange, NewDecision, NewEvidence, NewRunbookStep, OwnTaskEdit, PlanData,
    RunbookEdit, Store,
};
use sha2::{Digest, Sha256};

use crate::common::{TestDb, dump};

mod governed;
mod own_ids;
mod plan_fields;

struct Machine {
    _dir: tempfile::TempDir,
    db: PathBuf,
    ws: Workspace,
}

fn machine(user: &str) -> Machine {
    let db = TestDb::new();
    let path = db.path();
    let TestDb { dir, mut store } = db;
    store.set_user_name(user).unwrap();
    Machine {
        _dir: dir,
        db: path,
        ws: Workspace::new(store),
    }
}

fn files_of(db: &Path) -> Vec<String> {
    let dir = db.with_file_name("files");
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            for f in std::fs::read_dir(e.path()).into_iter().flatten().flatten() {
                out.push(f.file_name().to_string_lossy().into_owned());
            }
            out.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    out.sort();
    out
}

/// A plan with a file, a note, a decision and a sign-off on machine A.
fn plan_on(a: &Machine) -> i64 {
    let mut store = Store::open(&a.db).unwrap();
    let plan = store
        .create_plan(&crate::common::new_plan("Travelling", "2027-06-07 09:00"))
        .unwrap()
        .id;
    let file = a.db.with_file_name("scope.pdf");
    std::fs::write(&file, b"%PDF-1.7 pen test scope").unwrap();
    store
        .add_evidence(plan, "CLO-06", NewEvidence::File(file))
        .unwrap();
    store
        .add_evidence(plan, "GEN-01", NewEvidence::Note("date confirmed".into()))
        .unwrap();
    store
        .update_item(
            plan,
            "GEN-01",
            &ItemChange {
                status: Some(Status::Done),
                owner: Some(Some("Dana".into())),
                ..ItemChange::default()
            },
        )
        .unwrap();
    store.add_stakeholder(plan, "Maria", "CTO", None).unwrap();
    store
        .record_decision(
            plan,
            "Maria",
            &NewDecision::new(Decision::Go, "2027-06-01".parse().unwrap()),
        )
        .unwrap();
    plan
}

#[test]
fn a_plan_travels_whole_and_comes_back_merged() {
    let a = machine("Anna");
    let b = machine("Ben");
    let plan = plan_on(&a);
    let bundle = a.db.with_file_name("travelling.golive");
    let manifest = a.ws.export_bundle(plan, &bundle).unwrap();
    assert_eq!(manifest.files.len(), 1);

    let imported = b.ws.import_bundle(&bundle, false, None).unwrap();
    assert!(!imported.merged);
    let on_b = imported.plan_id;
    let board = b.ws.board(on_b, None).unwrap();
    assert_eq!(
        board.plan.gid,
        a.ws.plan(plan).unwrap().gid,
        "the same plan everywhere"
    );
    assert_eq!(
        board.snapshot.item("GEN-01").unwrap().item.owner.as_deref(),
        Some("Dana")
    );
    let evidence = b.ws.evidence(on_b, None).unwrap();
    assert_eq!(evidence.len(), 2);
    let file = evidence.iter().find(|e| e.sha256.is_some()).unwrap();
    let stored = b.ws.evidence_file(on_b, file.id).unwrap();
    assert_eq!(std::fs::read(stored).unwrap(), b"%PDF-1.7 pen test scope");
    let history_a = a.ws.history(plan, None).unwrap();
    let history_b = b.ws.history(on_b, None).unwrap();
    assert_eq!(history_b.len(), history_a.len() + 1);
    for (x, y) in history_a.iter().zip(&history_b) {
        assert_eq!(
            (x.gid, &x.hlc, &x.who, &x.at),
            (y.gid, &y.hlc, &y.who, &y.at),
            "authors and times kept"
        );
    }
    let last = history_b.last().unwrap();
    assert_eq!(
        (last.kind, last.who.as_str()),
        (EventKind::PlanImported, "Ben")
    );
    assert!(
        last.hlc > history_a.last().unwrap().hlc,
        "B's clock moved past A's"
    );
    assert_eq!(
        b.ws.stakeholders(on_b).unwrap()[0]
            .decision
            .as_ref()
            .unwrap()
            .decision,
        Decision::Go
    );

    // Ben works on it; Anna changes another task meanwhile, and the same one earlier.
    b.ws.change_task(
        on_b,
        "GEN-03",
        &ItemChange {
            status: Some(Status::Done),
            ..ItemChange::default()
        },
    )
    .unwrap();
    b.ws.add_evidence(on_b, "GEN-03", NewEvidence::Note("done at Ben's".into()))
        .unwrap();
    a.ws.change_task(
        plan,
        "GEN-04",
        &ItemChange {
            owner: Some(Some("Anna".into())),
            ..ItemChange::default()
        },
    )
    .unwrap();
    let back = b.db.with_file_name("back.golive");
    b.ws.export_bundle(on_b, &back).unwrap();
    let merged = a.ws.import_bundle(&back, true, None).unwrap();
    assert!(merged.merged);
    assert_eq!(merged.evidence_added, 1);
    assert_eq!(
        merged.fields_taken,
        ["GEN-03 status"],
        "only what Ben changed later"
    );
    let board = a.ws.board(plan, None).unwrap();
    assert_eq!(
        board.snapshot.item("GEN-03").unwrap().item.status,
        Status::Done
    );
    assert_eq!(
        board.snapshot.item("GEN-04").unwrap().item.owner.as_deref(),
        Some("Anna"),
        "Anna's own change stays"
    );
    assert_eq!(a.ws.evidence(plan, Some("GEN-03")).unwrap().len(), 1);

    // The same bundle again adds nothing and logs nothing.
    let events = a.ws.history(plan, None).unwrap().len();
    let again = a.ws.import_bundle(&back, true, None).unwrap();
    assert_eq!(
        (
            again.evidence_added,
            again.events_added,
            again.fields_taken.len()
        ),
        (0, 0, 0)
    );
    assert_eq!(a.ws.history(plan, None).unwrap().len(), events);
}

/// `bundle` rewritten with `edit` applied to each entry's bytes.
fn rewrite(bundle: &Path, out: &Path, edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(bundle).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        writer
            .start_file(name.clone(), zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&edit(&name, bytes)).unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn a_bad_bundle_is_refused_and_nothing_is_kept() {
    let a = machine("Anna");
    let b = machine("Ben");
    let plan = plan_on(&a);
    let dir = a.db.parent().unwrap().to_path_buf();
    let good = dir.join("good.golive");
    a.ws.export_bundle(plan, &good).unwrap();
    let bytes = std::fs::read(&good).unwrap();

    let mut cases: Vec<(&str, PathBuf, ErrorKind, &str)> = Vec::new();
    let half = dir.join("half.golive");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();
    cases.push((
        "cut in half",
        half,
        ErrorKind::InvalidBundle,
        "not a readable plan bundle",
    ));
    let text = dir.join("text.golive");
    std::fs::write(&text, b"not a zip at all").unwrap();
    cases.push((
        "not a bundle",
        text,
        ErrorKind::InvalidBundle,
        "not a readable plan bundle",
    ));
    let data = dir.join("data.golive");
    rewrite(&good, &data, |name, b| {
        if name == "plan.json" {
            String::from_utf8(b)
                .unwrap()
                .replace("Dana", "Eve!")
                .into_bytes()
        } else {
            b
        }
    });
    cases.push((
        "plan data changed",
        data,
        ErrorKind::InvalidBundle,
        "does not match its checksum",
    ));
    let file = dir.join("file.golive");
    rewrite(&good, &file, |name, b| {
        if name.starts_with("files/") {
            b"%PDF-1.7 another scope".to_vec()
        } else {
            b
        }
    });
    cases.push((
        "evidence file swapped",
        file,
        ErrorKind::InvalidBundle,
        "evidence file",
    ));
    let newer = dir.join("newer.golive");
    rewrite(&good, &newer, |name, b| {
        if name == "manifest.json" {
            String::from_utf8(b)
                .unwrap()
                .replace("\"version\": 1", "\"version\": 99")
                .into_bytes()
        } else {
            b
        }
    });
    cases.push((
        "newer format",
        newer,
        ErrorKind::InvalidBundle,
        "newer GoLive Planner",
    ));

    let before = (dump(&b.db), files_of(&b.db));
    for (what, path, kind, message) in &cases {
        let err = b.ws.import_bundle(path, false, None).unwrap_err();
        assert_eq!(err.kind(), *kind, "{what}: {err}");
        assert!(err.to_string().contains(message), "{what}: {err}");
        assert_eq!(
            (dump(&b.db), files_of(&b.db)),
            before,
            "{what} left something behind"
        );
    }
    // Every single byte flipped: refused or imported whole, never a panic or half a plan.
    for i in (0..bytes.len()).step_by(97) {
        let mut flipped = bytes.clone();
        flipped[i] ^= 0x5a;
        let path = dir.join("flipped.golive");
        std::fs::write(&path, &flipped).unwrap();
        let c = machine("Cleo");
        if c.ws.import_bundle(&path, false, None).is_err() {
            assert_eq!(c.ws.list_plans(true).unwrap().len(), 0, "byte {i}");
        }
    }

    // Into the database it came from, without merging: refused.
    let before = dump(&a.db);
    let err = a.ws.import_bundle(&good, false, None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PlanExists);
    assert_eq!(dump(&a.db), before);
    // A merge where the plan is missing is refused too.
    let err = b.ws.import_bundle(&good, true, None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}
