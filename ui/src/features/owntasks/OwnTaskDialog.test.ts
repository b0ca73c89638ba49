// Own tasks in the UI with the Rust commands answered by a stub: the add dialog sends what
// was typed as the shell's `NewOwnTaskDto`, a refused task shows the shell's message and
// stays open, Edit starts from the task, Remove asks first when the task has evidence; and
// what the dialogs show passes axe-core.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app } from "../../lib/state.svelte";
import { vocabulary } from "../../lib/vocabulary.svelte";
import { WORDS, board, task, settle, violations } from "../../lib/testing";
import OwnTaskDialog from "./OwnTaskDialog.svelte";
import OwnTaskActions from "./OwnTaskActions.svelte";
import { dueFormOf, dueOf, dueRuleText } from "./ownTasks";

const own = task({ id: "X-01", title: "Klarna production credentials", phase: "2w", area: "CLO", own: true, blocking: true, due_rule: { kind: "offset", value: -20 }, depends_on: ["GEN-01"], evidence_count: 1 });
const plan = board([task(), own]);

let calls: [string, unknown][];
let answer: (cmd: string, args: unknown) => unknown;
let mounted: ReturnType<typeof mount> | null = null;
let closed = 0;
const showModal = HTMLDialogElement.prototype.showModal;

beforeEach(() => {
  calls = [];
  closed = 0;
  answer = (cmd) => (cmd === "add_own_task" || cmd === "edit_own_task" ? own : null);
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "plan_board") return plan;
    if (cmd === "list_plans") return [];
    return answer(cmd, args);
  });
  HTMLDialogElement.prototype.showModal = function () {
    this.setAttribute("open", "");
  };
  vocabulary.words = WORDS;
  app.selectedId = 1;
  app.board = plan;
});

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  HTMLDialogElement.prototype.showModal = showModal;
  clearMocks();
  app.toasts = [];
  app.board = null;
  document.body.innerHTML = "";
});

const target = () => document.body.appendChild(document.createElement("div"));
const el = <T extends Element>(id: string) => document.querySelector<T>(`[data-testid='${id}']`)!;
function type(id: string, value: string) {
  const input = el<HTMLInputElement>(id);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}
const sent = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);

describe("adding an own task", () => {
  it("sends what was typed and opens nothing until the title is there", async () => {
    mounted = mount(OwnTaskDialog, { target: target(), props: { planId: 1, tasks: plan.tasks, onclose: () => (closed += 1) } });
    await settle();
    expect(el<HTMLButtonElement>("own-save").disabled).toBe(true);
    type("own-title", "Brief the call centre");
    el<HTMLInputElement>("own-blocking").click();
    el<HTMLInputElement>("own-due-offset").click();
    flushSync();
    type("own-offset", "-5");
    expect(await violations(el("own-task-dialog"))).toEqual([]);
    el<HTMLButtonElement>("own-save").click();
    await settle();
    expect(sent("add_own_task")).toEqual([
      {
        planId: 1,
        task: { title: "Brief the call centre", phase: "2w", area: "GEN", due: { kind: "offset", value: -5 }, blocking: true, guidance: "", evidence_hint: "", probes: [], depends_on: [] },
      },
    ]);
    expect(app.toasts.map((t) => t.text)).toEqual(["X-01 added: Klarna production credentials"]);
    expect(closed).toBe(1);
  });

  it("shows why the shell refused it and stays open", async () => {
    answer = () => {
      throw { kind: "dependency-cycle", message: "these tasks would depend on each other in a circle (X-01 → X-02 → X-01); drop one of the dependencies" };
    };
    mounted = mount(OwnTaskDialog, { target: target(), props: { planId: 1, tasks: plan.tasks, task: own, onclose: () => (closed += 1) } });
    await settle();
    expect(el<HTMLInputElement>("own-title").value).toBe("Klarna production credentials");
    expect(el<HTMLInputElement>("own-offset").value).toBe("-20");
    el<HTMLButtonElement>("own-save").click();
    await settle();
    expect(el("own-error").textContent).toContain("X-01 → X-02 → X-01");
    expect(closed).toBe(0);
    expect(sent("edit_own_task")[0]).toMatchObject({ planId: 1, taskId: "X-01", edit: { depends_on: ["GEN-01"], due: { kind: "offset", value: -20 } } });
  });
});

describe("removing an own task", () => {
  it("asks first when it has evidence, then removes it", async () => {
    answer = (cmd, args) => {
      if (cmd !== "remove_own_task") return null;
      if (!(args as { confirmed: boolean }).confirmed) throw { kind: "has-evidence", message: "X-01 has 1 piece(s) of evidence" };
      return { task_id: "X-01", title: "Klarna production credentials", evidence_kept: 1 };
    };
    app.openTaskId = "X-01";
    mounted = mount(OwnTaskActions, { target: target(), props: { task: own, planId: 1, tasks: plan.tasks } });
    await settle();
    el<HTMLButtonElement>("own-remove").click();
    await settle();
    expect(el("own-remove-confirm").textContent).toContain("X-01 has 1 piece(s) of evidence");
    expect(await violations(el("own-remove-confirm"))).toEqual([]);
    el<HTMLButtonElement>("own-remove-confirmed").click();
    await settle();
    expect(sent("remove_own_task")).toEqual([
      { planId: 1, taskId: "X-01", confirmed: false },
      { planId: 1, taskId: "X-01", confirmed: true },
    ]);
    expect(app.openTaskId).toBeNull();
    expect(app.toasts[0].text).toContain("its 1 evidence item(s) and history stay");
  });
});

describe("due rules", () => {
  it("go from the form to the shell and back", () => {
    expect(dueOf("offset", -12.7, "")).toEqual({ kind: "offset", value: -12 });
    expect(dueOf("date", 0, "2027-05-03")).toEqual({ kind: "date", value: "2027-05-03" });
    expect(dueFormOf({ kind: "date", value: "2027-05-03" })).toMatchObject({ kind: "date", date: "2027-05-03" });
    expect(dueRuleText({ kind: "offset", value: -3 })).toBe("3 days before launch");
    expect(dueRuleText({ kind: "phase" })).toBe("phase deadline");
  });
});
