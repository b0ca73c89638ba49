// The sign-off form's logic: a go with conditions starts with one row and needs each row's
// what, owner and due; a No-Go needs its reason; the form sent keeps only what the decision
// has; a report file's refusal belongs to the file; a condition task reads as one line.
import { describe, expect, it } from "vitest";
import type { StakeholderDto } from "../../lib/ipc/bindings/StakeholderDto";
import { addCondition, blocksLaunch, choose, conditionLine, errorPlace, isComplete, newDraft, problems, removeCondition, toForm, type DecisionDraft } from "./decision";

const LAUNCH = "2027-03-01";
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

function draft(): DecisionDraft {
  return newDraft(marta, "2027-01-11", LAUNCH);
}

describe("a draft decision", () => {
  it("starts undecided, today, on the plan as it is", () => {
    expect(draft()).toEqual({ decision: "", note: "", conditions: [], on: "2027-01-11", report: null, kept: [] });
  });

  it("starts from the stakeholder's last decision and words; a go with conditions keeps its conditions", () => {
    const d = newDraft({ ...marta, decision: "no-go", conditions: "HSTS missing", decided_on: "2027-01-04" }, "2027-01-11", LAUNCH);
    expect(d).toMatchObject({ decision: "no-go", note: "HSTS missing", conditions: [], on: "2027-01-11" });
    const again = newDraft({ ...marta, decision: "go-with-conditions", condition_tasks: [{ task_id: "X-01", title: "HSTS live", owner: "Ana", due: LAUNCH, status: "todo", status_label: "To do" }] }, "2027-01-11", LAUNCH);
    // Regression: a re-confirmation asked for a new condition and so copied the task.
    expect(again.kept).toEqual(["X-01"]);
    expect(again.conditions).toHaveLength(0);
    expect(isComplete(problems(again))).toBe(true);
    const other = newDraft({ ...marta, decision: "no-go", conditions: "HSTS missing", condition_tasks: [] }, "2027-01-11", LAUNCH);
    choose(other, "go-with-conditions", LAUNCH);
    expect(other.kept).toEqual([]);
    expect(other.conditions).toHaveLength(1);
  });

  it("offers one condition row, due on the launch day, when go with conditions is picked", () => {
    const d = draft();
    choose(d, "go-with-conditions", LAUNCH);
    expect(d.conditions).toHaveLength(1);
    expect(d.conditions[0]).toMatchObject({ text: "", owner: "", due: LAUNCH });
    choose(d, "go", LAUNCH);
    choose(d, "go-with-conditions", LAUNCH);
    expect(d.conditions).toHaveLength(1);
  });

  it("adds and removes rows by their key, keeping the others' words", () => {
    const d = draft();
    choose(d, "go-with-conditions", LAUNCH);
    d.conditions[0].text = "HSTS live";
    const second = addCondition(d, LAUNCH);
    second.text = "Klarna live keys";
    const third = addCondition(d, LAUNCH);
    expect(new Set(d.conditions.map((c) => c.key)).size).toBe(3);
    removeCondition(d, second.key);
    expect(d.conditions.map((c) => c.text)).toEqual(["HSTS live", ""]);
    expect(d.conditions[1].key).toBe(third.key);
  });
});

describe("what is missing", () => {
  it("names each row's missing what, owner and due at its field", () => {
    const d = draft();
    choose(d, "go-with-conditions", LAUNCH);
    addCondition(d, LAUNCH);
    Object.assign(d.conditions[0], { text: "HSTS live", owner: "  " });
    Object.assign(d.conditions[1], { text: "", owner: "Ana Lopez", due: "" });
    const p = problems(d);
    expect(p.rows).toEqual([{ owner: "Name who sees to it." }, { text: "Say what must be true.", due: "Give the day it is due." }]);
    expect(isComplete(p)).toBe(false);
  });

  it("asks for at least one condition once every row is removed", () => {
    const d = draft();
    choose(d, "go-with-conditions", LAUNCH);
    removeCondition(d, d.conditions[0].key);
    const p = problems(d);
    expect(p.conditions).toMatch(/at least one condition/);
    expect(isComplete(p)).toBe(false);
  });

  it("asks a No-Go for its reason, and nothing of a Go", () => {
    const d = draft();
    choose(d, "no-go", LAUNCH);
    expect(problems(d).reason).toMatch(/needs its reason/);
    d.note = "HSTS missing on the storefront";
    expect(isComplete(problems(d))).toBe(true);
    choose(d, "go", LAUNCH);
    d.note = "";
    expect(isComplete(problems(d))).toBe(true);
  });
});

describe("the form sent", () => {
  it("has the conditions trimmed, the note and the report file of a go with conditions", () => {
    const d = draft();
    choose(d, "go-with-conditions", LAUNCH);
    Object.assign(d.conditions[0], { text: " HSTS live ", owner: "Ana Lopez ", due: "2027-02-20" });
    d.note = "  Go once Klarna confirms ";
    d.report = "/home/mira/acme-readiness.pdf";
    expect(toForm({ ...d, decision: "go-with-conditions" })).toEqual({
      decision: "go-with-conditions",
      text: "Go once Klarna confirms",
      conditions: [{ text: "HSTS live", owner: "Ana Lopez", due: "2027-02-20" }],
      on: "2027-01-11",
      report: "/home/mira/acme-readiness.pdf",
    });
  });

  it("drops rows and words a Go has not, and keeps a No-Go's reason", () => {
    const d = draft();
    choose(d, "go-with-conditions", LAUNCH);
    d.conditions[0].text = "HSTS live";
    d.note = "typed before changing the mind";
    expect(toForm({ ...d, decision: "go" })).toEqual({ decision: "go", conditions: [], on: "2027-01-11" });
    d.note = "HSTS missing";
    expect(toForm({ ...d, decision: "no-go" })).toEqual({ decision: "no-go", text: "HSTS missing", conditions: [], on: "2027-01-11" });
  });
});

describe("where the library's refusal shows", () => {
  it("beside the report file when one is picked and the file is the problem", () => {
    const d = { ...draft(), report: "/tmp/other-plan.pdf" };
    expect(errorPlace({ kind: "tampered", message: "a report of \"Other\"" }, d)).toBe("file");
    expect(errorPlace({ kind: "not-a-pdf", message: "not a PDF" }, d)).toBe("file");
    expect(errorPlace({ kind: "invalid-input", message: "a condition needs an owner" }, d)).toBe("form");
    expect(errorPlace({ kind: "io", message: "cannot read" }, draft())).toBe("form");
  });
});

describe("a recorded decision", () => {
  it("reads each condition task as title, owner, due and status", () => {
    const task = { task_id: "X-01", title: "HSTS live", owner: "Ana Lopez", due: "2027-02-20", status: "todo" as const, status_label: "To do" };
    expect(conditionLine(task, "2027-01-11")).toBe("HSTS live — Ana Lopez · due Sat 20 Feb · To do");
    expect(conditionLine({ ...task, owner: null }, "2026-12-01")).toBe("HSTS live — no owner · due Sat 20 Feb 2027 · To do");
  });

  it("blocks the launch when due on or before its day", () => {
    expect(blocksLaunch("2027-03-01", LAUNCH)).toBe(true);
    expect(blocksLaunch("2027-02-20", LAUNCH)).toBe(true);
    expect(blocksLaunch("2027-03-02", LAUNCH)).toBe(false);
  });
});
