//! `golive evidence edit | retract`, `golive people`, and the warning when a task is marked
//! done without the evidence its checklist asks for.

use predicates::prelude::*;
use predicates::str::contains;

use super::Cli;

#[test]
fn done_without_evidence_warns_once_unless_told_and_the_verdict_lists_it() {
    let cli = Cli::new();
    cli.acme();
    cli.cmd(&["item", "set", "acme", "CLO-12", "--status", "done"])
        .success()
        .stderr(contains("warning: CLO-12 is done without evidence"))
        .stderr(contains("golive evidence add 1 CLO-12"));
    cli.cmd(&[
        "item",
        "set",
        "acme",
        "CLO-13",
        "--status",
        "done",
        "--without-evidence",
    ])
    .success()
    .stderr(contains("warning").not());
    cli.cmd(&["readiness", "acme"]).success().stdout(contains(
        "2 tasks done without the evidence their template asks for: CLO-12, CLO-13",
    ));
}

#[test]
fn evidence_is_corrected_and_retracted_from_the_command_line() {
    let cli = Cli::new();
    cli.acme();
    cli.cmd(&[
        "evidence",
        "add",
        "acme",
        "CLO-12",
        "--link",
        "status.exmaple.com",
        "--title",
        "Status",
    ])
    .success();
    cli.cmd(&[
        "evidence",
        "edit",
        "acme",
        "1",
        "--link",
        "status.example.com/ok",
    ])
    .success()
    .stdout(contains("Corrected link #1 of CLO-12"))
    .stdout(contains("Status <https://status.example.com/ok>"));
    cli.cmd(&["evidence", "retract", "acme", "1", "--reason", "wrong task"])
        .success()
        .stdout(contains("Retracted link #1 of CLO-12"));
    cli.cmd(&["evidence", "list", "acme", "CLO-12"])
        .success()
        .stdout(contains("[retracted by"))
        .stdout(contains("wrong task"));
    cli.cmd(&["history", "acme", "CLO-12"])
        .success()
        .stdout(contains("Corrected a link"))
        .stdout(contains("Retracted a link"));

    let before = cli.dump();
    cli.cmd(&["evidence", "retract", "acme", "1", "--reason", "again"])
        .failure()
        .stderr(contains("was retracted by"));
    cli.cmd(&["evidence", "edit", "acme", "42", "--note", "x"])
        .failure()
        .stderr(contains("no evidence #42"));
    cli.cmd(&["evidence", "retract", "acme", "1"])
        .failure()
        .stderr(contains("--reason"));
    assert_eq!(
        cli.dump(),
        before,
        "refused corrections changed the database"
    );
}

#[test]
fn people_are_added_listed_and_removed() {
    let cli = Cli::new();
    cli.acme();
    cli.cmd(&["people", "list", "acme"])
        .success()
        .stdout(contains("has no people yet"));
    cli.cmd(&[
        "people",
        "add",
        "acme",
        "--name",
        "Dana",
        "--role",
        "Ops lead",
        "--email",
        "dana@acme.example",
    ])
    .success()
    .stdout(contains("Dana is one of \"Acme relaunch\"'s people."));
    cli.cmd(&[
        "people",
        "add",
        "acme",
        "--name",
        "Kim",
        "--email",
        "kim at acme",
    ])
    .failure()
    .stderr(contains("not an e-mail address"));
    cli.cmd(&["people", "list", "acme"]).success().stdout(
        contains("Dana")
            .and(contains("Ops lead"))
            .and(contains("dana@acme.example")),
    );
    cli.cmd(&["people", "remove", "acme", "dana"])
        .success()
        .stdout(contains("Removed Dana"));
    cli.cmd(&["people", "remove", "acme", "Dana"])
        .failure()
        .stderr(contains("not on this plan's people list"));
}
