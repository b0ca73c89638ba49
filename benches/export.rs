//! Export and import speed on a 10,000-task plan: the calendar, the workbook, the CSV, and
//! a CSV import of 10,000 rows read, validated and previewed.
//! Budgets (issue 15): ICS and XLSX ≤ 200 ms each; CSV import of 10,000 rows ≤ 300 ms.

// A benchmark that cannot set up its data should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use golive::catalog::{BUILTIN_TEMPLATE_TOML, Template};
use golive::export::{self, CalendarOptions, CsvDialect, SheetKind};
use golive::ops::Workspace;
use golive::plan::{Launch, WorkCalendar};
use golive::store::{NewPlan, Store};

const TASKS: usize = 10_000;

/// The built-in template padded with generated tasks to `TASKS`.
fn template() -> (Template, String) {
    let mut text = BUILTIN_TEMPLATE_TOML.to_string();
    let base = Template::builtin().unwrap();
    for i in base.tasks.len()..TASKS {
        text.push_str(&format!(
            "\n[[task]]\nid = \"GEN-{}\"\nphase = \"{}\"\narea = \"GEN\"\ntitle = \"Generated task {i}\"\nguidance = \"Do the thing number {i} and write down what was done.\"\n",
            1000 + i,
            ["8w", "4w", "2w"][i % 3]
        ));
    }
    (Template::parse(&text, "bench").unwrap(), text)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    let (template, template_text) = template();
    let plan = store
        .create_plan(&NewPlan {
            name: "Big plan".into(),
            client: None,
            launch: Launch::parse("2027-06-07 09:00", "Europe/Berlin").unwrap(),
            pentest: None,
            calendar: WorkCalendar::default(),
            template,
            template_text,
        })
        .unwrap();
    let ws = Workspace::new(store);
    let board = ws.board(plan.id, None).unwrap();
    let history = ws.history(plan.id, None).unwrap();
    let rows = export::rows(&board.snapshot, &history);
    let csv = export::csv(&rows, CsvDialect::Comma).unwrap();

    let mut group = c.benchmark_group("export of a 10,000-task plan");
    group.sample_size(20);
    group.bench_function("ics", |b| {
        b.iter(|| {
            black_box(export::calendar(
                &board.plan,
                &board.snapshot,
                &history,
                CalendarOptions::default(),
                Utc::now(),
            ))
        })
    });
    group.bench_function("xlsx", |b| {
        b.iter(|| black_box(export::xlsx(&board.plan, &board.readiness, &rows).unwrap()))
    });
    group.bench_function("csv", |b| {
        b.iter(|| black_box(export::csv(&rows, CsvDialect::Comma).unwrap()))
    });
    group.bench_function("csv import: read, validate, preview 10,000 rows", |b| {
        b.iter(|| {
            let read = export::read_sheet(&csv, SheetKind::Csv).unwrap();
            black_box(export::plan_changes(&read, &board.snapshot).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
