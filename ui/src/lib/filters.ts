// Checklist filtering and grouping: pure functions over the board's tasks, and a phase's
// progress (the library's counts) in words.
import type { CountsDto } from "./ipc/bindings/CountsDto";
import type { Phase } from "./ipc/bindings/Phase";
import type { Status } from "./ipc/bindings/Status";
import type { TaskDto } from "./ipc/bindings/TaskDto";

export type Filter = {
  status: "" | "open" | Status; // "" = any, "open" = not closed
  owner: string; // "" = anyone, "-" = unassigned, or a name
  area: string; // "" = all areas
  blocking: boolean;
  overdue: boolean;
  query: string;
};

export const EMPTY_FILTER: Filter = {
  status: "",
  owner: "",
  area: "",
  blocking: false,
  overdue: false,
  query: "",
};

export function isFiltered(f: Filter): boolean {
  return f.status !== "" || f.owner !== "" || f.area !== "" || f.blocking || f.overdue || f.query.trim() !== "";
}

export function matches(task: TaskDto, f: Filter): boolean {
  if (f.status === "open" && (task.status === "done" || task.status === "n/a")) return false;
  if (f.status !== "" && f.status !== "open" && task.status !== f.status) return false;
  if (f.owner === "-" && task.owner) return false;
  if (f.owner !== "" && f.owner !== "-" && task.owner !== f.owner) return false;
  if (f.area !== "" && task.area !== f.area) return false;
  if (f.blocking && !task.blocking) return false;
  if (f.overdue && !task.overdue) return false;
  const q = f.query.trim().toLowerCase();
  if (q) {
    const hay = `${task.id} ${task.title} ${task.owner ?? ""} ${task.guidance}`.toLowerCase();
    return q.split(/\s+/).every((word) => hay.includes(word));
  }
  return true;
}

export type Group = { key: string; phase: Phase; phaseLabel: string; areaLabel: string; tasks: TaskDto[] };
export type PhaseGroup = { phase: Phase; label: string; groups: Group[]; count: number };

/** Sorts by the place of each item's phase in `order`; phases it lacks go last. */
export function byPhase<T>(items: T[], phase: (item: T) => Phase, order: readonly Phase[]): T[] {
  const rank = (p: Phase) => (order.includes(p) ? order.indexOf(p) : order.length);
  return [...items].sort((a, b) => rank(phase(a)) - rank(phase(b)));
}

/**
 * Phase (in `order`, the library's: the board's `readiness.phases`), then area, keeping the
 * board's order (by due date) inside each group.
 */
export function groupTasks(tasks: TaskDto[], order: readonly Phase[]): PhaseGroup[] {
  const phases = new Map<string, PhaseGroup>();
  for (const t of tasks) {
    let p = phases.get(t.phase);
    if (!p) {
      p = { phase: t.phase, label: t.phase_label, groups: [], count: 0 };
      phases.set(t.phase, p);
    }
    let g = p.groups.find((x) => x.key === `${t.phase}/${t.area}`);
    if (!g) {
      g = { key: `${t.phase}/${t.area}`, phase: t.phase, phaseLabel: t.phase_label, areaLabel: t.area_label, tasks: [] };
      p.groups.push(g);
    }
    g.tasks.push(t);
    p.count += 1;
  }
  return byPhase([...phases.values()], (p) => p.phase, order);
}

/** The visible order of rows, for arrow-key movement. */
export function flatten(groups: PhaseGroup[]): TaskDto[] {
  return groups.flatMap((p) => p.groups.flatMap((g) => g.tasks));
}

export function owners(tasks: TaskDto[]): string[] {
  return [...new Set(tasks.map((t) => t.owner).filter((o): o is string => !!o))].sort();
}

/**
 * A phase's progress in words, from the library's counts and in its wording (the report and
 * the CLI say the same): "5 of 12 closed (3 done, 2 not applicable) · 2 blocking open".
 */
export function phaseProgress(c: CountsDto): string {
  const closed = `${c.closed} of ${c.total} closed (${c.done} done, ${c.not_applicable} not applicable)`;
  return c.blocking_open > 0 ? `${closed} · ${c.blocking_open} blocking open` : closed;
}
