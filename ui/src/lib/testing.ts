// Test data and helpers for the UI's unit tests: a task, a plan's board and the vocabulary as
// the Rust side sends them; settling pending work; axe's findings.
import axe from "axe-core";
import { flushSync } from "svelte";
import type { BoardDto } from "./ipc/bindings/BoardDto";
import type { CountsDto } from "./ipc/bindings/CountsDto";
import type { Phase } from "./ipc/bindings/Phase";
import type { TaskDto } from "./ipc/bindings/TaskDto";
import type { VocabularyDto } from "./ipc/bindings/VocabularyDto";

/** The library's phase order. */
export const PHASES: Phase[] = ["8w", "4w", "2w", "launch-day", "post-launch"];

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
    blocked_reason: null,
    counted_in: { blocking_open: false, overdue: false, waived: false, done_without_evidence: false },
    start: "2027-01-04",
    critical: false,
    at_risk: null,
    caught_up: false,
    moved: null,
    own: false,
    due_rule: { kind: "phase" },
    ...over,
  };
}

/** Plan 1, launching on 1 March 2027, seen on 11 January, with these tasks. */
export function board(tasks: TaskDto[] = [task()]): BoardDto {
  return {
    plan: {
      id: 1,
      gid: "0190b7c4-2a4e-7000-8000-000000000001",
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
      counts: open(tasks.length),
      phases: PHASES.filter((p) => tasks.some((t) => t.phase === p)).map((phase) => ({
        phase,
        counts: open(tasks.filter((t) => t.phase === phase).length),
        next_due: null,
      })),
      days_to_launch: 49,
      risks: [],
      catch_up: null,
    },
    conflicts: [],
  };
}

function open(total: number): CountsDto {
  return { total, done: 0, not_applicable: 0, open: total, in_progress: 0, blocked: 0, overdue: 0, blocking_open: 0, waived: 0, done_without_evidence: 0, closed: 0, to_do: total };
}

/** What the `vocabulary` command answers (some areas and checks only; the library has all). */
export const WORDS: VocabularyDto = {
  statuses: [
    { key: "todo", label: "To do" },
    { key: "in-progress", label: "In progress" },
    { key: "done", label: "Done" },
    { key: "blocked", label: "Blocked" },
    { key: "n/a", label: "Not applicable" },
  ],
  verdicts: [
    { key: "ready", label: "Ready" },
    { key: "ready-with-risks", label: "Ready with risks" },
    { key: "not-ready", label: "Not ready" },
  ],
  phases: [
    { key: "8w", label: "Eight weeks before" },
    { key: "4w", label: "Four weeks before" },
    { key: "2w", label: "Two weeks before" },
    { key: "launch-day", label: "Go-live day" },
    { key: "post-launch", label: "After go-live" },
  ],
  areas: [
    { key: "GEN", label: "General" },
    { key: "CLO", label: "Cloud" },
  ],
  decisions: [
    { key: "go", label: "Go" },
    { key: "go-with-conditions", label: "Go with conditions" },
    { key: "no-go", label: "No-Go" },
  ],
  checks: [
    { key: "robots", label: "robots.txt" },
    { key: "hsts", label: "HSTS" },
  ],
  probe_verdicts: [
    { key: "pass", label: "Pass" },
    { key: "warn", label: "Warning" },
    { key: "fail", label: "Fail" },
    { key: "error", label: "Could not check" },
  ],
};

/** Lets pending IPC answers and Svelte's updates run: a few macrotask turns, each flushed. */
export async function settle(turns = 8): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
}

/** axe-core's violations inside `root`, one line each (contrast is checked in the real window). */
export async function violations(root: Element): Promise<string[]> {
  const result = await axe.run(root, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
