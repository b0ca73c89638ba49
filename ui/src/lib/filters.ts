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
  /** The readiness counts, each matched on the library's tally of the task (`counted_in`),
      so a filter shows as many tasks as the header's count. */
  blocking: boolean;
  overdue: boolean;
  waived: boolean;
  noEvidence: boolean;
  query: string;
};

export const EMPTY_FILTER: Filter = {
  status: "",
  owner: "",
  area: "",
  blocking: false,
  overdue: false,
  waived: false,
  noEvidence: false,
  query: "",
};

/** The filters that stand for a readiness count, and the count each shows. */
export const COUNT_FILTERS = [
  { key: "blocking", label: "Blocking open", short: "Blocking open", count: "blocking_open", icon: "flag" },
  { key: "overdue", label: "Overdue", short: "Overdue", count: "overdue", icon: "clock" },
  { key: "waived", label: "Waived", short: "Waived", count: "waived", icon: "shield" },
  { key: "noEvidence", label: "Done without evidence", short: "No evidence", count: "done_without_evidence", icon: "note" },
] as const;

export type CountFilter = (typeof COUNT_FILTERS)[number]["key"];

export function isFiltered(f: Filter): boolean {
  return f.status !== "" || f.owner !== "" || f.area !== "" || f.blocking || f.overdue || f.waived || f.noEvidence || f.query.trim() !== "";
}

/** Where a search can find a task, in the order a match is reported. */
const FIELDS = [
  { key: "id", label: "id", text: (t: TaskDto) => t.id },
  { key: "title", label: "title", text: (t: TaskDto) => t.title },
  { key: "owner", label: "owner", text: (t: TaskDto) => t.owner ?? "" },
  { key: "guidance", label: "guidance", text: (t: TaskDto) => t.guidance },
  { key: "evidence", label: "evidence", text: (t: TaskDto) => t.evidence_hint },
] as const;

export type SearchField = (typeof FIELDS)[number]["key"];

/** Why a task matched a search: the fields holding its words, and a few words around the
    first match in a field the row does not show (guidance, evidence). */
export type SearchHit = { fields: SearchField[]; labels: string[]; excerpt: string | null };

function words(query: string): string[] {
  return query.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

/** The fields of `task` that hold any word of `query`, or null when some word is nowhere. */
export function searchHit(task: TaskDto, query: string): SearchHit | null {
  const ws = words(query);
  if (ws.length === 0) return null;
  const texts = FIELDS.map((f) => ({ ...f, lower: f.text(task).toLowerCase() }));
  if (!ws.every((w) => texts.some((f) => f.lower.includes(w)))) return null;
  const found = texts.filter((f) => ws.some((w) => f.lower.includes(w)));
  const hidden = found.find((f) => f.key === "guidance" || f.key === "evidence");
  let excerpt: string | null = null;
  if (hidden && !found.some((f) => f.key === "title" || f.key === "id")) {
    const text = hidden.text(task);
    const at = Math.min(...ws.map((w) => hidden.lower.indexOf(w)).filter((i) => i >= 0));
    const start = at <= 50 ? 0 : text.lastIndexOf(" ", at - 30) + 1;
    const end = Math.min(text.length, at + 60);
    excerpt = `${start > 0 ? "…" : ""}${text.slice(start, end).replace(/[`*_]/g, "")}${end < text.length ? "…" : ""}`;
  }
  return { fields: found.map((f) => f.key), labels: found.map((f) => f.label), excerpt };
}

/** `text` cut into plain and matching parts, for highlighting the search's words. */
export function highlight(text: string, query: string): { text: string; hit: boolean }[] {
  const ws = words(query);
  if (ws.length === 0 || !text) return [{ text, hit: false }];
  const lower = text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const w of ws) {
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) marks.fill(true, i, i + w.length);
  }
  const parts: { text: string; hit: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.hit === marks[i]) last.text += text[i];
    else parts.push({ text: text[i], hit: marks[i] });
  }
  return parts;
}

export function matches(task: TaskDto, f: Filter): boolean {
  if (f.status === "open" && (task.status === "done" || task.status === "n/a")) return false;
  if (f.status !== "" && f.status !== "open" && task.status !== f.status) return false;
  if (f.owner === "-" && task.owner) return false;
  if (f.owner !== "" && f.owner !== "-" && task.owner !== f.owner) return false;
  if (f.area !== "" && task.area !== f.area) return false;
  if (f.blocking && !task.counted_in.blocking_open) return false;
  if (f.overdue && !task.counted_in.overdue) return false;
  if (f.waived && !task.counted_in.waived) return false;
  if (f.noEvidence && !task.counted_in.done_without_evidence) return false;
  if (words(f.query).length > 0) return searchHit(task, f.query) !== null;
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
