// Bulk edits: the bar sends every selected task in one update_items call, and its one Undo
// sends each task's own old values back in one call; marking done asks about missing evidence.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import BulkBar from "./BulkBar.svelte";
import { Selection } from "./selection.svelte";
import { app, previous } from "../../lib/state.svelte";
import { evidenceGuard } from "../../lib/evidenceGuard.svelte";
import { vocabulary } from "../../lib/vocabulary.svelte";
import { WORDS, board, settle, task, violations } from "../../lib/testing";
import type { TaskChangeDto } from "../../lib/ipc/bindings/TaskChangeDto";

let updates: TaskChangeDto[][];
let mounted: ReturnType<typeof mount> | null = null;

const TASKS = [
  task({ id: "GEN-01", owner: "Mira" }),
  task({ id: "GEN-02", owner: null, evidence_hint: "Ticket with the date", pinned: true, due: "2027-01-20" }),
  task({ id: "GEN-03", owner: "Lea", status: "in-progress" }),
];

beforeEach(() => {
  updates = [];
  mockIPC((cmd, args) => {
    if (cmd === "update_items") updates.push((args as { changes: TaskChangeDto[] }).changes);
    if (cmd === "plan_board") return board(TASKS);
    if (cmd === "list_plans") return [];
    return [];
  });
  vocabulary.words = WORDS;
  app.selectedId = 1;
  app.board = board(TASKS);
  app.toasts = [];
});

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  clearMocks();
  document.body.innerHTML = "";
});

function bar(ids: string[]) {
  const selection = new Selection();
  for (const id of ids) selection.toggle(id);
  mounted = mount(BulkBar, { target: document.body.appendChild(document.createElement("main")), props: { selection, order: TASKS.map((t) => t.id) } });
  return selection;
}

describe("the bulk bar", () => {
  it("assigns an owner to every selected task in one call, and one Undo puts each old owner back", async () => {
    bar(["GEN-03", "GEN-01", "GEN-02"]);
    await settle();
    expect(document.querySelector("[data-testid='selected-count']")?.textContent).toBe("3 selected");
    const owner = document.querySelector<HTMLInputElement>("[data-testid='bulk-owner']")!;
    expect(owner.getAttribute("list")).toBe("owners-list");
    owner.value = "Client ops";
    owner.dispatchEvent(new Event("input", { bubbles: true }));
    owner.form!.requestSubmit();
    await settle();
    expect(updates).toEqual([
      ["GEN-01", "GEN-02", "GEN-03"].map((id) => ({ task_id: id, change: { owner: "Client ops" } })),
    ]);
    const toast = app.toasts.at(-1)!;
    expect(toast.text).toBe("Assigned to Client ops for 3 tasks");
    toast.action!.run();
    await settle();
    expect(updates[1]).toEqual([
      { task_id: "GEN-01", change: { owner: "Mira" } },
      { task_id: "GEN-02", change: { owner: null } },
      { task_id: "GEN-03", change: { owner: "Lea" } },
    ]);
    expect(await violations(document.body)).toEqual([]);
  });

  it("asks once before marking done tasks that lack their evidence; Cancel sends nothing", async () => {
    bar(["GEN-01", "GEN-02"]);
    await settle();
    const status = document.querySelector<HTMLSelectElement>("[data-testid='bulk-status']")!;
    status.value = "done";
    status.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    // GEN-01 names no evidence; GEN-02 asks for a ticket and has none.
    expect(evidenceGuard.pending?.tasks.map((t) => t.id)).toEqual(["GEN-02"]);
    evidenceGuard.pending!.answer(false);
    await settle();
    expect(updates).toEqual([]);

    status.value = "done";
    status.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    evidenceGuard.pending!.answer(true);
    await settle();
    expect(updates).toEqual([[
      { task_id: "GEN-01", change: { status: "done" } },
      { task_id: "GEN-02", change: { status: "done" } },
    ]]);
    // Asked once: the same task is not asked about again.
    await app.changeMany(["GEN-02"], { status: "done" }, "Status set to Done");
    expect(evidenceGuard.pending).toBeNull();
  });
});

describe("previous", () => {
  it("undoes a pin with the old pinned date, or by unpinning a computed one", () => {
    expect(previous(TASKS[1], { pin_due: "2027-02-01" })).toEqual({ pin_due: "2027-01-20" });
    expect(previous(TASKS[0], { pin_due: "2027-02-01" })).toEqual({ unpin_due: true });
    expect(previous(TASKS[2], { status: "done" })).toEqual({ status: "in-progress" });
  });
});
