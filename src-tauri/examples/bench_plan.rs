//! Writes a plan with a 500-task checklist (or TASKS tasks) into the database given as the
//! first argument, for the desktop budgets (benches/desktop.sh). Not part of the app.
//!
//!   bench_plan DATABASE [TASKS]

use std::error::Error;
use std::path::Path;

use chrono::{Days, Utc};
use golive::catalog::{BUILTIN_TEMPLATE_TOML, Template};
use golive::plan::{Launch, Status, WorkCalendar};
use golive::store::{ItemChange, NewPlan, Store};

const DEFAULT_TASKS: usize = 500;

/// The built-in template with its tasks repeated under new IDs ("GEN-01.2") up to `count`.
fn big_template(count: usize) -> Result<String, Box<dyn Error>> {
    let builtin = Template::builtin()?;
    let ids: Vec<&str> = builtin.tasks.iter().map(|t| t.id.as_str()).collect();
    // The runbook after the tasks belongs to the template once, not to each copy of a task.
    let (body, runbook) = BUILTIN_TEMPLATE_TOML
        .split_once("\n[[runbook]]")
        .map_or((BUILTIN_TEMPLATE_TOML, String::new()), |(b, r)| {
            (b, format!("\n[[runbook]]{r}"))
        });
    let (head, tasks) = body
        .split_once("\n[[task]]")
        .ok_or("the built-in template has no [[task]]")?;
    let blocks: Vec<String> = format!("[[task]]{tasks}")
        .split("\n[[task]]")
        .map(|b| b.trim_start_matches("[[task]]").to_string())
        .collect();
    let mut out = format!("{head}\n");
    let mut made = 0;
    'copies: for copy in 1.. {
        for block in &blocks {
            if made == count {
                break 'copies;
            }
            let mut text = block.clone();
            if copy > 1 {
                // A copy may be cut short at `count`, so copies keep no dependencies.
                text = text
                    .lines()
                    .filter(|l| !l.starts_with("depends_on"))
                    .collect::<Vec<_>>()
                    .join("\n");
                for id in &ids {
                    text = text.replace(&format!("\"{id}\""), &format!("\"{id}.{copy}\""));
                }
            }
            out.push_str("\n[[task]]");
            out.push_str(&text);
            made += 1;
        }
    }
    out.push_str(&runbook);
    Ok(out)
}

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: bench_plan DATABASE [TASKS]")?;
    let tasks = match std::env::args().nth(2) {
        Some(n) => n
            .parse()
            .map_err(|_| format!("TASKS must be a number, not {n:?}"))?,
        None => DEFAULT_TASKS,
    };
    let text = big_template(tasks)?;
    let template = Template::parse(&text, &format!("bench-{tasks}.toml"))?;
    let mut store = Store::open(Path::new(&path))?;
    let day = Utc::now()
        .date_naive()
        .checked_add_days(Days::new(45))
        .ok_or("date out of range")?;
    let launch = Launch::parse(&format!("{day} 09:00"), "Europe/Berlin")?;
    let plan = store.create_plan(&NewPlan {
        name: format!("Bench {tasks}"),
        client: Some("Load test".into()),
        launch,
        pentest: None,
        calendar: WorkCalendar::default(),
        template,
        template_text: text,
    })?;
    let ids: Vec<String> = store
        .template_of(&plan)?
        .tasks
        .iter()
        .map(|t| t.id.clone())
        .collect();
    for (i, id) in ids.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
        let change = ItemChange {
            status: Some(if i % 2 == 0 {
                Status::Done
            } else {
                Status::InProgress
            }),
            owner: Some(Some(format!("Owner {}", i % 7))),
            ..ItemChange::default()
        };
        store.update_item(plan.id, id, &change)?;
    }
    println!("plan {} with {} tasks in {path}", plan.id, ids.len());
    Ok(())
}
