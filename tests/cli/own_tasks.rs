//! `golive item add|edit|remove`, the timeline's new fields and the catch-up of a compressed
//! plan, as a user runs them.

use predicates::prelude::*;
use predicates::str::contains;

use super::Cli;

fn timeline(cli: &Cli, plan: &str) -> serde_json::Value {
    let out = cli
        .cmd(&["timeline", plan, "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn a_plan_gets_tasks_of_its_own() {
    let cli = Cli::new();
    cli.acme();
    cli.cmd(&[
        "item",
        "add",
        "acme",
        "--title",
        "Klarna production credentials",
        "--phase",
        "2w",
        "--area",
        "app",
        "--due",
        "-20",
        "--blocking",
        "--depends-on",
        "CLO-12",
        "--guidance",
        "Ask **Klarna**.",
    ])
    .success()
    .stdout(
        contains("Added X-01 in \"Acme relaunch\": Klarna production credentials")
            .and(contains("after CLO-12")),
    );
    let json = timeline(&cli, "acme");
    let items = json["items"].as_array().unwrap();
    let own = items.iter().find(|i| i["id"] == "X-01").unwrap();
    assert_eq!(own["due"], "2027-05-18");
    assert_eq!(own["depends_on"][0], "CLO-12");
    assert_eq!(own["own"], true);
    // Every item has the new fields, and the critical path is marked.
    assert!(
        items
            .iter()
            .all(|i| i["start"].is_string() && i["critical"].is_boolean())
    );
    assert!(items.iter().any(|i| i["critical"] == true));
    for i in items {
        assert!(
            i["start"].as_str().unwrap() <= i["due"].as_str().unwrap(),
            "{i}"
        );
    }

    cli.cmd(&["item", "edit", "acme", "X-01", "--phase", "sometime"])
        .failure()
        .stderr(contains(
            "unknown phase \"sometime\"; use one of 8w, 4w, 2w",
        ));
    cli.cmd(&["item", "edit", "acme", "X-01", "--depends-on", "X-01"])
        .failure()
        .stderr(contains("cannot depend on itself"));
    cli.cmd(&["item", "edit", "acme", "X-01", "--due", "2027-05-03"])
        .success()
        .stdout(contains("Due rule: 2027-05-03"));
    cli.cmd(&[
        "evidence",
        "add",
        "acme",
        "X-01",
        "--note",
        "Keys requested",
    ])
    .success();
    let before = cli.dump();
    cli.cmd(&["item", "remove", "acme", "X-01"])
        .failure()
        .stderr(contains("has 1 piece(s) of evidence").and(contains("--force")));
    assert_eq!(cli.dump(), before, "a refused removal changes nothing");
    cli.cmd(&["item", "remove", "acme", "X-01", "--force"])
        .success()
        .stdout(contains("Removed X-01").and(contains("history stays")));
    cli.cmd(&["history", "acme", "X-01"])
        .success()
        .stdout(contains("Own task added").and(contains("Own task removed")));
    cli.cmd(&["item", "remove", "acme", "GEN-01"])
        .failure()
        .stderr(contains("not an own task"));
}

#[test]
fn a_plan_fifty_days_ahead_gets_a_catch_up_schedule() {
    let cli = Cli::new();
    let today = chrono::Utc::now().date_naive();
    let soon = (today + chrono::Days::new(50))
        .format("%Y-%m-%d 10:00")
        .to_string();
    cli.cmd(&["plan", "new", "Rush", "--launch", &soon, "--tz", "UTC"])
        .success()
        .stdout(contains("Catch-up schedule:").and(contains("tasks per working day")));
    let json = timeline(&cli, "rush");
    let catch_up = &json["catch_up"];
    assert!(catch_up["tasks"].as_u64().unwrap() > 0);
    assert!(catch_up["per_day"].as_f64().unwrap() > 0.0);
    let feasible = catch_up["feasible_launch"].as_str().unwrap();
    assert!(feasible > soon.as_str(), "{feasible} after {soon}");
    let today = today.to_string();
    for i in json["items"].as_array().unwrap() {
        assert!(
            i["due"].as_str().unwrap() >= today.as_str(),
            "none in the past: {i}"
        );
    }
    cli.cmd(&["readiness", "rush"])
        .success()
        .stdout(contains("Tightness"));
}

#[test]
fn the_runbook_from_the_command_line() {
    let cli = Cli::new();
    cli.acme();
    // 09:00 Berlin: at 06:30 the deploy's go/no-go (T−4h) has passed unanswered.
    cli.cmd(&["runbook", "show", "acme", "--now", "2027-06-07 06:30"])
        .success()
        .stdout(
            contains("T−4h")
                .and(contains("05:00"))
                .and(contains("MISSED checkpoint"))
                .and(contains("missed go/no-go checkpoint(s): deploy"))
                .and(contains("Old shop: keep it live until Thu 10 Jun 07:00")),
        );
    cli.cmd(&["runbook", "check", "acme", "deploy"])
        .success()
        .stdout(contains("Checked off deploy"));
    cli.cmd(&[
        "runbook",
        "add",
        "acme",
        "--title",
        "Brief the call centre",
        "--at",
        "-15m",
        "--owner",
        "Support lead",
    ])
    .success()
    .stdout(contains("Added R-01 at T−15m (08:45)"));
    cli.cmd(&["runbook", "edit", "acme", "R-01", "--at", "soon"])
        .code(2)
        .stderr(contains("write it from the launch as T-4h"));
    cli.cmd(&[
        "runbook",
        "edit",
        "acme",
        "R-01",
        "--task",
        "CLO-14",
        "--dns-switch",
        "true",
    ])
    .success()
    .stdout(contains("R-01 now at T−15m"));
    let out = cli
        .cmd(&["runbook", "show", "acme", "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let steps = json["steps"].as_array().unwrap();
    let deploy = steps.iter().find(|s| s["id"] == "deploy").unwrap();
    assert_eq!(deploy["state"], "done");
    assert!(deploy["checked_at"].is_string());
    assert!(steps.iter().any(|s| s["id"] == "R-01" && s["own"] == true));
    let switches: Vec<&serde_json::Value> =
        steps.iter().filter(|s| s["dns_switch"] == true).collect();
    assert_eq!(switches.len(), 1, "one DNS switch: {switches:?}");
    assert_eq!(
        (switches[0]["id"].as_str(), switches[0]["task"].as_str()),
        (Some("R-01"), Some("CLO-14"))
    );
    cli.cmd(&["runbook", "remove", "acme", "R-01"]).success();
    cli.cmd(&["runbook", "restore", "acme", "R-01"])
        .success()
        .stdout(contains(
            "Put R-01 back at T−15m (08:45): Brief the call centre.",
        ));
    cli.cmd(&["runbook", "check", "acme", "lunch"])
        .failure()
        .stderr(contains("its steps are deploy"));
}
