// The sign-off form's logic, apart from how it looks: a stakeholder's draft decision (its
// conditions as rows of what, owner and due, its note or No-Go reason, the report file it is
// made on), what is missing before it can be recorded, the form the `decide` command takes,
// and how a recorded decision's condition tasks read. Not here: the rules a
// decision must meet, which are the library's (its `{code, message}` is shown as it comes).
import type { CommandError } from "../../lib/ipc/core";
import type { ConditionTaskDto } from "../../lib/ipc/bindings/ConditionTaskDto";
import type { Decision } from "../../lib/ipc/bindings/Decision";
import type { DecisionFormDto } from "../../lib/ipc/bindings/DecisionFormDto";
import type { StakeholderDto } from "../../lib/ipc/bindings/StakeholderDto";
import { formatDay } from "../../lib/format";

/** One condition as typed: `key` keeps a row's fields with it when another row goes. */
export type ConditionRow = { key: number; text: string; owner: string; due: string };

export type DecisionDraft = {
  decision: Decision | "";
  /** For a go with conditions, free words beside the conditions; for a No-Go, its reason. */
  note: string;
  conditions: ConditionRow[];
  /** The day of the decision (ISO). */
  on: string;
  /** The exported report the decision is made on; `null`: the plan as it is now. */
  report: string | null;
  /** The condition tasks a go with conditions made again keeps (the library carries them). */
  kept: string[];
};

let rowKeys = 0;

/** An empty condition, due on the launch day unless the stakeholder says otherwise. */
export function newCondition(launchDay: string): ConditionRow {
  rowKeys += 1;
  return { key: rowKeys, text: "", owner: "", due: launchDay };
}

/** A fresh draft for `p`: their last decision and words preselected, dated today, on the
    plan as it is. A go with conditions made again keeps the conditions recorded before (they
    are tasks of the plan) and starts with no new row; a first one starts with one. */
export function newDraft(p: StakeholderDto, today: string, launchDay: string): DecisionDraft {
  const kept = p.decision === "go-with-conditions" ? p.condition_tasks.map((c) => c.task_id) : [];
  const draft: DecisionDraft = { decision: "", note: p.conditions ?? "", conditions: [], on: today, report: null, kept };
  if (p.decision) choose(draft, p.decision, launchDay);
  return draft;
}

/** Picks a decision; a go with conditions without kept ones starts with a row to fill in. */
export function choose(draft: DecisionDraft, decision: Decision, launchDay: string): void {
  draft.decision = decision;
  if (decision === "go-with-conditions" && draft.conditions.length === 0 && draft.kept.length === 0) draft.conditions.push(newCondition(launchDay));
}

export function addCondition(draft: DecisionDraft, launchDay: string): ConditionRow {
  const row = newCondition(launchDay);
  draft.conditions.push(row);
  return row;
}

export function removeCondition(draft: DecisionDraft, key: number): void {
  draft.conditions = draft.conditions.filter((c) => c.key !== key);
}

export type RowProblems = { text?: string; owner?: string; due?: string };
export type DraftProblems = { rows: RowProblems[]; conditions?: string; reason?: string };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What is missing before the draft can be recorded, in the field it belongs to. The
    library checks the same again and has the last word. */
export function problems(draft: DecisionDraft): DraftProblems {
  const out: DraftProblems = { rows: [] };
  if (draft.decision === "go-with-conditions") {
    if (draft.conditions.length === 0 && draft.kept.length === 0) out.conditions = "Add at least one condition: what must be true to go live, who sees to it and by when.";
    out.rows = draft.conditions.map((c) => {
      const row: RowProblems = {};
      if (!c.text.trim()) row.text = "Say what must be true.";
      if (!c.owner.trim()) row.owner = "Name who sees to it.";
      if (!ISO_DAY.test(c.due)) row.due = "Give the day it is due.";
      return row;
    });
  }
  if (draft.decision === "no-go" && !draft.note.trim()) out.reason = "A No-Go needs its reason: what stops the go-live.";
  return out;
}

export function isComplete(p: DraftProblems): boolean {
  return !p.conditions && !p.reason && p.rows.every((r) => !r.text && !r.owner && !r.due);
}

/** The draft as the `decide` command takes it: words trimmed, conditions only for a go with
    conditions, the note only where the decision has one. */
export function toForm(draft: DecisionDraft & { decision: Decision }): DecisionFormDto {
  const note = draft.note.trim();
  const form: DecisionFormDto = {
    decision: draft.decision,
    conditions: draft.decision === "go-with-conditions" ? draft.conditions.map((c) => ({ text: c.text.trim(), owner: c.owner.trim(), due: c.due })) : [],
    on: draft.on,
  };
  if (note && draft.decision !== "go") form.text = note;
  if (draft.report) form.report = draft.report;
  return form;
}

/** Whether a condition due on `due` blocks a launch on `launchDay`, as the library decides:
    due on or before the launch day. */
export function blocksLaunch(due: string, launchDay: string): boolean {
  return due <= launchDay;
}

// The kinds of error a report file brings (unreadable, not a PDF, a signature that does not
// verify, unsealed, its data unreadable, another plan's or changed since signing: the
// library's ReportError kinds of verifying): they belong beside the file, not under the form.
const FILE_KINDS: ReadonlySet<string> = new Set(["io", "not-a-pdf", "sign-failed", "not-sealed", "json", "tampered"]);

/** Where the library's refusal of a draft is shown: at the report file, or under the form. */
export function errorPlace(e: CommandError, draft: DecisionDraft): "file" | "form" {
  return draft.report && FILE_KINDS.has(e.kind) ? "file" : "form";
}

/** "HSTS live — Ana Lopez · due Sat 20 Feb · To do": a condition's task beside its id. */
export function conditionLine(c: ConditionTaskDto, today: string): string {
  return `${c.title} — ${c.owner ?? "no owner"} · due ${formatDay(c.due, today)} · ${c.status_label}`;
}
