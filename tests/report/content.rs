//! What the report says, through the `golive` binary on a real database: the executive page,
//! the risk register, governed waivers, blocked reasons, evidence per task with Markdown
//! printed clean, decisions bound to the report they were made on, and one count that reads
//! the same in the report, the CLI and the readiness JSON.

use predicates::str::contains;

fn golive(db: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    crate::common::golive(db).args(args).assert()
}

fn stdout(a: assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

/// pdftotext's text with its line breaks and runs of spaces folded to single spaces.
fn text_of(pdf: &std::path::Path) -> String {
    let (ok, text) = super::run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(ok, "{text}");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_report_says_what_a_stakeholder_needs_and_counts_as_the_cli_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("golive.db");
    golive(&db, &["config", "user", "Ada Park"]).success();
    golive(
        &db,
        &[
            "plan",
            "new",
            "Acme",
            "--launch",
            "2027-06-07 09:00",
            "--tz",
            "Europe/Berlin",
        ],
    )
    .success();
    for (id, status) in [("GEN-01", "done"), ("GEN-02", "done"), ("CLO-01", "n/a")] {
        golive(&db, &["item", "set", "Acme", id, "--status", status]).success();
    }
    golive(
        &db,
        &[
            "evidence", "add", "Acme", "GEN-01", "--note",
            "Date shared in ticket **OPS-1234**:\n\n- platform team\n- [runbook](https://wiki.example.com/rb)",
        ],
    )
    .success();

    // A blocked status needs its reason; the reason is kept and shown.
    golive(
        &db,
        &["item", "set", "Acme", "CLO-05", "--status", "blocked"],
    )
    .failure()
    .stderr(contains("--reason"));
    golive(
        &db,
        &[
            "item",
            "set",
            "Acme",
            "CLO-05",
            "--status",
            "blocked",
            "--reason",
            "Waiting for the CDN contract",
            "--owner",
            "Dana",
        ],
    )
    .success()
    .stdout(contains("blocked: Waiting for the CDN contract"));

    // A waiver on a blocking task needs an approver; with one it carries its governance.
    let blocking = "CLO-06";
    golive(
        &db,
        &[
            "item",
            "set",
            "Acme",
            blocking,
            "--waive",
            "WAF covers it",
            "--until",
            "2027-06-30",
        ],
    )
    .failure()
    .stderr(contains("needs an approver"));
    golive(
        &db,
        &[
            "item",
            "set",
            "Acme",
            blocking,
            "--waive",
            "WAF covers it",
            "--until",
            "2027-06-30",
            "--approver",
            "Marta Nowak",
            "--approved-on",
            "2027-05-01",
            "--accepted-risk",
            "Bots before the rules are tuned",
            "--control",
            "Rate limit on checkout",
        ],
    )
    .success()
    .stdout(contains("approved by Marta Nowak"));

    golive(
        &db,
        &[
            "signoff",
            "add",
            "Acme",
            "--name",
            "Jonas Weber",
            "--role",
            "CTO",
        ],
    )
    .success();
    let first = dir.path().join("first.pdf");
    golive(&db, &["report", "Acme", "--out", first.to_str().unwrap()]).success();

    // A No-Go needs its reason; a decision made on a report keeps that report.
    golive(
        &db,
        &[
            "signoff",
            "decide",
            "Acme",
            "Jonas Weber",
            "--decision",
            "no-go",
        ],
    )
    .failure()
    .stderr(contains("--reason"));
    let decided = stdout(
        golive(
            &db,
            &[
                "signoff",
                "decide",
                "Acme",
                "Jonas Weber",
                "--decision",
                "no-go",
                "--reason",
                "CDN contract not signed",
                "--report",
                first.to_str().unwrap(),
            ],
        )
        .success(),
    );
    let first_id = decided
        .split("on report ")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .unwrap_or_else(|| panic!("{decided}"))
        .to_string();
    golive(&db, &["item", "set", "Acme", "GEN-03", "--status", "done"]).success();

    let second = dir.path().join("second.pdf");
    golive(&db, &["report", "Acme", "--out", second.to_str().unwrap()]).success();
    golive(&db, &["verify", second.to_str().unwrap()]).success();
    let text = text_of(&second);

    // The executive page first, in reading order.
    let order = [
        "EXECUTIVE SUMMARY",
        "Not ready",
        "Do not go live yet",
        "Decisions:",
        "Top blockers and risks",
        "Since the previous report",
        "Scope and limits",
        "Contents",
    ];
    let mut at = 0;
    for words in order {
        let found = text[at..]
            .find(words)
            .unwrap_or_else(|| panic!("{words:?} missing or out of order after {at}"));
        at += found + words.len();
    }
    assert!(text.contains(&format!("since report {first_id}")), "{text}");
    assert!(text.contains("GEN-03 Status: To do → Done"), "{text}");
    assert!(text.contains("self-declared"), "{text}");
    assert!(text.contains(&format!("report {first_id}")), "{text}");
    assert!(text.contains("CDN contract not signed"), "{text}");

    // The risk register and the governed waiver.
    assert!(text.contains("Risk register"), "{text}");
    assert!(text.contains("Waiting for the CDN contract"), "{text}");
    assert!(text.contains("Blocking, no owner"), "{text}");
    assert!(text.contains("Marta Nowak"), "{text}");
    assert!(
        text.contains("Risk: Bots before the rules are tuned"),
        "{text}"
    );
    assert!(text.contains("Control: Rate limit on checkout"), "{text}");

    // Evidence under its task, Markdown printed clean, done-without-evidence flagged.
    assert!(text.contains("Evidence required:"), "{text}");
    assert!(text.contains("OPS-1234"), "{text}");
    assert!(!text.contains("**OPS-1234**"), "raw Markdown in the report");
    assert!(text.contains("• platform team"), "{text}");
    assert!(
        text.contains("runbook (https://wiki.example.com/rb)"),
        "{text}"
    );
    assert!(text.contains("Done without evidence (2)"), "{text}");

    // One count: the readiness JSON, the CLI's words and the report's words agree.
    let json: serde_json::Value = serde_json::from_str(&stdout(
        golive(&db, &["readiness", "Acme", "--json"]).success(),
    ))
    .unwrap();
    let c = &json["counts"];
    let n = |k: &str| c[k].as_u64().unwrap();
    assert_eq!(n("closed"), n("done") + n("not_applicable"));
    assert_eq!(n("open"), n("total") - n("closed"));
    assert_eq!((n("done"), n("not_applicable"), n("closed")), (3, 1, 4));
    let phrase = format!(
        "{} of {} closed ({} done, {} not applicable)",
        n("closed"),
        n("total"),
        n("done"),
        n("not_applicable")
    );
    let cli = stdout(golive(&db, &["readiness", "Acme"]).success());
    assert!(cli.contains(&phrase), "{cli}");
    assert!(
        cli.contains(&format!("{} blocking open", n("blocking_open"))),
        "{cli}"
    );
    assert!(text.contains(&phrase), "{text}");
    assert!(
        text.contains(&format!("{} blocking open", n("blocking_open"))),
        "{text}"
    );
    // Each phase's section says its own counts the same way.
    for phase in json["phases"].as_array().unwrap() {
        let p = &phase["counts"];
        let m = |k: &str| p[k].as_u64().unwrap();
        let phrase = format!(
            "{} of {} closed ({} done, {} not applicable)",
            m("closed"),
            m("total"),
            m("done"),
            m("not_applicable")
        );
        assert!(text.contains(&phrase), "{phrase} missing");
    }
}
