// The Gantt timeline's layout: one line per task under group headings (phase and area, area,
// or owner), each task's window on the date axis, and the dependency arrows between them.
// Pure functions over the board; the view owns scrolling, drawing and the keyboard. Not for
// scheduling: windows, dates and the critical path are the library's.
import type { BoardDto } from "../../lib/ipc/bindings/BoardDto";
import type { Phase } from "../../lib/ipc/bindings/Phase";
import type { TaskDto } from "../../lib/ipc/bindings/TaskDto";
import { addDays, daysBetween, parseDay } from "../../lib/format";
import { byPhase, groupTasks } from "../../lib/filters";

export type Zoom = "week" | "month" | "plan";
export type GroupBy = "phase" | "area" | "owner";

/** Pixels per day of the fixed zooms; "plan" fits the whole plan into the view. */
export const PX_PER_DAY = { week: 28, month: 9 } as const;
/** The narrowest a day gets in "plan" zoom, so a long plan scrolls rather than vanishes. */
export const MIN_PX = 2;

export const HEIGHT = { group: 30, sub: 22, task: 26 } as const;

export type Line =
  | { kind: "group"; key: string; label: string; count: number; open: number; meets: Meet[]; height: number }
  | { kind: "sub"; key: string; label: string; count: number; height: number }
  | { kind: "task"; key: string; task: TaskDto; start: string; group: string; height: number };
export type TaskLine = Extract<Line, { kind: "task" }>;
/** A day on which several of a group's open tasks are due: drawn as a count on its heading. */
export type Meet = { day: string; count: number };

/** The first day of a task's window, the library's (never after its due date, which a pin
    may have moved before it). */
export function windowStart(t: TaskDto): string {
  return t.start > t.due ? t.due : t.start;
}

const isOpen = (t: TaskDto) => t.status !== "done" && t.status !== "n/a";

function task(t: TaskDto, group: string): TaskLine {
  return { kind: "task", key: t.id, task: t, start: windowStart(t), group, height: HEIGHT.task };
}

/** The days on which two or more of these open tasks are due, earliest first. */
export function meets(tasks: TaskDto[]): Meet[] {
  const by = new Map<string, number>();
  for (const t of tasks) if (isOpen(t)) by.set(t.due, (by.get(t.due) ?? 0) + 1);
  return [...by].filter(([, n]) => n > 1).sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, count]) => ({ day, count }));
}

function heading(key: string, label: string, tasks: TaskDto[]): Line {
  return { kind: "group", key, label, count: tasks.length, open: tasks.filter(isOpen).length, meets: meets(tasks), height: HEIGHT.group };
}

const byWindow = (a: TaskLine, b: TaskLine) =>
  a.start < b.start ? -1 : a.start > b.start ? 1 : a.task.due < b.task.due ? -1 : a.task.due > b.task.due ? 1 : a.task.id.localeCompare(b.task.id);

/** The lines to draw: a heading per group, then its tasks by window (phases in the library's
    `order`, with a subheading per area; areas and owners by name, no owner last). */
export function lines(board: BoardDto, by: GroupBy, order: readonly Phase[]): Line[] {
  const out: Line[] = [];
  if (by === "phase") {
    for (const p of groupTasks(board.tasks, order)) {
      const tasks = p.groups.flatMap((g) => g.tasks);
      out.push(heading(`phase:${p.phase}`, p.label, tasks));
      for (const g of p.groups) {
        out.push({ kind: "sub", key: `area:${g.key}`, label: g.areaLabel, count: g.tasks.length, height: HEIGHT.sub });
        out.push(...g.tasks.map((t) => task(t, `${p.label}, ${g.areaLabel}`)).sort(byWindow));
      }
    }
    return out;
  }
  const groups = new Map<string, { label: string; tasks: TaskDto[] }>();
  for (const t of byPhase(board.tasks, (x) => x.phase, order)) {
    const label = by === "area" ? t.area_label : t.owner?.trim() || "";
    const key = label.toLowerCase();
    const g = groups.get(key) ?? { label, tasks: [] };
    g.tasks.push(t);
    groups.set(key, g);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
  for (const key of keys) {
    const g = groups.get(key)!;
    const label = g.label || "No owner";
    out.push(heading(`${by}:${key}`, label, g.tasks));
    out.push(...g.tasks.map((t) => task(t, label)).sort(byWindow));
  }
  return out;
}

/** The axis: from the Monday before the earliest window (or today) to a week after the
    latest due date (or the launch). */
export function span(tasks: TaskLine[], today: string, launch: string): { start: string; end: string; days: number } {
  let min = today < launch ? today : launch;
  let max = launch > today ? launch : today;
  for (const l of tasks) {
    if (l.start < min) min = l.start;
    if (l.task.due > max) max = l.task.due;
  }
  const raw = addDays(min, -3);
  const start = addDays(raw, -((parseDay(raw).getUTCDay() + 6) % 7));
  const end = addDays(max, 7);
  return { start, end, days: daysBetween(start, end) + 1 };
}

/** Pixels per day: the zoom's, or in "plan" zoom what fits `width`. */
export function pxPerDay(zoom: Zoom, days: number, width: number): number {
  return zoom === "plan" ? Math.max(MIN_PX, width / Math.max(1, days)) : PX_PER_DAY[zoom];
}

/** A prerequisite's line and the line of the task that needs it. */
export type Link = { from: number; to: number };

/** Every dependency whose both tasks are drawn, as line indexes. */
export function links(all: Line[]): Link[] {
  const at = new Map<string, number>();
  all.forEach((l, i) => l.kind === "task" && at.set(l.task.id, i));
  const out: Link[] = [];
  all.forEach((l, i) => {
    if (l.kind !== "task") return;
    for (const dep of l.task.depends_on) {
      const from = at.get(dep);
      if (from !== undefined) out.push({ from, to: i });
    }
  });
  return out;
}

/**
 * The SVG path of an arrow from the end of one bar (x1, y1) to the start of another (x2, y2):
 * out to the right, down or up, and in from the left; when the second bar starts before the
 * first ends, it goes round through the gap between the lines.
 */
export function arrowPath(x1: number, y1: number, x2: number, y2: number, gapY: number): string {
  const out = x1 + 6;
  if (x2 - 6 >= out) return `M${x1},${y1} H${out} V${y2} H${x2}`;
  return `M${x1},${y1} H${out} V${gapY} H${x2 - 6} V${y2} H${x2}`;
}

/** Where the timeline opens: a few days before the earliest open task that is overdue or
    due from today on, else today — where the work is, not an empty stretch. */
export function openingDay(tasks: TaskLine[], today: string): string {
  let first: string | null = null;
  for (const l of tasks) {
    if (!isOpen(l.task)) continue;
    const day = l.task.overdue ? l.task.due : l.start > today ? l.start : today;
    if (first === null || day < first) first = day;
  }
  return addDays(first ?? today, -3);
}
