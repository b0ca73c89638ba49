//! The dependency graph of a checklist's tasks: cycles and a topological order.
//!
//! Only the shape of `depends_on` lives here (no dates): template validation refuses a
//! circle with the ids in it, and the timeline engine walks tasks prerequisites-first.
//! Dependencies on ids that are not tasks of the list are ignored here; the template
//! loader reports those itself.

use std::collections::HashMap;

use super::model::TaskTemplate;

/// The ids of one circle of dependencies, in order (each depends on the next; the last on
/// the first), or `None` when the tasks have none.
pub fn find_cycle(tasks: &[TaskTemplate]) -> Option<Vec<String>> {
    let index: HashMap<&str, usize> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    // 0 = not seen, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; tasks.len()];
    for root in 0..tasks.len() {
        if state[root] != 0 {
            continue;
        }
        // Iterative depth-first search: (task, next dependency to look at).
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(top) = path.last_mut() {
            let task = top.0;
            let deps = &tasks[task].depends_on;
            if top.1 >= deps.len() {
                state[task] = 2;
                path.pop();
                continue;
            }
            let dep = deps[top.1].as_str();
            top.1 += 1;
            let Some(&d) = index.get(dep) else { continue };
            match state[d] {
                0 => {
                    state[d] = 1;
                    path.push((d, 0));
                }
                1 => {
                    let from = path.iter().position(|(t, _)| *t == d).unwrap_or(0);
                    return Some(
                        path[from..]
                            .iter()
                            .map(|(t, _)| tasks[*t].id.clone())
                            .collect(),
                    );
                }
                _ => {}
            }
        }
    }
    None
}

/// "A → B → C → A": a circle as people read it (each needs the next).
pub fn cycle_text(cycle: &[String]) -> String {
    let mut parts: Vec<&str> = cycle.iter().map(String::as_str).collect();
    if let Some(first) = cycle.first() {
        parts.push(first);
    }
    parts.join(" → ")
}

/// Task indices with every prerequisite before the tasks that need it, ties in list order;
/// `None` when the dependencies form a circle.
pub fn topological_order(tasks: &[TaskTemplate]) -> Option<Vec<usize>> {
    let index: HashMap<&str, usize> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut waiting: Vec<usize> = vec![0; tasks.len()];
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); tasks.len()];
    for (i, task) in tasks.iter().enumerate() {
        for dep in &task.depends_on {
            if let Some(&d) = index.get(dep.as_str()) {
                waiting[i] += 1;
                successors[d].push(i);
            }
        }
    }
    let mut ready: std::collections::BTreeSet<usize> =
        (0..tasks.len()).filter(|i| waiting[*i] == 0).collect();
    let mut order = Vec::with_capacity(tasks.len());
    while let Some(next) = ready.pop_first() {
        order.push(next);
        for &s in &successors[next] {
            waiting[s] -= 1;
            if waiting[s] == 0 {
                ready.insert(s);
            }
        }
    }
    (order.len() == tasks.len()).then_some(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Template;

    fn with_deps(pairs: &[(&str, &[&str])]) -> Vec<TaskTemplate> {
        let base = Template::builtin().unwrap().tasks[0].clone();
        pairs
            .iter()
            .map(|(id, deps)| TaskTemplate {
                id: (*id).into(),
                depends_on: deps.iter().map(|d| (*d).to_string()).collect(),
                ..base.clone()
            })
            .collect()
    }

    #[test]
    fn a_circle_is_found_with_its_ids() {
        let tasks = with_deps(&[("A", &["B"]), ("B", &["C"]), ("C", &["A"]), ("D", &[])]);
        let cycle = find_cycle(&tasks).unwrap();
        assert_eq!(cycle.len(), 3);
        assert_eq!(cycle_text(&cycle), "A → B → C → A");
        assert!(topological_order(&tasks).is_none());
    }

    #[test]
    fn prerequisites_come_first() {
        let tasks = with_deps(&[("A", &["C"]), ("B", &[]), ("C", &["B"])]);
        assert!(find_cycle(&tasks).is_none());
        assert_eq!(topological_order(&tasks).unwrap(), vec![1, 2, 0]);
    }

    #[test]
    fn the_builtin_template_has_no_circle() {
        let t = Template::builtin().unwrap();
        assert!(find_cycle(&t.tasks).is_none());
    }
}
