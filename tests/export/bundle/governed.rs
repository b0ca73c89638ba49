//! What issues 13 and 14 added to a plan, on its trip between two databases: governed
//! waivers, blocked reasons, people, evidence corrections and retractions, the runbook and
//! decisions' conditions travel whole, merge by the clock, and are refused by name when a
//! bundle carries a corrupt value.

use super::*;

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
