// The Gantt layout: a line per task (never a "+N more" pile), headings per phase and area,
// area or owner, windows on a Monday-started axis, arrows from prerequisites, the opening day;
// and the view: one Tab stop, ↓ to the next task, Shift+→ then Enter pins a due date, 500
// tasks keep a few dozen bars in the DOM, axe finds nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { vocabulary } from "../../lib/vocabulary.svelte";
import { app } from "../../lib/state.svelte";
import { board, PHASES, settle, task, violations, WORDS } from "../../lib/testing";
import type { TaskDto } from "../../lib/ipc/bindings/TaskDto";
import { arrowPath, lines, links, meets, openingDay, pxPerDay, span, windowStart, type TaskLine } from "./gantt";
import TimelineView from "./TimelineView.svelte";

const TASKS: TaskDto[] = [
  task({ id: "GEN-01", due: "2027-01-04" }),
  task({ id: "GEN-02", due: "2027-01-04", owner: "Mira" }),
  task({ id: "APP-01", area: "APP", area_label: "Application", due: "2027-01-04", owner: "mira" }),
  task({ id: "TES-01", phase: "2w", phase_label: "Two weeks before", area: "TES", area_label: "Testing", due: "2027-02-15", depends_on: ["GEN-02"] }),
  task({ id: "TES-02", phase: "2w", phase_label: "Two weeks before", area: "TES", area_label: "Testing", due: "2027-02-10", depends_on: ["GEN-99"], status: "done" }),
];
const taskLines = (l: ReturnType<typeof lines>) => l.filter((x): x is TaskLine => x.kind === "task");

describe("gantt layout", () => {
  it("gives every task a line of its own, even many on one day", () => {
    const l = lines(board(TASKS), "phase", PHASES);
    expect(taskLines(l).map((t) => t.task.id)).toEqual(["GEN-01", "GEN-02", "APP-01", "TES-02", "TES-01"]);
    expect(l.filter((x) => x.kind === "group").map((x) => x.kind === "group" && `${x.label} ${x.open}/${x.count}`)).toEqual(["Eight weeks before 3/3", "Two weeks before 1/2"]);
    expect(l.filter((x) => x.kind === "sub").map((x) => x.kind === "sub" && x.label)).toEqual(["General", "Application", "Testing"]);
  });

  it("counts where a group's open tasks meet on one day", () => {
    expect(meets(TASKS)).toEqual([{ day: "2027-01-04", count: 3 }]);
    expect(meets([task({ due: "2027-01-04" }), task({ due: "2027-01-04", status: "done" })])).toEqual([]);
    const head = lines(board(TASKS), "phase", PHASES)[0];
    expect(head.kind === "group" && head.meets).toEqual([{ day: "2027-01-04", count: 3 }]);
  });

  it("groups by owner, one name however it is typed, no owner last", () => {
    const l = lines(board(TASKS), "owner", PHASES);
    expect(l.filter((x) => x.kind === "group").map((x) => x.kind === "group" && x.label)).toEqual(["Mira", "No owner"]);
    expect(lines(board(TASKS), "area", PHASES).filter((x) => x.kind === "group").map((x) => x.kind === "group" && x.label)).toEqual(["Application", "General", "Testing"]);
  });

  it("draws each window from the library's start to the due date, never past it", () => {
    expect(windowStart(task({ start: "2027-02-01", due: "2027-02-15" }))).toBe("2027-02-01");
    expect(windowStart(task({ start: "2027-02-01", due: "2027-01-20" }))).toBe("2027-01-20");
  });

  it("marks the critical path and a late prerequisite, in words too", async () => {
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    const late = task({ phase: "2w", start: "2027-02-08", due: "2027-02-15", critical: true, at_risk: "GEN-02" });
    const m = mount(TimelineView, { target: document.body.appendChild(document.createElement("div")), props: { board: board([late]) } });
    await settle();
    const bar = document.querySelector<HTMLElement>("[data-testid='gantt-bar']")!;
    expect(bar.classList.contains("critical")).toBe(true);
    expect(bar.getAttribute("aria-label")).toContain("on the critical path");
    expect(bar.getAttribute("aria-label")).toContain("at risk: GEN-02 is late");
    unmount(m);
    document.body.innerHTML = "";
  });

  it("spans the windows on an axis starting on a Monday", () => {
    const t = taskLines(lines(board(TASKS), "phase", PHASES));
    const s = span(t, "2027-01-11", "2027-03-01");
    expect(new Date(s.start + "T00:00:00Z").getUTCDay()).toBe(1);
    expect(s.start <= "2027-01-01").toBe(true);
    expect(s.end).toBe("2027-03-08");
    expect(pxPerDay("plan", 100, 800)).toBe(8);
    expect(pxPerDay("plan", 1000, 800)).toBe(2);
    expect(pxPerDay("week", 100, 800)).toBe(28);
  });

  it("links each task to the prerequisites it has on the board", () => {
    const l = lines(board(TASKS), "phase", PHASES);
    const got = links(l).map((k) => `${(l[k.from] as TaskLine).task.id}>${(l[k.to] as TaskLine).task.id}`);
    expect(got).toEqual(["GEN-02>TES-01"]);
  });

  it("routes an arrow round when the next bar starts before the first ends", () => {
    expect(arrowPath(100, 10, 200, 50, 40)).toBe("M100,10 H106 V50 H200");
    expect(arrowPath(100, 10, 50, 50, 40)).toBe("M100,10 H106 V40 H44 V50 H50");
  });

  it("opens where the work is: the earliest overdue task, else today", () => {
    const t = taskLines(lines(board([task({ id: "A", due: "2027-01-05", overdue: true }), task({ id: "B", due: "2027-02-01" })]), "phase", PHASES));
    expect(openingDay(t, "2027-01-11")).toBe("2027-01-02");
    const done = taskLines(lines(board([task({ id: "A", due: "2027-01-05", status: "done" })]), "phase", PHASES));
    expect(openingDay(done, "2027-01-11")).toBe("2027-01-08");
  });
});

describe("TimelineView", () => {
  let calls: [string, Record<string, unknown>][];
  let mounted: ReturnType<typeof mount> | null = null;
  const bars = () => [...document.querySelectorAll<HTMLElement>("[data-testid='gantt-bar']")];

  function show(tasks: TaskDto[]) {
    mounted = mount(TimelineView, { target: document.body.appendChild(document.createElement("div")), props: { board: board(tasks) } });
  }

  beforeEach(() => {
    // jsdom lays nothing out and has no ResizeObserver; the view's size bindings need one.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    vocabulary.words = WORDS;
    calls = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args as Record<string, unknown>]);
      return null;
    });
  });

  afterEach(() => {
    if (mounted) unmount(mounted);
    mounted = null;
    clearMocks();
    document.body.innerHTML = "";
  });

  it("draws a labelled bar per task, one Tab stop, and passes axe", async () => {
    show(TASKS);
    await settle();
    expect(bars().map((b) => b.dataset.key)).toEqual(["GEN-01", "GEN-02", "APP-01", "TES-02", "TES-01"]);
    expect(bars().filter((b) => b.tabIndex === 0)).toHaveLength(1);
    expect(bars()[4].getAttribute("aria-label")).toContain("needs GEN-02");
    expect(document.querySelectorAll(".arrows > path")).toHaveLength(1);
    expect(await violations(document.body)).toEqual([]);
  });

  it("↓ moves to the next task; Shift+→ twice then Enter pins the due date two days later", async () => {
    app.selectedId = 1;
    show(TASKS);
    await settle();
    bars()[0].focus();
    bars()[0].dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    await settle();
    const second = document.activeElement as HTMLElement;
    expect(second.dataset.key).toBe("GEN-02");
    for (const _ of [1, 2]) second.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", shiftKey: true, bubbles: true }));
    await settle();
    expect(document.querySelector("[role='status']")!.textContent).toContain("Wed 6 Jan");
    second.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await settle();
    const update = calls.find(([c]) => c === "update_item");
    expect(update?.[1]).toMatchObject({ taskId: "GEN-02", change: { pin_due: "2027-01-06" } });
  });

  it("Esc lets a moved date go without saving", async () => {
    show(TASKS);
    await settle();
    const b = bars()[0];
    b.focus();
    b.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", shiftKey: true, bubbles: true }));
    await settle();
    b.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await settle();
    expect(document.querySelector("[role='status']")).toBeNull();
    expect(calls.some(([c]) => c === "update_item")).toBe(false);
  });

  it("keeps a few dozen of 500 bars in the DOM", async () => {
    const many = Array.from({ length: 500 }, (_, i) => task({ id: `X-${String(i).padStart(3, "0")}`, due: `2027-02-${String((i % 27) + 1).padStart(2, "0")}` }));
    show(many);
    await settle();
    expect(bars().length).toBeGreaterThan(0);
    expect(bars().length).toBeLessThan(100);
  });
});
