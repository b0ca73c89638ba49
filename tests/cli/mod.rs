//! The `golive` binary as a user runs it: output, exit codes, and bad input that leaves the
//! database exactly as it was.

mod own_tasks;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use tempfile::TempDir;

struct Cli {
    dir: TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("golive.db")
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("golive")
            .unwrap()
            .env("GOLIVE_DB", self.db())
            .env_remove("NO_COLOR")
            .args(args)
            .assert()
    }

    fn acme(&self) {
        self.cmd(&[
            "plan",
            "new",
            "Acme relaunch",
            "--launch",
            "2027-06-07 09:00",
            "--tz",
            "Europe/Berlin",
            "--client",
            "Acme GmbH",
        ])
        .success()
        .stdout(contains("Created plan 1 \"Acme relaunch\": 89 tasks"));
    }

    /// Every row of every table, to prove a failed command changed nothing.
    fn dump(&self) -> Vec<String> {
        crate::common::dump(&self.db())
    }
}

#[test]
fn a_consultant_plans_a_launch_end_to_end() {
    let cli = Cli::new();
    cli.acme();
    cli.cmd(&[
        "item", "set", "acme", "CLO-12", "--status", "done", "--owner", "Ops",
    ])
    .success()
    .stdout(contains(
        "CLO-12 in \"Acme relaunch\": status Done, owner Ops.",
    ));
    cli.cmd(&[
        "evidence",
        "add",
        "acme",
        "CLO-12",
        "--link",
        "https://status.example/tls",
        "--title",
        "TLS report",
    ])
    .success();
    let file = cli.dir.path().join("cert.pem");
    std::fs::write(&file, "-----BEGIN CERTIFICATE-----").unwrap();
    cli.cmd(&[
        "evidence",
        "add",
        "1",
        "CLO-12",
        "--file",
        file.to_str().unwrap(),
    ])
    .success()
    .stdout(contains("Added file cert.pem (sha256 "));
    cli.cmd(&["evidence", "list", "acme", "CLO-12"])
        .success()
        .stdout(
            contains("TLS report <https://status.example/tls>").and(contains("cert.pem (27 bytes")),
        );
    cli.cmd(&[
        "item",
        "set",
        "acme",
        "GEN-03",
        "--due",
        "2027-05-20",
        "--pin",
    ])
    .success();
    cli.cmd(&[
        "item",
        "set",
        "acme",
        "SEO-06",
        "--waive",
        "favicon ships with theme",
        "--until",
        "2027-06-30",
    ])
    .success()
    .stdout(contains("waived until 2027-06-30"));

    cli.cmd(&[
        "reschedule",
        "acme",
        "--launch",
        "2027-06-21 09:00",
        "--dry-run",
    ])
    .success()
    .stdout(
        contains("Would move")
            .and(contains("Nothing saved"))
            .and(contains("GEN-01")),
    );
    cli.cmd(&["plan", "show", "acme"])
        .success()
        .stdout(contains("2027-06-07").not().and(contains("Mon 7 Jun 2027")));
    cli.cmd(&["reschedule", "acme", "--launch", "2027-06-21 09:00"])
        .success()
        .stdout(contains(
            "Moved launch 2027-06-07 09:00 Europe/Berlin → 2027-06-21 09:00 Europe/Berlin",
        ));

    let out = cli
        .cmd(&["timeline", "acme", "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["plan"]["name"], "Acme relaunch");
    assert_eq!(json["plan"]["launch"], "2027-06-21 09:00");
    assert_eq!(json["plan"]["zone"], "Europe/Berlin");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 89);
    let find = |id: &str| items.iter().find(|i| i["id"] == id).unwrap().clone();
    let clo12 = find("CLO-12");
    for key in [
        "id", "phase", "area", "title", "status", "owner", "due", "pinned", "blocking",
    ] {
        assert!(clo12.get(key).is_some(), "timeline JSON lacks {key}");
    }
    assert_eq!(
        (clo12["status"].as_str(), clo12["owner"].as_str()),
        (Some("done"), Some("Ops"))
    );
    assert_eq!(
        find("GEN-03")["due"],
        "2027-05-20",
        "pinned date survives the reschedule"
    );
    assert_eq!(find("GEN-03")["pinned"], true);
    assert_eq!(find("GEN-01")["due"], "2027-04-26");

    let out = cli
        .cmd(&["readiness", "acme", "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let r: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(r["verdict"], "not-ready");
    assert_eq!(r["reasons"][0]["kind"], "blocking-open");

    cli.cmd(&["history", "acme", "CLO-12"])
        .success()
        .stdout(contains("Status: To do → Done").and(contains("Owner: — → Ops")));
    cli.cmd(&["history", "acme"]).success().stdout(contains(
        "Launch: 2027-06-07 09:00 Europe/Berlin → 2027-06-21",
    ));

    let backup = cli.dir.path().join("backup.db");
    cli.cmd(&["db", "backup", backup.to_str().unwrap()])
        .success();
    Command::cargo_bin("golive")
        .unwrap()
        .args(["--db", backup.to_str().unwrap(), "plan", "list"])
        .assert()
        .success()
        .stdout(contains("Acme relaunch").and(contains("Not ready")));
}

#[test]
fn piped_output_has_no_colour() {
    let cli = Cli::new();
    cli.acme();
    cli.cmd(&["plan", "list"])
        .success()
        .stdout(contains("\u{1b}[").not());
}

#[test]
fn bad_input_explains_itself_and_changes_nothing() {
    let cli = Cli::new();
    cli.acme();
    cli.cmd(&["item", "set", "acme", "GEN-01", "--status", "in-progress"])
        .success();
    let before = cli.dump();

    let bad_template = cli.dir.path().join("dup.toml");
    std::fs::write(
        &bad_template,
        "[template]\nid = \"x\"\nname = \"X\"\nversion = \"1\"\nsource_url = \"u\"\n\n\
         [[task]]\nid = \"A-1\"\nphase = \"8w\"\narea = \"GEN\"\ntitle = \"a\"\n\n\
         [[task]]\nid = \"A-1\"\nphase = \"4w\"\narea = \"GEN\"\ntitle = \"b\"\n",
    )
    .unwrap();
    let missing = cli.dir.path().join("missing.pdf");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["plan", "show", "zeta"],
            "no plan named or numbered \"zeta\"; `golive plan list --all` shows the plans",
        ),
        (
            vec!["item", "set", "42", "GEN-01", "--status", "done"],
            "no plan named or numbered \"42\"",
        ),
        (
            vec![
                "plan",
                "new",
                "B",
                "--launch",
                "07.06.2027",
                "--tz",
                "Europe/Berlin",
            ],
            "write it as \"YYYY-MM-DD HH:MM\"",
        ),
        (
            vec![
                "plan",
                "new",
                "B",
                "--launch",
                "2027-06-07 09:00",
                "--tz",
                "Berlin",
            ],
            "unknown time zone \"Berlin\": use an IANA name",
        ),
        (
            vec!["item", "set", "acme", "GEN-01", "--status", "finished"],
            "unknown status \"finished\"; use one of todo",
        ),
        (
            vec![
                "plan",
                "new",
                "ACME relaunch",
                "--launch",
                "2027-06-07 09:00",
                "--tz",
                "UTC",
            ],
            "a plan named \"ACME relaunch\" already exists",
        ),
        (
            vec![
                "evidence",
                "add",
                "acme",
                "GEN-01",
                "--file",
                missing.to_str().unwrap(),
            ],
            "missing.pdf: No such file",
        ),
        (
            vec![
                "plan",
                "new",
                "B",
                "--launch",
                "2027-06-07 09:00",
                "--tz",
                "UTC",
                "--template",
                bad_template.to_str().unwrap(),
            ],
            "dup.toml:14: `task.id`: duplicate task ID \"A-1\", first defined on line 8",
        ),
        (
            vec!["item", "set", "acme", "GEN-99", "--status", "done"],
            "has no task \"GEN-99\"",
        ),
        (
            vec!["item", "set", "acme", "GEN-01", "--due", "tomorrow"],
            "invalid date \"tomorrow\": write it as YYYY-MM-DD",
        ),
        (
            vec!["plan", "delete", "acme"],
            "run again with --yes to confirm",
        ),
        (
            vec!["reschedule", "acme", "--launch", "2027-03-28 02:30"],
            "does not exist in Europe/Berlin",
        ),
    ];
    for (args, message) in cases {
        cli.cmd(&args)
            .failure()
            .stderr(contains("error:").and(contains(message)));
        assert_eq!(
            cli.dump(),
            before,
            "`golive {}` changed the database",
            args.join(" ")
        );
    }
}

#[test]
fn newer_database_is_refused_by_the_cli() {
    let cli = Cli::new();
    cli.acme();
    rusqlite::Connection::open(cli.db())
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    cli.cmd(&["plan", "list"])
        .failure()
        .stderr(contains("written by a newer GoLive Planner (schema 99"));
}

#[test]
fn compressed_plan_is_announced() {
    let cli = Cli::new();
    let soon = (chrono::Utc::now().date_naive() + chrono::Days::new(20))
        .format("%Y-%m-%d 10:00")
        .to_string();
    cli.cmd(&["plan", "new", "Rush", "--launch", &soon, "--tz", "UTC"])
        .success()
        .stdout(contains("Compressed plan:").and(contains("tasks were due before today")));
    let out = cli
        .cmd(&["timeline", "rush", "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["compressed"], true);
    assert!(
        json["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["window_passed"] == true)
    );
}

/// Every importer refuses bad input from the command line the same way: exit 1, a message
/// that says what and where, and the database as it was.
#[test]
fn importers_refuse_bad_files_and_change_nothing() {
    let cli = Cli::new();
    cli.acme();
    let dir = cli.dir.path();
    let sheet = dir.join("bad.csv");
    std::fs::write(&sheet, "ID,Status\nGEN-01,Finished\n").unwrap();
    let template = dir.join("bad.toml");
    std::fs::write(&template, "[template]\nid = \"spryker-go-live\"\n").unwrap();
    let bundle = dir.join("bad.golive");
    std::fs::write(&bundle, "PK not really").unwrap();
    let before = cli.dump();
    for (args, message) in [
        (
            vec!["import", "csv", "acme", sheet.to_str().unwrap()],
            "line 2, column Status: unknown status \"Finished\"",
        ),
        (
            vec!["template", "apply", "acme", template.to_str().unwrap()],
            "bad.toml",
        ),
        (
            vec!["import", "bundle", bundle.to_str().unwrap()],
            "is not a readable plan bundle",
        ),
    ] {
        cli.cmd(&args)
            .code(1)
            .stderr(contains("error:").and(contains(message)));
        assert_eq!(cli.dump(), before, "{args:?} changed the database");
    }
}

#[test]
fn the_agenda_spans_plans_and_narrows_to_one_owner() {
    let cli = Cli::new();
    cli.acme();
    cli.cmd(&[
        "plan",
        "new",
        "Beta shop",
        "--launch",
        "2027-06-14 09:00",
        "--tz",
        "Europe/London",
    ])
    .success();
    cli.cmd(&["item", "set", "acme", "GEN-01", "--owner", "Dana"])
        .success();
    cli.cmd(&[
        "item",
        "set",
        "beta",
        "CLO-05",
        "--owner",
        "dana",
        "--status",
        "blocked",
        "--reason",
        "waiting for the CDN contract",
    ])
    .success();
    let out = cli
        .cmd(&["agenda", "--days", "400", "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let all: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 2, "both plans have work");
    let out = cli
        .cmd(&["agenda", "--owner", "Dana", "--days", "1", "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let danas: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let tasks: Vec<&str> = danas
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["tasks"].as_array().unwrap())
        .map(|t| t["task_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        tasks,
        ["CLO-05"],
        "only Dana's, and a blocked task shows whatever its date"
    );
    cli.cmd(&["agenda", "--owner", "Nobody"])
        .success()
        .stdout(contains("Nothing due in the next 14 days for Nobody"));
}

mod corrections;
