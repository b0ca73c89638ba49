// The export and import helpers (file names, what a toast says, an import's preview and
// refusal in words) and the command wrappers' names and arguments.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { exportCalendar, exportSheet, importSheet, previewImport } from "../../lib/ipc/export";
import { EXPORTS, bundleImportedText, exportFileName, exportedText, fieldValue, importProblems, importSummary } from "./export";
import type { ImportOutcomeDto } from "../../lib/ipc/bindings/ImportOutcomeDto";

afterEach(() => clearMocks());

const choice = (kind: string) => EXPORTS.find((c) => c.kind === kind)!;

describe("export helpers", () => {
  it("offer the calendar and the three spreadsheets", () => {
    expect(EXPORTS.map((c) => c.label)).toEqual(["Calendar (.ics)", "Spreadsheet (.xlsx)", "CSV", "CSV for Excel (German)", "Plan bundle (.golive)"]);
  });

  it("name files after the plan, what they hold and the day", () => {
    expect(exportFileName("Acme DE Relaunch!", "2027-01-11", choice("ics"))).toBe("acme-de-relaunch-timeline-2027-01-11.ics");
    expect(exportFileName("Acme DE Relaunch!", "2027-01-11", choice("xlsx"))).toBe("acme-de-relaunch-checklist-2027-01-11.xlsx");
    expect(exportFileName("Ölmühle", "2027-01-11", choice("csv-excel-german"))).toBe("olmuhle-checklist-2027-01-11.csv");
  });

  it("say what was written", () => {
    expect(exportedText(choice("ics"), 64, "plan.ics")).toBe("Calendar exported: 64 events to plan.ics");
    expect(exportedText(choice("csv"), 1, "plan.csv")).toBe("Checklist exported: 1 task to plan.csv");
    expect(exportedText(choice("bundle"), 1, "plan.golive")).toBe("Plan bundle written: 1 evidence file to plan.golive");
  });

  it("say what a bundle brought in", () => {
    const none: ImportOutcomeDto = { plan_id: 3, merged: false, evidence_added: 0, events_added: 0, stakeholders_added: 0, decisions_added: 0, runs_added: 0, people_added: 0, fields_taken: [], renumbered: [] };
    expect(bundleImportedText({ ...none, evidence_added: 2, events_added: 40 }, "Acme")).toBe("Plan “Acme” imported with 2 evidence items");
    expect(bundleImportedText({ ...none, merged: true }, "Acme")).toBe("“Acme” already had everything in the bundle");
    expect(bundleImportedText({ ...none, merged: true, evidence_added: 1, events_added: 3, fields_taken: ["GEN-01 status", "launch"] }, "Acme")).toBe(
      "Merged into “Acme”: 1 evidence item, 3 history entries, took GEN-01 status, launch",
    );
    expect(bundleImportedText({ ...none, merged: true, people_added: 2, fields_taken: ["APP-03 evidence retracted", "person Eli removed"] }, "Acme")).toBe(
      "Merged into “Acme”: 2 people, took APP-03 evidence retracted, person Eli removed",
    );
    expect(bundleImportedText({ ...none, merged: true, events_added: 2, renumbered: ["X-01 → X-03"] }, "Acme")).toBe(
      "Merged into “Acme”: 2 history entries, own tasks under new ids X-01 → X-03",
    );
  });
});

describe("import helpers", () => {
  it("sum a preview up", () => {
    const field = { task_id: "GEN-01", field: "status", old: "To do", new: "Done" };
    expect(importSummary({ fields: [field, { ...field, field: "owner" }], tasks: 1, rows: 3 })).toBe("2 changes to 1 task from 3 rows");
  });

  it("show values in the app's words", () => {
    const due = { task_id: "GEN-01", field: "due", old: "2027-02-01", new: "2027-02-08 (pinned)" };
    expect(fieldValue(due, due.old, "2027-01-11")).toEqual({ text: "Mon 1 Feb", empty: false });
    expect(fieldValue(due, due.new, "2026-12-01")).toEqual({ text: "Mon 8 Feb 2027 (pinned)", empty: false });
    const owner = { task_id: "GEN-01", field: "owner", old: "", new: "Dana" };
    expect(fieldValue(owner, owner.old, "2027-01-11")).toEqual({ text: "No owner", empty: true });
    expect(fieldValue(owner, owner.new, "2027-01-11")).toEqual({ text: "Dana", empty: false });
  });

  it("read each problem of a refused sheet with where it is", () => {
    const message =
      "the sheet cannot be imported, nothing was changed:\n" +
      '  line 3, column ID: "NOPE-9" is not a task of this plan\n' +
      '  line 4, column Status: unknown status "finished"; use To do, In progress, Done\n' +
      "  line 5: something about the row\n" +
      "  the sheet is empty; export one first";
    expect(importProblems(message)).toEqual([
      { where: "Line 3, column ID", what: '"NOPE-9" is not a task of this plan' },
      { where: "Line 4, column Status", what: 'unknown status "finished"; use To do, In progress, Done' },
      { where: "Line 5", what: "something about the row" },
      { where: null, what: "the sheet is empty; export one first" },
    ]);
    // A refusal of the shell itself comes in one line.
    expect(importProblems("plan.ods is neither a .csv nor an .xlsx file")).toEqual([{ where: null, what: "plan.ods is neither a .csv nor an .xlsx file" }]);
  });
});

describe("export and import command wrappers", () => {
  it("send the command names and camelCase arguments", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd.startsWith("export") ? 3 : { fields: [], tasks: 0, rows: 0 };
    });
    await exportCalendar(2, "/tmp/p.ics");
    await exportCalendar(2, "/tmp/p.ics", 0);
    await exportSheet(2, "/tmp/p.csv", "csv-excel-german");
    await previewImport(2, "/tmp/p.csv");
    await importSheet(2, "/tmp/p.csv");
    expect(calls).toEqual([
      ["export_calendar", { planId: 2, path: "/tmp/p.ics", alarmDays: null }],
      ["export_calendar", { planId: 2, path: "/tmp/p.ics", alarmDays: 0 }],
      ["export_sheet", { planId: 2, path: "/tmp/p.csv", format: "csv-excel-german" }],
      ["preview_import", { planId: 2, path: "/tmp/p.csv" }],
      ["import_sheet", { planId: 2, path: "/tmp/p.csv" }],
    ]);
  });
});
