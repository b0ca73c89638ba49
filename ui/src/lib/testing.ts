// Test data for the UI's unit tests: a task and a plan's board as the Rust side sends them.
import type { BoardDto } from "./ipc/bindings/BoardDto";
import type { TaskDto } from "./ipc/bindings/TaskDto";

export function task(over: Partial<TaskDto> = {}): TaskDto {
  return {
    id: "GEN-01",
    title: "Share the go-live date",
    phase: "8w",
    phase_label: "Eight weeks before",
    area: "GEN",
    area_label: "General",
    guidance: "Tell the platform team the date and time.",
    source: "Preparation for going live",
    evidence_hint: "",
    blocking: false,
    steps: [],
    probes: [],
    depends_on: [],
    status: "todo",
    owner: null,
    due: "2027-01-18",
    computed_due: "2027-01-18",
    pinned: false,
    window_passed: false,
    overdue: false,
    waived: false,
    waiver: null,
    evidence_count: 0,
    ...over,
  };
}

/** Plan 1, launching on 1 March 2027, seen on 11 January, with these tasks. */
export function board(tasks: TaskDto[] = [task()]): BoardDto {
  return {
    plan: {
      id: 1,
      name: "Acme DE relaunch",
      client: "Acme GmbH",
      launch_local: "2027-03-01 09:00",
      launch_date: "2027-03-01",
      zone: "Europe/Berlin",
      pentest: null,
      working_days: ["mon", "tue", "wed", "thu", "fri"],
      holidays: [],
      planned_on: "2027-01-04",
      template_name: "Go-live checklist",
      template_version: "1",
      archived: false,
      created_at: "2027-01-04T09:00:00Z",
    },
    today: "2027-01-11",
    compressed: false,
    tasks,
    readiness: {
      verdict: "not-ready",
      verdict_label: "Not ready",
      reasons: [],
      counts: { total: tasks.length, done: 0, not_applicable: 0, open: tasks.length, in_progress: 0, blocked: 0, overdue: 0, blocking_open: 0, waived: 0 },
      days_to_launch: 49,
    },
  };
}
