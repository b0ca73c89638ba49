//! Timeline engine speed: a generated 10,000-task plan scheduled, joined and judged.
//! Budget (issue 2): under 5 ms for the timeline of 10,000 tasks.

// A benchmark that cannot set up its data should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use golive::catalog::{Anchor, Area, Due, Phase, TaskTemplate, Template, TemplateInfo};
use golive::plan::{Item, Launch, PlanSettings, Status, WorkCalendar, assess, schedule, snapshot};

fn generated(n: usize) -> Template {
    let phases = [
        Phase::EightWeeks,
        Phase::FourWeeks,
        Phase::TwoWeeks,
        Phase::LaunchDay,
    ];
    let tasks = (0..n)
        .map(|i| TaskTemplate {
            id: format!("GEN-{i:05}"),
            phase: phases[i % phases.len()],
            area: Area::ALL[i % Area::ALL.len()],
            title: format!("Generated task {i}"),
            guidance: String::new(),
            source: String::new(),
            blocking: i % 3 == 0,
            evidence: String::new(),
            due: (i % 5 == 0 && phases[i % 4].is_pre_launch()).then_some(Due {
                anchor: if i % 2 == 0 {
                    Anchor::Launch
                } else {
                    Anchor::Pentest
                },
                offset_days: -((i % 40) as i64) - 10,
            }),
            probes: Vec::new(),
            steps: Vec::new(),
            replaces: Vec::new(),
            depends_on: Vec::new(),
            due_date: None,
        })
        .collect();
    Template {
        runbook: Vec::new(),
        info: TemplateInfo {
            id: "bench".into(),
            name: "Bench".into(),
            version: "1".into(),
            source_url: String::new(),
            source_date: None,
        },
        tasks,
    }
}

fn bench(c: &mut Criterion) {
    let template = generated(10_000);
    let settings = PlanSettings {
        launch: Launch::parse("2027-06-07 09:00", "Europe/Berlin").expect("launch"),
        pentest: None,
        calendar: WorkCalendar::new(
            WorkCalendar::default().working_days().to_vec(),
            [
                "2027-05-24".parse().expect("date"),
                "2027-04-05".parse().expect("date"),
            ],
        )
        .expect("calendar"),
        planned_on: "2027-03-01".parse().expect("date"),
    };
    let items: Vec<Item> = template
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| Item {
            status: Status::ALL[i % 5],
            pinned_due: (i % 50 == 0).then(|| "2027-05-03".parse().expect("date")),
            ..Item::new(t.id.clone())
        })
        .collect();
    let pins: HashMap<&str, _> = items
        .iter()
        .filter_map(|i| i.pinned_due.map(|d| (i.task_id.as_str(), d)))
        .collect();
    let today = "2027-04-20".parse().expect("date");

    c.bench_function("schedule 10k tasks", |b| {
        b.iter(|| schedule(black_box(&template), &pins, &settings.schedule_input()))
    });
    c.bench_function("snapshot + verdict 10k tasks", |b| {
        b.iter(|| {
            let snap = snapshot(
                black_box(&template),
                &settings,
                &items,
                &HashMap::new(),
                today,
            );
            assess(&snap, &[])
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
