// The "This week" view: the weeks a task falls in (weeks start on Monday), grouping by plan
// and by owner, and the view with the Rust commands answered by a stub — a row opens its task
// in its plan, "My tasks" asks for the user's name, and axe finds nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { vocabulary } from "../../lib/vocabulary.svelte";
import { app } from "../../lib/state.svelte";
import { board, settle, violations, WORDS } from "../../lib/testing";
import type { AgendaPlanDto } from "../../lib/ipc/bindings/AgendaPlanDto";
import type { AgendaTaskDto } from "../../lib/ipc/bindings/AgendaTaskDto";
import { counts, group, horizon, rows, weekEnd, when } from "./agenda";
import AgendaView from "./AgendaView.svelte";

const entry = (over: Partial<AgendaTaskDto>): AgendaTaskDto => ({
  task_id: "GEN-01",
  title: "Share the go-live date",
  owner: null,
  status: "todo",
  due: "2027-01-20",
  overdue: false,
  blocking: false,
  ...over,
});

// Wednesday 20 January 2027.
const TODAY = "2027-01-20";
const plan = (id: number, name: string, tasks: AgendaTaskDto[]): AgendaPlanDto => ({
  plan_id: id,
  plan_name: name,
  client: `${name} GmbH`,
  launch_date: "2027-03-01",
  today: TODAY,
  tasks,
});

const PLANS: AgendaPlanDto[] = [
  plan(1, "Acme", [
    entry({ task_id: "GEN-02", due: "2027-01-18", overdue: true, owner: "Mira" }),
    entry({ task_id: "GEN-03", due: "2027-01-24", owner: "Jonas" }),
    entry({ task_id: "GEN-04", due: "2027-01-31", owner: "mira " }),
    entry({ task_id: "GEN-05", due: "2027-02-01" }),
  ]),
  plan(2, "Birch", [entry({ task_id: "SEC-01", due: "2027-04-01", status: "blocked", owner: "Lea", blocking: true })]),
];

describe("weeks", () => {
  it("end on Sunday and reach to the end of next week", () => {
    expect(weekEnd(TODAY)).toBe("2027-01-24");
    expect(weekEnd("2027-01-24")).toBe("2027-01-24");
    expect(weekEnd("2027-01-18")).toBe("2027-01-24");
    expect(horizon(TODAY)).toBe(11);
    expect(horizon("2027-01-24")).toBe(7);
  });

  it("put a task in overdue, this week, next week or later", () => {
    expect(when(entry({ overdue: true, due: "2027-01-19" }), TODAY)).toBe("overdue");
    expect(when(entry({ due: "2027-01-24" }), TODAY)).toBe("this-week");
    expect(when(entry({ due: "2027-01-25" }), TODAY)).toBe("next-week");
    expect(when(entry({ due: "2027-01-31" }), TODAY)).toBe("next-week");
    expect(when(entry({ due: "2027-02-01" }), TODAY)).toBe("later");
  });

  it("leave out what is after next week unless it is blocked", () => {
    const ids = rows(PLANS).map((r) => r.task_id);
    expect(ids).toEqual(["GEN-02", "GEN-03", "GEN-04", "SEC-01"]);
    expect(counts(rows(PLANS))).toMatchObject({ overdue: 1, "this-week": 1, "next-week": 1, later: 1, blocked: 1 });
  });
});

describe("grouping", () => {
  it("by plan keeps the library's plan order, soonest due first", () => {
    const g = group(PLANS, "plan");
    expect(g.map((x) => x.title)).toEqual(["Acme", "Birch"]);
    expect(g[0].rows.map((r) => r.task_id)).toEqual(["GEN-02", "GEN-03", "GEN-04"]);
  });

  it("by owner joins one name however it is typed, the unowned last", () => {
    const withUnowned = [...PLANS, plan(3, "Cedar", [entry({ task_id: "OPS-01", due: "2027-01-21" })])];
    const g = group(withUnowned, "owner");
    expect(g.map((x) => x.title)).toEqual(["Jonas", "Lea", "Mira", "No owner"]);
    expect(g[2].rows.map((r) => r.task_id)).toEqual(["GEN-02", "GEN-04"]);
  });
});

describe("AgendaView", () => {
  let calls: [string, Record<string, unknown>][];
  let mounted: ReturnType<typeof mount> | null = null;

  beforeEach(() => {
    vocabulary.words = WORDS;
    calls = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args as Record<string, unknown>]);
      if (cmd === "get_settings") return { user_name: "Mira", default_zone: "UTC", working_days: [], reminders: false, db_path: "", data_dir: "" };
      if (cmd === "agenda") {
        const owner = (args as { owner: string | null }).owner?.toLowerCase();
        return owner ? PLANS.map((p) => ({ ...p, tasks: p.tasks.filter((t) => t.owner?.trim().toLowerCase() === owner) })).filter((p) => p.tasks.length) : PLANS;
      }
      if (cmd === "plan_board") return { ...board(), plan: { ...board().plan, id: (args as { id: number }).id } };
      if (cmd === "list_plans") return [];
      return null;
    });
    mounted = mount(AgendaView, { target: document.body.appendChild(document.createElement("div")) });
  });

  afterEach(() => {
    if (mounted) unmount(mounted);
    mounted = null;
    clearMocks();
    document.body.innerHTML = "";
  });

  const shown = () => [...document.querySelectorAll<HTMLElement>("[data-testid='agenda-row']")].map((r) => r.dataset.task);

  it("lists every plan's rows, says which week, and passes axe", async () => {
    await settle();
    expect(shown()).toEqual(["GEN-02", "GEN-03", "GEN-04", "SEC-01"]);
    const [, args] = calls.find(([c]) => c === "agenda")!;
    expect(args.owner).toBeNull();
    expect(typeof args.days).toBe("number");
    const first = document.querySelector<HTMLElement>("[data-task='GEN-02']")!;
    expect(first.dataset.when).toBe("overdue");
    expect(first.textContent).toContain("overdue");
    expect(document.querySelector("[data-task='SEC-01']")!.textContent).toContain("Blocked");
    expect(await violations(document.body)).toEqual([]);
  });

  it("My tasks asks for the user's own name", async () => {
    await settle();
    document.querySelector<HTMLButtonElement>("[data-testid='my-tasks']")!.click();
    await settle();
    expect(calls.filter(([c]) => c === "agenda").at(-1)![1].owner).toBe("Mira");
    expect(shown()).toEqual(["GEN-02", "GEN-04"]);
    expect(document.querySelector("[data-testid='my-tasks']")!.getAttribute("aria-pressed")).toBe("true");
  });

  it("by owner heads the groups with the owners", async () => {
    await settle();
    document.querySelector<HTMLButtonElement>("[data-testid='group-owner']")!.click();
    await settle();
    const heads = [...document.querySelectorAll(".group h2 .gname")].map((h) => h.textContent);
    expect(heads).toEqual(["Jonas", "Lea", "Mira"]);
  });

  it("a row opens its task in its plan", async () => {
    await settle();
    document.querySelector<HTMLButtonElement>("[data-task='SEC-01']")!.click();
    await settle();
    expect(calls.some(([c, a]) => c === "plan_board" && a.id === 2)).toBe(true);
    expect(app.selectedId).toBe(2);
    expect(app.view).toBe("checklist");
    expect(app.openTaskId).toBe("SEC-01");
  });

  it("↓ and End move between the rows", async () => {
    await settle();
    const rowsEl = document.querySelectorAll<HTMLElement>("[data-testid='agenda-row']");
    rowsEl[0].focus();
    rowsEl[0].dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    expect(document.activeElement).toBe(rowsEl[1]);
    rowsEl[1].dispatchEvent(new KeyboardEvent("keydown", { key: "End", bubbles: true }));
    expect(document.activeElement).toBe(rowsEl[3]);
  });
});
