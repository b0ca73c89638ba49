//! Whole-process CLI speed on a large database: 200 plans × 100 tasks, 100,000 evidence rows.
//! Budgets (issue 2): `golive item set` under 20 ms median, `golive plan show` under 50 ms.
//! Each iteration starts the release binary, as a user's shell does.

// A benchmark that cannot set up its data should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use golive::catalog::{BUILTIN_TEMPLATE_TOML, Template};
use golive::plan::{Launch, WorkCalendar};
use golive::store::{NewPlan, Store};

const PLANS: usize = 200;
const TASKS: usize = 100;
const EVIDENCE: usize = 100_000;

/// The built-in template padded with copies of its tasks to exactly `TASKS` tasks.
fn template_of(tasks: usize) -> (Template, String) {
    let mut text = BUILTIN_TEMPLATE_TOML.to_string();
    let base = Template::builtin().expect("builtin template");
    for i in base.tasks.len()..tasks {
        text.push_str(&format!(
            "\n[[task]]\nid = \"GEN-{}\"\nphase = \"2w\"\narea = \"GEN\"\ntitle = \"Extra task {i}\"\n",
            500 + i
        ));
    }
    (
        Template::parse(&text, "bench").expect("padded template"),
        text,
    )
}

fn build(path: &Path) {
    let mut store = Store::open(path).expect("open");
    let (template, text) = template_of(TASKS);
    let calendar = WorkCalendar::default();
    for p in 0..PLANS {
        let launch = Launch::parse(
            &format!("2027-{:02}-{:02} 09:00", 1 + p % 12, 1 + p % 28),
            "Europe/Berlin",
        )
        .expect("launch");
        store
            .create_plan(&NewPlan {
                name: format!("Plan {p:03}"),
                client: Some(format!("Client {p}")),
                launch,
                pentest: None,
                calendar: calendar.clone(),
                template: template.clone(),
                template_text: text.clone(),
            })
            .expect("plan");
    }
    drop(store);
    // Bulk rows straight into the file, beside the store: the benchmark is about reading and
    // single writes, and 100k one-row transactions through the store would take minutes.
    let mut conn = rusqlite::Connection::open(path).expect("open raw");
    let tx = conn.transaction().expect("tx");
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO evidence (gid, plan_id, task_id, kind, body, created_at, created_by)
                 SELECT ?4, ?1, task_id, 'note', ?2, '2027-01-01T00:00:00Z', 'bench'
                 FROM item WHERE plan_id = ?1 LIMIT 1 OFFSET ?3",
            )
            .expect("prepare");
        for e in 0..EVIDENCE {
            let plan = 1 + (e % PLANS) as i64;
            insert
                .execute(rusqlite::params![
                    plan,
                    format!("Evidence note {e} with some text"),
                    (e / PLANS) % TASKS,
                    golive::store::Gid::new()
                ])
                .expect("insert");
        }
    }
    tx.commit().expect("commit");
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bench.db");
    build(&db);
    let golive = env!("CARGO_BIN_EXE_golive");
    let run = |args: &[&str]| {
        let status = Command::new(golive)
            .arg("--db")
            .arg(&db)
            .args(args)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run golive");
        assert!(status.success(), "golive {args:?} failed");
    };
    let mut group = c.benchmark_group("cli on 200 plans x 100 tasks, 100k evidence");
    group.sample_size(50);
    let statuses = ["done", "in-progress"];
    let mut i = 0;
    group.bench_function("golive item set", |b| {
        b.iter(|| {
            i += 1;
            run(&[
                "item",
                "set",
                "Plan 150",
                "CLO-12",
                "--status",
                statuses[i % 2],
            ]);
        })
    });
    group.bench_function("golive plan show", |b| {
        b.iter(|| run(&["plan", "show", "Plan 150"]))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
