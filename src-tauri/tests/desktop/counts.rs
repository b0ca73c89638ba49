//! One count everywhere, as the desktop sees it: the board's counts (overall and per phase)
//! are the library's, and the report exported from the window prints the same numbers in
//! the same words. Also the blocked reason and the governed waiver through the commands.

use std::process::Command;

use golive::plan::Status;
use golive_desktop::commands::{items, plans, report};
use golive_desktop::dto::{ItemChangeDto, WaiverDto};

use crate::support::{block, fixture};

fn set(f: &crate::support::Fixture, id: i64, task: &str, change: ItemChangeDto) {
    block(items::update_item(f.ws(), id, task.into(), change)).unwrap();
}

#[test]
fn board_counts_and_the_report_agree() {
    let f = fixture();
    let id = f.plan("Counted");
    for (task, status) in [
        ("GEN-01", Status::Done),
        ("GEN-02", Status::Done),
        ("CLO-01", Status::NotApplicable),
    ] {
        set(
            &f,
            id,
            task,
            ItemChangeDto {
                status: Some(status),
                ..ItemChangeDto::default()
            },
        );
    }
    set(
        &f,
        id,
        "CLO-05",
        ItemChangeDto {
            status: Some(Status::Blocked),
            blocked_reason: Some("Waiting for the CDN contract".into()),
            ..ItemChangeDto::default()
        },
    );
    let waiver = |approver: Option<&str>| ItemChangeDto {
        waiver: Some(Some(WaiverDto {
            reason: "WAF covers it".into(),
            until: chrono::NaiveDate::from_ymd_opt(2031, 12, 1).unwrap(),
            approver: approver.map(str::to_string),
            approved_on: None,
            accepted_risk: Some("Bots before the rules are tuned".into()),
            control: None,
        })),
        ..ItemChangeDto::default()
    };
    // CLO-06 blocks the go-live: its waiver needs an approver.
    assert!(
        block(items::update_item(
            f.ws(),
            id,
            "CLO-06".into(),
            waiver(None)
        ))
        .is_err()
    );
    set(&f, id, "CLO-06", waiver(Some("Marta Nowak")));

    let board = block(plans::plan_board(f.ws(), id)).unwrap();
    let c = board.readiness.counts;
    assert_eq!((c.done, c.not_applicable, c.closed), (2, 1, 3));
    assert_eq!(c.open, c.total - c.closed);
    assert_eq!(c.to_do + c.in_progress + c.blocked, c.open);
    let blocked = board.tasks.iter().find(|t| t.id == "CLO-05").unwrap();
    assert_eq!(
        blocked.blocked_reason.as_deref(),
        Some("Waiting for the CDN contract")
    );
    let waived = board.tasks.iter().find(|t| t.id == "CLO-06").unwrap();
    assert_eq!(
        waived.waiver.as_ref().and_then(|w| w.approver.as_deref()),
        Some("Marta Nowak")
    );
    assert!(
        board
            .readiness
            .risks
            .iter()
            .any(|r| r.task_id == "CLO-05" && r.detail == "Waiting for the CDN contract")
    );

    let out = f.dir.path().join("counted.pdf");
    block(report::export_report(
        f.app.handle().clone(),
        id,
        out.clone(),
    ))
    .unwrap();
    let text = Command::new("pdftotext")
        .args([out.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let phrase = |c: &golive_desktop::dto::CountsDto| {
        format!(
            "{} of {} closed ({} done, {} not applicable)",
            c.closed, c.total, c.done, c.not_applicable
        )
    };
    assert!(text.contains(&phrase(&c)), "{} missing", phrase(&c));
    assert!(text.contains(&format!("{} blocking open", c.blocking_open)));
    for p in &board.readiness.phases {
        assert!(
            text.contains(&phrase(&p.counts)),
            "{} missing",
            phrase(&p.counts)
        );
    }
    assert!(text.contains("Waiting for the CDN contract"));
    assert!(text.contains("Risk: Bots before the rules are tuned"));
}
