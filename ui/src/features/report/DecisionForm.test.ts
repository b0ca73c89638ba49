// The sign-off form in the Report view, the Rust commands answered by a stub: a go with
// conditions is sent with its rows only once each has what, owner and due; a No-Go with its
// reason; a report file picked in the (stubbed) open dialog goes with it and its refusal shows
// beside it; a recorded decision shows its basis and condition tasks, whose ids open the task.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app } from "../../lib/state.svelte";
import { vocabulary } from "../../lib/vocabulary.svelte";
import { board, violations, WORDS } from "../../lib/testing";
import type { StakeholderDto } from "../../lib/ipc/bindings/StakeholderDto";
import ReportView from "./ReportView.svelte";

const marta: StakeholderDto = {
  id: 1,
  gid: "0190b7c4-2a4e-7000-8000-000000000001",
  name: "Marta Nowak",
  role: "Head of E-commerce",
  email: null,
  decision: null,
  decision_label: null,
  conditions: null,
  decided_on: null,
  fingerprint: null,
  changed_since: [],
  report_id: null,
  condition_tasks: [],
};

let people: StakeholderDto[];
let calls: [string, unknown][];
let refusal: { kind: string; message: string } | null;
let picked: string | null;
let mounted: ReturnType<typeof mount> | null = null;

async function settle() {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
}

async function show(list: StakeholderDto[]) {
  people = list;
  mounted = mount(ReportView, { target: document.body.appendChild(document.createElement("div")), props: { board: board() } });
  await settle();
}

beforeEach(() => {
  calls = [];
  refusal = null;
  picked = "/home/mira/acme-readiness-2027-01-11.pdf";
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "list_stakeholders") return people;
    if (cmd === "list_people") return [];
    if (cmd === "plan_board") return board();
    if (cmd === "list_plans") return [];
    if (cmd === "plugin:dialog|open") return picked;
    if (cmd === "decide") {
      if (refusal) throw refusal;
      return people[0];
    }
    return null;
  }, { shouldMockEvents: true });
  vocabulary.words = WORDS;
  app.view = "report";
  app.selectedId = 1;
});

afterEach(async () => {
  if (mounted) unmount(mounted);
  mounted = null;
  // The view stops listening to export progress once unmounted, through the stub.
  await settle();
  app.selectedId = null;
  app.openTaskId = null;
  app.view = "checklist";
  clearMocks();
  document.body.innerHTML = "";
});

const q = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const all = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)];
const decides = () => calls.filter(([cmd]) => cmd === "decide").map(([, args]) => args);

function type(el: HTMLInputElement | HTMLTextAreaElement | null, text: string) {
  el!.value = text;
  el!.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}

function pick(decision: string) {
  q(`[data-decision='${decision}']`)!.click();
  flushSync();
}

async function record() {
  q("[data-testid='record-decision']")!.click();
  await settle();
}

describe("a go with conditions", () => {
  it("names what each row lacks, sends nothing, and focuses the first gap", async () => {
    await show([marta]);
    pick("go-with-conditions");
    expect(all("[data-testid='condition']")).toHaveLength(1);
    await record();
    expect(decides()).toEqual([]);
    const errors = all("[data-testid='conditions'] .error-text").map((e) => e.textContent);
    expect(errors).toEqual(["Say what must be true.", "Name who sees to it."]);
    expect(document.activeElement).toBe(q("[data-testid='condition-text']"));
    expect(q("[data-testid='condition-text']")!.getAttribute("aria-invalid")).toBe("true");
  });

  it("sends each condition with its owner and due, then refreshes the board with its tasks", async () => {
    await show([marta]);
    pick("go-with-conditions");
    type(q("[data-testid='condition-text']"), "HSTS live on the storefront");
    type(q("[data-testid='condition-owner']"), "Ana Lopez");
    expect(q("[data-testid='condition-owner']")!.getAttribute("list")).toBe("owners-list");
    expect(q("[data-testid='condition-blocks']")!.textContent).toBe("Blocks the go-live");
    q("[data-testid='add-condition']")!.click();
    await settle();
    expect(all("[data-testid='condition']")).toHaveLength(2);
    expect(document.activeElement).toBe(all("[data-testid='condition-text']")[1]);
    all("[data-testid='remove-condition']")[1].click();
    await settle();
    type(q("[data-testid='decision-note']"), "Go once Klarna confirms");
    await record();
    expect(decides()).toEqual([
      {
        planId: 1,
        name: "Marta Nowak",
        form: { decision: "go-with-conditions", text: "Go once Klarna confirms", conditions: [{ text: "HSTS live on the storefront", owner: "Ana Lopez", due: "2027-03-01" }], on: "2027-01-11" },
      },
    ]);
    const after = calls.findIndex(([cmd]) => cmd === "decide");
    expect(calls.slice(after).some(([cmd]) => cmd === "plan_board")).toBe(true);
  });

  it("has no accessibility violations with its gaps named (axe-core)", async () => {
    await show([marta]);
    pick("go-with-conditions");
    q("[data-testid='add-condition']")!.click();
    await settle();
    await record();
    expect(await violations(document.body)).toEqual([]);
  });

  it("asks for a condition when every row is removed", async () => {
    await show([marta]);
    pick("go-with-conditions");
    q("[data-testid='remove-condition']")!.click();
    await settle();
    await record();
    expect(decides()).toEqual([]);
    expect(q("[data-testid='conditions'] [role='alert']")!.textContent).toMatch(/Add at least one condition/);
  });

  it("shows the library's refusal under the form", async () => {
    refusal = { kind: "invalid-input", message: "a condition needs an owner: name who sees to it" };
    await show([marta]);
    pick("go-with-conditions");
    type(q("[data-testid='condition-text']"), "HSTS live");
    type(q("[data-testid='condition-owner']"), "Ana");
    await record();
    expect(q("[data-testid='decision-error']")!.textContent).toBe("a condition needs an owner: name who sees to it");
  });
});

describe("the decisions", () => {
  it("are one Tab stop, and the arrows move and choose", async () => {
    await show([marta]);
    const stops = () => all("[role='radio']").map((b) => b.tabIndex);
    expect(stops()).toEqual([0, -1, -1]);
    const go = q("[data-decision='go']")!;
    go.focus();
    go.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
    await settle();
    expect(document.activeElement).toBe(q("[data-decision='no-go']"));
    expect(q("[data-decision='no-go']")!.getAttribute("aria-checked")).toBe("true");
    expect(stops()).toEqual([-1, -1, 0]);
    q("[data-decision='no-go']")!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    await settle();
    expect(document.activeElement).toBe(go);
  });
});

describe("a No-Go", () => {
  it("needs its reason and sends it", async () => {
    await show([marta]);
    pick("no-go");
    await record();
    expect(decides()).toEqual([]);
    expect(q("[data-testid='decision-reason']")!.getAttribute("aria-invalid")).toBe("true");
    type(q("[data-testid='decision-reason']"), "HSTS missing on the storefront");
    await record();
    expect(decides()).toEqual([{ planId: 1, name: "Marta Nowak", form: { decision: "no-go", text: "HSTS missing on the storefront", conditions: [], on: "2027-01-11" } }]);
  });
});

describe("decided on a report file", () => {
  it("sends the picked file and shows its name", async () => {
    await show([marta]);
    pick("go");
    const toReport = q<HTMLInputElement>("[data-testid='basis-report']")!;
    toReport.click();
    await settle();
    expect(q("[data-testid='basis-file']")!.textContent).toContain("acme-readiness-2027-01-11.pdf");
    await record();
    expect(decides()).toEqual([{ planId: 1, name: "Marta Nowak", form: { decision: "go", conditions: [], on: "2027-01-11", report: "/home/mira/acme-readiness-2027-01-11.pdf" } }]);
  });

  it("shows a foreign file's refusal beside the file", async () => {
    refusal = { kind: "tampered", message: "/tmp/other.pdf is a report of \"Beta\", not of \"Acme DE relaunch\"; pick a report of this plan" };
    await show([marta]);
    pick("go");
    q<HTMLInputElement>("[data-testid='basis-report']")!.click();
    await settle();
    await record();
    expect(q("[data-testid='basis-error']")!.textContent).toMatch(/pick a report of this plan/);
    expect(q("[data-testid='decision-error']")).toBeNull();
  });

  it("goes back to the plan as it is when the dialog is cancelled", async () => {
    picked = null;
    await show([marta]);
    pick("go");
    q<HTMLInputElement>("[data-testid='basis-report']")!.click();
    await settle();
    expect(q<HTMLInputElement>("[data-testid='basis-plan']")!.checked).toBe(true);
    expect(q("[data-testid='basis-file']")).toBeNull();
  });
});

describe("a recorded decision", () => {
  const decided: StakeholderDto = {
    ...marta,
    decision: "go-with-conditions",
    decision_label: "Go with conditions",
    conditions: "Go once Klarna confirms",
    decided_on: "2027-01-11",
    report_id: "GLR-20270111-3f2a",
    condition_tasks: [{ task_id: "X-01", title: "HSTS live", owner: "Ana Lopez", due: "2027-02-20", status: "todo", status_label: "To do" }],
  };

  it("shows its basis and condition tasks; the id opens the task; the form waits for Change", async () => {
    await show([decided]);
    expect(q("[data-testid='decision-basis']")!.textContent).toContain("Decided on report GLR-20270111-3f2a");
    const line = q("[data-testid='condition-task']")!;
    const read = `${line.querySelector("[data-testid='condition-task-id']")?.textContent} ${line.querySelector(".line")?.textContent}`;
    expect(read).toBe("X-01 HSTS live — Ana Lopez · due Sat 20 Feb · To do");
    q("[data-testid='condition-task-id']")!.click();
    expect(app.openTaskId).toBe("X-01");
    expect(q("[data-testid='decision-form']")).toBeNull();
    q("[data-testid='change-decision']")!.click();
    flushSync();
    expect(q("[data-testid='decision-form']")).not.toBeNull();
  });

  it("follows a change of its condition task while shown, and waits while hidden", async () => {
    await show([decided]);
    const lists = () => calls.filter(([cmd]) => cmd === "list_stakeholders").length;
    const before = lists();
    people = [{ ...decided, condition_tasks: [{ ...decided.condition_tasks[0], status: "done", status_label: "Done" }] }];
    app.revision += 1;
    await settle();
    expect(lists()).toBe(before + 1);
    expect(q("[data-testid='condition-task']")!.dataset.status).toBe("done");
    expect(q("[data-testid='condition-task'] .line")!.textContent).toMatch(/· Done$/);
    app.view = "checklist";
    app.revision += 1;
    await settle();
    expect(lists()).toBe(before + 1);
    app.view = "report";
    await settle();
    expect(lists()).toBe(before + 2);
  });

  it("offers a re-confirmation when the plan changed since", async () => {
    await show([{ ...decided, changed_since: ["X-01: To do → Done"] }]);
    expect(q("[data-testid='change-decision']")!.textContent).toBe("Re-confirm or change…");
    expect(q("[data-testid='decision-stale']")!.textContent).toContain("re-confirm. Since then: X-01: To do → Done.");
  });
});
