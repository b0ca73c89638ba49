// Checklist filtering and grouping: pure functions over the board's tasks.
import type { TaskDto } from "./ipc/bindings/TaskDto";

export type Filter = {
  status: string; // "" = any, "open" = not closed, or a status key
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

export type Group = { key: string; phase: string; phaseLabel: string; areaLabel: string; tasks: TaskDto[] };
export type PhaseGroup = { phase: string; label: string; groups: Group[]; count: number };

const PHASE_ORDER = ["8w", "4w", "2w", "launch-day", "post-launch"];

/** Phase, then area, keeping the board's order (by due date) inside each group. */
export function groupTasks(tasks: TaskDto[]): PhaseGroup[] {
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
  return [...phases.values()].sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase));
}

/** The visible order of rows, for arrow-key movement. */
export function flatten(groups: PhaseGroup[]): TaskDto[] {
  return groups.flatMap((p) => p.groups.flatMap((g) => g.tasks));
}

export function owners(tasks: TaskDto[]): string[] {
  return [...new Set(tasks.map((t) => t.owner).filter((o): o is string => !!o))].sort();
}
