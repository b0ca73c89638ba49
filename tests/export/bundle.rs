//! Plan bundles between two real databases: a plan travels whole (files, history with its
//! authors and times, sign-offs, probe runs) and comes back merged; a bundle that is cut
//! short, altered, newer or already here is refused and leaves both the database and the
//! file store as they were. What issues 13 and 14 added (governed waivers, blocked reasons,
//! people, evidence corrections, the runbook, decisions' conditions) travels and merges by
//! the clock too; a corrupt value of it is refused by name.

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

/// What issues 13 and 14 added to a plan, set on machine A: a governed waiver on a blocking
/// task, a blocked task with its reason, two people, an edited and a retracted note, a
/// runbook step of the plan's own and a go-with-conditions decision with one condition.
fn governed_plan_on(a: &Machine) -> i64 {
    let plan = plan_on(a);
    let ws = &a.ws;
    ws.change_task(
        plan,
        "CLO-06",
        &ItemChange {
            waiver: Some(Some(Waiver {
                reason: "DNS cut-over rehearsed by the hosting partner".into(),
                until: "2027-06-30".parse().unwrap(),
                approver: Some("Head of E-commerce".into()),
                approved_on: Some("2027-05-03".parse().unwrap()),
                accepted_risk: Some("Up to an hour of stale DNS answers".into()),
                control: Some("TTL lowered to 300 s a week ahead".into()),
            })),
            ..ItemChange::default()
        },
    )
    .unwrap();
    ws.change_task(
        plan,
        "APP-02",
        &ItemChange {
            status: Some(Status::Blocked),
            blocked_reason: Some("waiting for the Docker SDK release".into()),
            ..ItemChange::default()
        },
    )
    .unwrap();
    ws.add_person(plan, "Dana", Some("Project lead"), Some("dana@example.com"))
        .unwrap();
    ws.add_person(plan, "Eli", None, None).unwrap();
    let edited = ws
        .add_evidence(
            plan,
            "APP-01",
            NewEvidence::Note("gateway logs the IP".into()),
        )
        .unwrap();
    ws.edit_evidence(
        plan,
        edited.id,
        NewEvidence::Note("gateway logs the client IP (X-Forwarded-For)".into()),
    )
    .unwrap();
    let wrong = ws
        .add_evidence(
            plan,
            "APP-03",
            NewEvidence::Note("twig 3.15.2 installed".into()),
        )
        .unwrap();
    ws.retract_evidence(plan, wrong.id, "belongs to another shop")
        .unwrap();
    ws.add_runbook_step(
        plan,
        NewRunbookStep {
            title: "Warm the caches".into(),
            at_minutes: -30,
            owner: Some("Dana".into()),
            checkpoint: Some("Caches warm?".into()),
            task: None,
            dns_switch: false,
        },
    )
    .unwrap();
    ws.add_stakeholder(plan, "Omar", "Head of E-commerce", None)
        .unwrap();
    ws.record_decision(
        plan,
        "Omar",
        &DecisionInput {
            conditions: vec![Condition {
                text: "HSTS enabled on the storefront".into(),
                owner: "Dana".into(),
                due: "2027-06-01".parse().unwrap(),
            }],
            on: Some("2027-05-20".parse().unwrap()),
            ..DecisionInput::new(Decision::GoWithConditions)
        },
    )
    .unwrap();
    plan
}

/// The plan's data as this database holds it, the history without its last `drop_last`
/// entries (an import's or merge's own).
fn data_of(m: &Machine, plan: i64, drop_last: usize) -> PlanData {
    let mut data = Store::open(&m.db).unwrap().plan_data(plan).unwrap();
    data.events.truncate(data.events.len() - drop_last);
    data
}

fn entry(bundle: &Path, name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(bundle).unwrap()).unwrap();
    let mut bytes = Vec::new();
    zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

#[test]
fn governed_waivers_people_corrections_runbook_and_conditions_travel_whole() {
    let a = machine("Anna");
    let b = machine("Ben");
    let plan = governed_plan_on(&a);
    let bundle = a.db.with_file_name("governed.golive");
    a.ws.export_bundle(plan, &bundle).unwrap();
    let json = String::from_utf8(entry(&bundle, "plan.json")).unwrap();
    for text in [
        "\"waiver_approver\": \"Head of E-commerce\"",
        "\"waiver_control\": \"TTL lowered to 300 s a week ahead\"",
        "\"blocked_reason\": \"waiting for the Docker SDK release\"",
        "\"email\": \"dana@example.com\"",
        "\"reason\": \"belongs to another shop\"",
        "\"edited_by\": \"Anna\"",
        "\"title\": \"Warm the caches\"",
        "\"condition_tasks\": [",
    ] {
        assert!(json.contains(text), "plan.json lacks {text}");
    }

    let on_b = b.ws.import_bundle(&bundle, false, None).unwrap().plan_id;
    assert_eq!(
        data_of(&b, on_b, 1),
        data_of(&a, plan, 0),
        "every row and field the same on both machines"
    );
    // And as a user of B sees it.
    let board = b.ws.board(on_b, None).unwrap();
    let waiver = board
        .snapshot
        .item("CLO-06")
        .unwrap()
        .item
        .waiver
        .clone()
        .unwrap();
    assert_eq!(
        (
            waiver.approver.as_deref(),
            waiver.approved_on.map(|d| d.to_string()),
            waiver.accepted_risk.as_deref(),
            waiver.control.as_deref()
        ),
        (
            Some("Head of E-commerce"),
            Some("2027-05-03".to_string()),
            Some("Up to an hour of stale DNS answers"),
            Some("TTL lowered to 300 s a week ahead")
        )
    );
    let blocked = &board.snapshot.item("APP-02").unwrap().item;
    assert_eq!(
        (blocked.status, blocked.blocked_reason.as_deref()),
        (Status::Blocked, Some("waiting for the Docker SDK release"))
    );
    let people: Vec<_> =
        b.ws.people(on_b)
            .unwrap()
            .into_iter()
            .map(|p| (p.name, p.role, p.email))
            .collect();
    assert_eq!(
        people,
        [
            (
                "Dana".to_string(),
                Some("Project lead".to_string()),
                Some("dana@example.com".to_string())
            ),
            ("Eli".to_string(), None, None)
        ]
    );
    let edited = &b.ws.evidence(on_b, Some("APP-01")).unwrap()[0];
    assert_eq!(edited.body, "gateway logs the client IP (X-Forwarded-For)");
    assert_eq!(edited.edited.as_ref().unwrap().by, "Anna");
    let retracted = &b.ws.evidence(on_b, Some("APP-03")).unwrap()[0];
    let retraction = retracted.retracted.as_ref().unwrap();
    assert_eq!(
        (retraction.by.as_str(), retraction.reason.as_str()),
        ("Anna", "belongs to another shop")
    );
    assert!(
        b.ws.history(on_b, Some("APP-03"))
            .unwrap()
            .iter()
            .any(|e| e.kind == EventKind::EvidenceRetracted
                && e.new.as_deref() == Some("belongs to another shop")),
        "the history says it was retracted"
    );
    assert_eq!(
        board.snapshot.item("APP-03").unwrap().evidence_count,
        0,
        "retracted evidence still counts for nothing"
    );
    let runbook = b.ws.runbook(on_b, None).unwrap();
    assert!(
        runbook
            .steps
            .iter()
            .any(|s| s.title == "Warm the caches" && s.owner.as_deref() == Some("Dana")),
        "the plan's own runbook step"
    );
    let omar =
        b.ws.stakeholders(on_b)
            .unwrap()
            .into_iter()
            .find(|s| s.name == "Omar")
            .unwrap();
    let decision = omar.decision.unwrap();
    assert_eq!(decision.decision, Decision::GoWithConditions);
    assert_eq!(decision.condition_tasks.len(), 1);
    let condition = board.snapshot.item(&decision.condition_tasks[0]).unwrap();
    assert_eq!(condition.task.title, "HSTS enabled on the storefront");
    assert_eq!(condition.item.owner.as_deref(), Some("Dana"));

    // The same bundle merged again: nothing added, taken or logged (only the clock moves).
    let rows = |m: &Machine| -> Vec<String> {
        dump(&m.db)
            .into_iter()
            .filter(|r| !r.starts_with("setting:"))
            .collect()
    };
    let before = (rows(&b), data_of(&b, on_b, 0));
    let again = b.ws.import_bundle(&bundle, true, None).unwrap();
    assert_eq!(
        (
            again.evidence_added,
            again.events_added,
            again.decisions_added,
            again.people_added,
            again.fields_taken.len()
        ),
        (0, 0, 0, 0, 0),
        "{again:?}"
    );
    assert_eq!((rows(&b), data_of(&b, on_b, 0)), before);
}

#[test]
fn a_merge_takes_what_the_other_side_changed_later_and_keeps_what_changed_here_later() {
    let a = machine("Anna");
    let b = machine("Ben");
    let plan = governed_plan_on(&a);
    let there = a.db.with_file_name("there.golive");
    a.ws.export_bundle(plan, &there).unwrap();
    let on_b = b.ws.import_bundle(&there, false, None).unwrap().plan_id;

    // Ben: unblocks APP-02, gives the waiver a new approver and control, gives Dana a new
    // role, takes Eli off the list, gives the stakeholder Omar a new role and e-mail, checks off the own runbook step and takes it over,
    // checks off a template step, retitles and redates the condition's task, retracts
    // GEN-01's note and corrects APP-01's; Anna corrects the same APP-01 note after him.
    b.ws.change_task(
        on_b,
        "APP-02",
        &ItemChange {
            status: Some(Status::InProgress),
            ..ItemChange::default()
        },
    )
    .unwrap();
    b.ws.change_task(
        on_b,
        "CLO-06",
        &ItemChange {
            waiver: Some(Some(Waiver {
                reason: "DNS cut-over rehearsed by the hosting partner".into(),
                until: "2027-06-30".parse().unwrap(),
                approver: Some("CTO".into()),
                approved_on: Some("2027-05-10".parse().unwrap()),
                accepted_risk: Some("Up to an hour of stale DNS answers".into()),
                control: Some("TTL lowered to 60 s".into()),
            })),
            ..ItemChange::default()
        },
    )
    .unwrap();
    b.ws.add_person(on_b, "Dana", Some("Release manager"), None)
        .unwrap();
    b.ws.remove_person(on_b, "Eli").unwrap();
    b.ws.add_stakeholder(on_b, "Omar", "CEO", Some("omar@acme.example"))
        .unwrap();
    b.ws.check_runbook_step(on_b, "R-01", false).unwrap();
    b.ws.edit_runbook_step(
        on_b,
        "R-01",
        &RunbookEdit {
            owner: Some("Ben".into()),
            // Making R-01 the DNS switch takes the mark off the template's dns-switch step
            // (whose row is new on Ben's side, so the merge adds it whole).
            dns_switch: Some(true),
            ..RunbookEdit::default()
        },
    )
    .unwrap();
    b.ws.check_runbook_step(on_b, "deploy", false).unwrap();
    b.ws.edit_own_task(
        on_b,
        "X-01",
        &OwnTaskEdit {
            title: Some("HSTS and TLS 1.3 on the storefront".into()),
            due: Some(OwnDue::Date("2027-05-28".parse().unwrap())),
            ..OwnTaskEdit::default()
        },
    )
    .unwrap();
    let gen01 = b.ws.evidence(on_b, Some("GEN-01")).unwrap()[0].id;
    b.ws.retract_evidence(on_b, gen01, "date moved").unwrap();
    let app01_b = b.ws.evidence(on_b, Some("APP-01")).unwrap()[0].id;
    b.ws.edit_evidence(on_b, app01_b, NewEvidence::Note("Ben's text".into()))
        .unwrap();
    // Within one millisecond the two clocks cannot tell who was first; Anna's text comes
    // a few later, so her clock stamps it after Ben's.
    std::thread::sleep(std::time::Duration::from_millis(5));
    let app01_a = a.ws.evidence(plan, Some("APP-01")).unwrap()[0].id;
    a.ws.edit_evidence(plan, app01_a, NewEvidence::Note("Anna's later text".into()))
        .unwrap();

    let back = b.db.with_file_name("back.golive");
    b.ws.export_bundle(on_b, &back).unwrap();
    let merged = a.ws.import_bundle(&back, true, None).unwrap();
    let mut taken = merged.fields_taken.clone();
    taken.sort();
    assert_eq!(
        taken,
        [
            "APP-02 blocked reason",
            "APP-02 status",
            "CLO-06 waiver",
            "GEN-01 evidence retracted",
            "R-01 runbook DNS switch",
            "R-01 runbook check",
            "R-01 runbook owner",
            "X-01 due rule",
            "X-01 title",
            "person Dana",
            "person Eli removed",
            "stakeholder Omar",
        ],
        "Ben's later changes, not his older APP-01 text"
    );
    let board = a.ws.board(plan, None).unwrap();
    let app02 = &board.snapshot.item("APP-02").unwrap().item;
    assert_eq!(
        (app02.status, app02.blocked_reason.as_deref()),
        (Status::InProgress, None)
    );
    let waiver = board
        .snapshot
        .item("CLO-06")
        .unwrap()
        .item
        .waiver
        .clone()
        .unwrap();
    assert_eq!(
        (waiver.approver.as_deref(), waiver.control.as_deref()),
        (Some("CTO"), Some("TTL lowered to 60 s"))
    );
    let people: Vec<_> =
        a.ws.people(plan)
            .unwrap()
            .into_iter()
            .map(|p| (p.name, p.role))
            .collect();
    assert_eq!(
        people,
        [("Dana".to_string(), Some("Release manager".to_string()))]
    );
    let omar =
        a.ws.stakeholders(plan)
            .unwrap()
            .into_iter()
            .find(|s| s.name == "Omar")
            .unwrap();
    assert_eq!(
        (omar.role.as_str(), omar.email.as_deref()),
        ("CEO", Some("omar@acme.example"))
    );
    assert_eq!(
        omar.decision.map(|d| d.decision),
        Some(Decision::GoWithConditions),
        "the decision stays"
    );
    let gen01 = a.ws.evidence(plan, Some("GEN-01")).unwrap();
    assert_eq!(
        gen01[0]
            .retracted
            .as_ref()
            .map(|r| (r.by.as_str(), r.reason.as_str())),
        Some(("Ben", "date moved"))
    );
    assert_eq!(
        a.ws.evidence(plan, Some("APP-01")).unwrap()[0].body,
        "Anna's later text",
        "Anna corrected it after Ben"
    );
    let runbook = a.ws.runbook(plan, None).unwrap();
    let own = runbook.steps.iter().find(|s| s.id == "R-01").unwrap();
    assert_eq!(
        (own.owner.as_deref(), own.checked_by.as_deref()),
        (Some("Ben"), Some("Ben"))
    );
    let switches: Vec<&str> = runbook
        .steps
        .iter()
        .filter(|s| s.dns_switch)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        switches,
        ["R-01"],
        "Ben's DNS switch, one switch after the merge"
    );
    let deploy = runbook.steps.iter().find(|s| s.id == "deploy").unwrap();
    assert_eq!(
        deploy.checked_by.as_deref(),
        Some("Ben"),
        "a template step Ben checked off"
    );
    let condition = board.snapshot.item("X-01").unwrap();
    assert_eq!(
        (
            condition.task.title.as_str(),
            condition.due.to_string(),
            condition.pinned
        ),
        (
            "HSTS and TLS 1.3 on the storefront",
            "2027-05-28".to_string(),
            false
        ),
        "the condition task as Ben changed it, its due rule not taken for a pin"
    );
    let merge = a.ws.history(plan, None).unwrap().pop().unwrap();
    assert_eq!(
        (merge.kind, merge.who.as_str()),
        (EventKind::PlanMerged, "Anna")
    );

    // Back the other way, Anna's later text wins at Ben's too; then both agree.
    let forth = a.db.with_file_name("forth.golive");
    a.ws.export_bundle(plan, &forth).unwrap();
    let merged = b.ws.import_bundle(&forth, true, None).unwrap();
    assert_eq!(merged.fields_taken, ["APP-01 evidence edited"]);
    assert_eq!(
        b.ws.evidence(on_b, Some("APP-01")).unwrap()[0].body,
        "Anna's later text"
    );
}

/// `bundle` rewritten at `out` with its plan data edited as JSON and the manifest's
/// checksum made to match, so only the store's own checks can refuse it.
fn with_data(bundle: &Path, out: &Path, edit: impl Fn(&mut serde_json::Value)) {
    let mut data: serde_json::Value = serde_json::from_slice(&entry(bundle, "plan.json")).unwrap();
    edit(&mut data);
    let json = serde_json::to_vec_pretty(&data).unwrap();
    let sha: String = Sha256::digest(&json)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    rewrite(bundle, out, |name, bytes| match name {
        "plan.json" => json.clone(),
        "manifest.json" => {
            let mut m: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            m["data_sha256"] = sha.clone().into();
            serde_json::to_vec_pretty(&m).unwrap()
        }
        _ => bytes,
    });
}

fn item_of<'a>(data: &'a mut serde_json::Value, task: &str) -> &'a mut serde_json::Value {
    data["items"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i["task_id"] == task)
        .unwrap()
}

fn omar_decision(data: &mut serde_json::Value) -> &mut serde_json::Value {
    let omar = data["stakeholders"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["name"] == "Omar")
        .unwrap();
    &mut omar["decisions"][0]
}

#[test]
fn a_corrupt_governed_value_is_refused_by_name_and_nothing_is_written() {
    let a = machine("Anna");
    let plan = governed_plan_on(&a);
    let dir = a.db.parent().unwrap().to_path_buf();
    let good = dir.join("good.golive");
    a.ws.export_bundle(plan, &good).unwrap();
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "waiver approval date",
            Box::new(|d| item_of(d, "CLO-06")["waiver_approved_on"] = "3 May".into()),
        ),
        (
            "waiver approval (on a task without a waiver)",
            Box::new(|d| item_of(d, "APP-01")["waiver_approver"] = "CTO".into()),
        ),
        (
            "blocked reason (on a task that is not blocked)",
            Box::new(|d| item_of(d, "GEN-01")["blocked_reason"] = "why".into()),
        ),
        (
            "person's e-mail address",
            Box::new(|d| d["people"][0]["email"] = "dana at example".into()),
        ),
        (
            "person's name (listed twice)",
            Box::new(|d| d["people"][1]["name"] = "dana".into()),
        ),
        (
            "retraction (its reason missing)",
            Box::new(|d| d["retracted_evidence"][0]["retracted"]["reason"] = " ".into()),
        ),
        (
            "retraction (on live evidence)",
            Box::new(|d| {
                let r = d["retracted_evidence"][0]["retracted"].clone();
                d["evidence"][0]["retracted"] = r;
            }),
        ),
        (
            "evidence correction (when or by whom missing)",
            Box::new(|d| d["evidence"][2]["edited_by"] = serde_json::Value::Null),
        ),
        (
            "condition task",
            Box::new(|d| omar_decision(d)["condition_tasks"][0] = "GEN-01".into()),
        ),
        (
            "condition (on a decision without conditions)",
            Box::new(|d| omar_decision(d)["decision"] = "go".into()),
        ),
        (
            "report of a decision",
            Box::new(|d| {
                omar_decision(d)["report_id"] = "GLR-20270517-0800-9C41".into();
                omar_decision(d)["report_sha256"] = "not a checksum".into();
            }),
        ),
    ];
    let c = machine("Cleo");
    let before = (dump(&c.db), files_of(&c.db));
    for (field, edit) in &cases {
        let path = dir.join("corrupt.golive");
        with_data(&good, &path, edit);
        let err = c.ws.import_bundle(&path, false, None).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains(field) && message.contains("export the bundle again"),
            "{field}: {message}"
        );
        assert_eq!(c.ws.list_plans(true).unwrap().len(), 0, "{field}");
        assert_eq!(
            (dump(&c.db), files_of(&c.db)),
            before,
            "{field} left something behind"
        );
    }
}

#[test]
fn a_bundle_from_before_governed_waivers_and_people_still_imports() {
    let a = machine("Anna");
    let plan = governed_plan_on(&a);
    let dir = a.db.parent().unwrap().to_path_buf();
    let good = dir.join("good.golive");
    a.ws.export_bundle(plan, &good).unwrap();
    let old = dir.join("old.golive");
    // The layout before migrations 008–012: none of their fields, no retracted evidence.
    with_data(&good, &old, |d| {
        let d = d.as_object_mut().unwrap();
        d.remove("people");
        d.remove("retracted_evidence");
        for i in d["items"].as_array_mut().unwrap() {
            let i = i.as_object_mut().unwrap();
            for key in [
                "blocked_reason",
                "waiver_approver",
                "waiver_approved_on",
                "waiver_accepted_risk",
                "waiver_control",
            ] {
                i.remove(key);
            }
        }
        for e in d["evidence"].as_array_mut().unwrap() {
            let e = e.as_object_mut().unwrap();
            for key in ["edited_at", "edited_by", "retracted"] {
                e.remove(key);
            }
        }
        for s in d["stakeholders"].as_array_mut().unwrap() {
            for x in s["decisions"].as_array_mut().unwrap() {
                let x = x.as_object_mut().unwrap();
                for key in ["report_id", "report_sha256", "condition_tasks"] {
                    x.remove(key);
                }
            }
        }
    });
    let b = machine("Ben");
    let on_b = b.ws.import_bundle(&old, false, None).unwrap().plan_id;
    let board = b.ws.board(on_b, None).unwrap();
    let waiver = board
        .snapshot
        .item("CLO-06")
        .unwrap()
        .item
        .waiver
        .clone()
        .unwrap();
    assert_eq!(
        (waiver.reason.as_str(), waiver.approver),
        ("DNS cut-over rehearsed by the hosting partner", None)
    );
    assert!(b.ws.people(on_b).unwrap().is_empty());
    assert!(b.ws.evidence(on_b, Some("APP-03")).unwrap().is_empty());
}

#[test]
fn a_decision_made_on_a_report_names_that_report_after_the_trip() {
    let a = machine("Anna");
    let b = machine("Ben");
    let plan = plan_on(&a);
    let pdf = a.db.with_file_name("monday.pdf");
    a.ws.export_report(plan, &pdf, &|_| {}).unwrap();
    a.ws.add_stakeholder(plan, "Omar", "Head of E-commerce", None)
        .unwrap();
    let on_a =
        a.ws.record_decision(
            plan,
            "Omar",
            &DecisionInput {
                report: Some(pdf),
                on: Some("2027-06-01".parse().unwrap()),
                ..DecisionInput::new(Decision::Go)
            },
        )
        .unwrap()
        .decision
        .unwrap();
    assert!(on_a.report_id.is_some() && on_a.report_sha256.is_some());
    let bundle = a.db.with_file_name("decided.golive");
    a.ws.export_bundle(plan, &bundle).unwrap();
    let on_b = b.ws.import_bundle(&bundle, false, None).unwrap().plan_id;
    let omar =
        b.ws.stakeholders(on_b)
            .unwrap()
            .into_iter()
            .find(|s| s.name == "Omar")
            .unwrap();
    let on_b = omar.decision.unwrap();
    assert_eq!(
        (on_b.report_id, on_b.report_sha256),
        (on_a.report_id, on_a.report_sha256),
        "the report's id and sealed-data hash"
    );
}
