// The "This week" view's arithmetic: which week a task falls in, and the agenda grouped by
// plan or by owner. Not for picking the tasks: the library does that (`golive::plan::agenda`).
import type { AgendaPlanDto } from "../../lib/ipc/bindings/AgendaPlanDto";
import type { AgendaTaskDto } from "../../lib/ipc/bindings/AgendaTaskDto";
import { addDays, daysBetween, parseDay } from "../../lib/format";

export type When = "overdue" | "this-week" | "next-week" | "later";
export const WHEN_LABEL: Record<When, string> = {
  overdue: "Overdue",
  "this-week": "This week",
  "next-week": "Next week",
  later: "Later",
};

export type Grouping = "plan" | "owner";

/** A task with the plan it belongs to and the week it falls in. */
export type Row = AgendaTaskDto & { plan_id: number; plan_name: string; today: string; when: When };
export type Group = { key: string; title: string; subtitle: string; rows: Row[] };

/** The Sunday that ends `today`'s week (weeks start on Monday). */
export function weekEnd(today: string): string {
  const monday0 = (parseDay(today).getUTCDay() + 6) % 7;
  return addDays(today, 6 - monday0);
}

/** Days from `today` to the end of next week: the horizon the agenda is asked for. */
export function horizon(today: string): number {
  return daysBetween(today, weekEnd(today)) + 7;
}

export function when(t: AgendaTaskDto, today: string): When {
  if (t.overdue) return "overdue";
  const end = weekEnd(today);
  if (t.due <= end) return "this-week";
  if (t.due <= addDays(end, 7)) return "next-week";
  return "later";
}

/** Every task with its plan and week, minus those after next week that are not blocked (the
    horizon asked for is the computer's, a plan's zone may be a day ahead). */
export function rows(plans: AgendaPlanDto[]): Row[] {
  return plans.flatMap((p) =>
    p.tasks
      .map((t) => ({ ...t, plan_id: p.plan_id, plan_name: p.plan_name, today: p.today, when: when(t, p.today) }))
      .filter((r) => r.when !== "later" || r.status === "blocked"),
  );
}

const byDue = (a: Row, b: Row) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.plan_name.localeCompare(b.plan_name) || a.task_id.localeCompare(b.task_id));

/** Grouped by plan (in the library's order: soonest launch first) or by owner (by name, the
    unowned last), soonest due first within a group. */
export function group(plans: AgendaPlanDto[], by: Grouping): Group[] {
  const all = rows(plans);
  if (by === "plan") {
    return plans
      .map((p) => ({
        key: `plan:${p.plan_id}`,
        title: p.plan_name,
        subtitle: p.client ?? "",
        rows: all.filter((r) => r.plan_id === p.plan_id).sort(byDue),
      }))
      .filter((g) => g.rows.length > 0);
  }
  const owners = new Map<string, { name: string; rows: Row[] }>();
  for (const r of all) {
    const name = r.owner?.trim() || "";
    const key = name.toLowerCase();
    const g = owners.get(key) ?? { name, rows: [] };
    g.rows.push(r);
    owners.set(key, g);
  }
  return [...owners.entries()]
    .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)))
    .map(([key, g]) => ({ key: `owner:${key}`, title: g.name || "No owner", subtitle: "", rows: g.rows.sort(byDue) }));
}

/** How many of the rows fall in each week, for the summary above the list. */
export function counts(all: Row[]): Record<When, number> & { blocked: number } {
  const out = { overdue: 0, "this-week": 0, "next-week": 0, later: 0, blocked: 0 };
  for (const r of all) {
    out[r.when] += 1;
    if (r.status === "blocked") out.blocked += 1;
  }
  return out;
}
