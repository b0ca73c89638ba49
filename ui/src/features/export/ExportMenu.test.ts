// The Export menu with the Rust commands and the native save dialog answered by a stub: a
// menu button the keyboard works (arrows, Home/End, Esc back to the button), each item
// writing its format where the save dialog said, busy while it does, and axe-core clean.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import axe from "axe-core";
import { app } from "../../lib/state.svelte";
import { board, settle } from "../../lib/testing";
import ExportMenu from "./ExportMenu.svelte";

let calls: [string, unknown][];
let saveAs: string | null;
let written: (() => unknown) | null;
let mounted: ReturnType<typeof mount> | null = null;

beforeEach(() => {
  calls = [];
  saveAs = "/home/mira/acme.xlsx";
  written = null;
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "plugin:dialog|save") return saveAs;
    if (cmd === "export_sheet" || cmd === "export_calendar") return written ? written() : 63;
    if (cmd === "export_bundle") return { plan_name: "Acme DE Relaunch", files: 4, bytes: 81920, created_at: "2027-01-11T09:00:00Z", created_by: "Mira" };
    return null;
  });
  mounted = mount(ExportMenu, { target: document.body.appendChild(document.createElement("div")), props: { board: board() } });
});

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  clearMocks();
  app.toasts = [];
  document.body.innerHTML = "";
});


const trigger = () => document.querySelector<HTMLButtonElement>("[data-testid='export-menu']")!;
const menu = () => document.querySelector<HTMLElement>("[role='menu']");
const focused = () => (document.activeElement as HTMLElement | null)?.dataset.testid;
function key(el: Element, k: string) {
  el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
  flushSync();
}

describe("the Export menu", () => {
  it("opens from the keyboard and moves with the arrows, Home and End", async () => {
    trigger().focus();
    key(trigger(), "ArrowDown");
    await settle();
    expect(trigger().getAttribute("aria-expanded")).toBe("true");
    expect(trigger().getAttribute("aria-controls")).toBe(menu()!.id);
    expect([...menu()!.querySelectorAll("[role='menuitem']")].map((i) => i.querySelector(".label")?.textContent)).toEqual([
      "Calendar (.ics)…",
      "Spreadsheet (.xlsx)…",
      "CSV…",
      "CSV for Excel (German)…",
      "Plan bundle (.golive)…",
    ]);
    expect(focused()).toBe("export-ics");
    key(document.activeElement!, "ArrowDown");
    expect(focused()).toBe("export-xlsx");
    key(document.activeElement!, "End");
    expect(focused()).toBe("export-bundle");
    key(document.activeElement!, "ArrowDown");
    expect(focused()).toBe("export-ics");
    key(document.activeElement!, "ArrowUp");
    expect(focused()).toBe("export-bundle");
    key(document.activeElement!, "Home");
    expect(focused()).toBe("export-ics");
    const found = await axe.run(document.body, { rules: { "color-contrast": { enabled: false }, region: { enabled: false } }, resultTypes: ["violations"] });
    expect(found.violations.map((v) => v.id)).toEqual([]);
  });

  it("closes on Esc with focus back on its button", async () => {
    expect(trigger().title).toContain("Export");
    trigger().click();
    await settle();
    expect(focused()).toBe("export-ics");
    // Regression: the button's tooltip covered the first item of the open menu.
    expect(trigger().hasAttribute("title")).toBe(false);
    key(document.activeElement!, "Escape");
    await settle();
    expect(menu()).toBeNull();
    expect(trigger().getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(trigger());
  });

  it("opens at the last item with ↑", async () => {
    trigger().focus();
    key(trigger(), "ArrowUp");
    await settle();
    expect(focused()).toBe("export-bundle");
  });

  it("writes the format picked where the save dialog says, and says so", async () => {
    trigger().click();
    await settle();
    document.querySelector<HTMLButtonElement>("[data-testid='export-xlsx']")!.click();
    await settle();
    const [dialog, exported] = calls;
    expect(dialog[0]).toBe("plugin:dialog|save");
    expect(dialog[1]).toMatchObject({ options: { defaultPath: "acme-de-relaunch-checklist-2027-01-11.xlsx", filters: [{ extensions: ["xlsx"] }] } });
    expect(exported).toEqual(["export_sheet", { planId: 1, path: "/home/mira/acme.xlsx", format: "xlsx" }]);
    expect(app.toasts.map((t) => t.text)).toEqual(["Checklist exported: 63 tasks to acme.xlsx"]);
    expect(document.activeElement).toBe(trigger());
  });

  it("exports the calendar with the library's reminders", async () => {
    saveAs = "/home/mira/acme.ics";
    trigger().click();
    await settle();
    document.querySelector<HTMLButtonElement>("[data-testid='export-ics']")!.click();
    await settle();
    expect(calls[1]).toEqual(["export_calendar", { planId: 1, path: "/home/mira/acme.ics", alarmDays: null }]);
    expect(app.toasts.map((t) => t.text)).toEqual(["Calendar exported: 63 events to acme.ics"]);
  });

  it("writes the whole plan as a bundle", async () => {
    saveAs = "/home/mira/acme.golive";
    trigger().click();
    await settle();
    document.querySelector<HTMLButtonElement>("[data-testid='export-bundle']")!.click();
    await settle();
    expect(calls[0][1]).toMatchObject({ options: { defaultPath: "acme-de-relaunch-plan-2027-01-11.golive", filters: [{ extensions: ["golive"] }] } });
    expect(calls[1]).toEqual(["export_bundle", { planId: 1, path: "/home/mira/acme.golive" }]);
    expect(app.toasts.map((t) => t.text)).toEqual(["Plan bundle written: 4 evidence files to acme.golive"]);
  });

  it("writes nothing when the save dialog is cancelled", async () => {
    saveAs = null;
    trigger().click();
    await settle();
    document.querySelector<HTMLButtonElement>("[data-testid='export-csv']")!.click();
    await settle();
    expect(calls.map(([cmd]) => cmd)).toEqual(["plugin:dialog|save"]);
    expect(app.toasts).toEqual([]);
  });

  it("is busy while it writes, and shows a failure", async () => {
    let fail: (e: unknown) => void = () => {};
    written = () => new Promise((_, reject) => (fail = reject));
    trigger().click();
    await settle();
    document.querySelector<HTMLButtonElement>("[data-testid='export-csv-excel-german']")!.click();
    await settle();
    expect(trigger().textContent).toContain("Exporting…");
    expect(trigger().getAttribute("aria-busy")).toBe("true");
    fail({ kind: "io", message: "cannot write /home/mira/acme.xlsx: permission denied" });
    await settle();
    expect(trigger().textContent).toContain("Export");
    expect(trigger().textContent).not.toContain("Exporting");
    expect(app.toasts.map((t) => [t.text, t.tone])).toEqual([["cannot write /home/mira/acme.xlsx: permission denied", "error"]]);
  });
});
