// Timeline layout: where each task sits on the date axis, packed into rows per phase lane.
import type { Phase } from "./ipc/bindings/Phase";
import type { TaskDto } from "./ipc/bindings/TaskDto";
import { addDays, daysBetween, parseDay } from "./format";
import { byPhase } from "./filters";

export type Zoom = "week" | "month";
export const PX_PER_DAY: Record<Zoom, number> = { week: 30, month: 9 };
/** Width of a chip: an ID label in week zoom, a dot in month zoom. */
export const CHIP_WIDTH: Record<Zoom, number> = { week: 68, month: 12 };

export type Placed = { task: TaskDto; x: number; row: number };
/** "+N more" on a day whose tasks are folded away (lane not expanded). */
export type More = { due: string; count: number; x: number; row: number };
export type Lane = { phase: Phase; label: string; rows: number; items: Placed[]; more: More[]; total: number };

/** Tasks shown per day in a folded lane before the rest collapse into "+N more". */
export const PER_DAY = 3;

export function range(tasks: TaskDto[], today: string, launch: string): { start: string; end: string; days: number } {
  let min = today < launch ? today : launch;
  let max = launch > today ? launch : today;
  for (const t of tasks) {
    if (t.due < min) min = t.due;
    if (t.due > max) max = t.due;
  }
  // Start on a Monday a few days before, end a week after the last date.
  const startRaw = addDays(min, -4);
  const dow = (parseDay(startRaw).getUTCDay() + 6) % 7;
  const start = addDays(startRaw, -dow);
  const end = addDays(max, 10);
  return { start, end, days: daysBetween(start, end) + 1 };
}

/** One lane per phase with tasks, in `order` (the library's: the board's `readiness.phases`). */
export function layout(tasks: TaskDto[], order: readonly Phase[], start: string, zoom: Zoom, expanded: ReadonlySet<string> = new Set()): Lane[] {
  const px = PX_PER_DAY[zoom];
  const width = CHIP_WIDTH[zoom];
  const phases = byPhase([...new Set(tasks.map((t) => t.phase))], (p) => p, order);
  return phases.map((phase) => {
    const inLane = tasks.filter((t) => t.phase === phase).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id.localeCompare(b.id)));
    const rowEnds: number[] = [];
    const place = (due: string) => {
      const x = daysBetween(start, due) * px + (zoom === "week" ? 2 : px / 2 - width / 2);
      let row = rowEnds.findIndex((end) => end <= x);
      if (row === -1) {
        row = rowEnds.length;
        rowEnds.push(0);
      }
      rowEnds[row] = x + width + 3;
      return { x, row };
    };
    const items: Placed[] = [];
    const more: More[] = [];
    const folded = !expanded.has(phase);
    for (let i = 0; i < inLane.length; ) {
      const due = inLane[i].due;
      let j = i;
      while (j < inLane.length && inLane[j].due === due) j++;
      const day = inLane.slice(i, j);
      const shown = folded && day.length > PER_DAY + 1 ? day.slice(0, PER_DAY) : day;
      for (const task of shown) items.push({ task, ...place(due) });
      if (shown.length < day.length) more.push({ due, count: day.length - shown.length, ...place(due) });
      i = j;
    }
    return {
      phase,
      label: inLane[0].phase_label,
      rows: Math.max(1, rowEnds.length),
      items,
      more,
      total: inLane.length,
    };
  });
}

/** Days of the axis with what to print above each. */
export function axis(start: string, days: number): { iso: string; day: number; weekend: boolean; monthStart: boolean; weekStart: boolean }[] {
  const out = [];
  for (let i = 0; i < days; i++) {
    const iso = addDays(start, i);
    const d = parseDay(iso);
    out.push({
      iso,
      day: d.getUTCDate(),
      weekend: d.getUTCDay() === 0 || d.getUTCDay() === 6,
      monthStart: d.getUTCDate() === 1 || i === 0,
      weekStart: d.getUTCDay() === 1,
    });
  }
  return out;
}
