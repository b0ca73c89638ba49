// The import dialog with the Rust commands answered by a stub: the preview lists every change
// old → new and writes nothing until Apply; a refused sheet lists each problem with its line
// and column; a sheet that matches the plan says so; and what it shows passes axe-core.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { vocabulary } from "../../lib/vocabulary.svelte";
import { app } from "../../lib/state.svelte";
import { board, task, WORDS, settle, violations } from "../../lib/testing";
import type { ImportPlanDto } from "../../lib/ipc/bindings/ImportPlanDto";
import ImportDialog from "./ImportDialog.svelte";

const PLAN: ImportPlanDto = {
  fields: [
    { task_id: "GEN-01", field: "status", old: "To do", new: "Done" },
    { task_id: "GEN-01", field: "owner", old: "", new: "Dana" },
    { task_id: "GEN-02", field: "due", old: "2027-02-01", new: "2027-02-08 (pinned)" },
  ],
  tasks: 2,
  rows: 5,
};

const REFUSED = {
  kind: "invalid-import",
  message:
    "the sheet cannot be imported, nothing was changed:\n" +
    '  line 3, column ID: "NOPE-9" is not a task of this plan\n' +
    '  line 4, column Status: unknown status "finished"; use To do, In progress, Done, Blocked, Not applicable',
};

let answer: () => unknown;
let calls: [string, unknown][];
let mounted: ReturnType<typeof mount> | null = null;
let closed: number;
const showModal = HTMLDialogElement.prototype.showModal;

function open(path = "/home/mira/acme-checklist.csv") {
  const plan = board([task(), task({ id: "GEN-02", title: "Book the load test" })]);
  mounted = mount(ImportDialog, {
    target: document.body.appendChild(document.createElement("div")),
    props: { board: plan, path, onclose: () => (closed += 1) },
  });
}

beforeEach(() => {
  calls = [];
  closed = 0;
  answer = () => PLAN;
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "preview_import" || cmd === "import_sheet") return answer();
    if (cmd === "plan_board") return board();
    if (cmd === "list_plans") return [];
    return null;
  });
  // jsdom has <dialog> without its modal mode; open is all the dialog needs.
  HTMLDialogElement.prototype.showModal = function () {
    this.setAttribute("open", "");
  };
  vocabulary.words = WORDS;
  app.selectedId = 1;
});

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  HTMLDialogElement.prototype.showModal = showModal;
  clearMocks();
  app.toasts = [];
  document.body.innerHTML = "";
});


const dialog = () => document.querySelector<HTMLDialogElement>("[data-testid='import-dialog']")!;
const button = (text: string) => [...dialog().querySelectorAll("button")].find((b) => b.textContent?.trim().startsWith(text));
/** What a sighted reader sees in an element: its text without the screen readers' words. */
function seen(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll(".sr-only, [aria-hidden='true']").forEach((e) => e.remove());
  return copy.textContent?.replace(/\s+/g, " ").trim() ?? "";
}
const rows = () => [...dialog().querySelectorAll("[data-testid='import-preview'] tbody tr")].map((r) => [...r.querySelectorAll("td")].map(seen).join(" | "));
const applied = () => calls.filter(([cmd]) => cmd === "import_sheet");

/** axe-core on the dialog: names, roles and ARIA structure (jsdom has no layout, so no contrast). */

describe("the import preview", () => {
  it("lists every change old → new and writes nothing until Apply", async () => {
    open();
    await settle();
    expect(calls).toEqual([["preview_import", { planId: 1, path: "/home/mira/acme-checklist.csv" }]]);
    expect(dialog().textContent).toContain("acme-checklist.csv");
    expect(dialog().querySelector("[data-testid='import-summary']")?.textContent).toContain("3 changes to 2 tasks from 5 rows");
    expect(rows()).toEqual([
      "GEN-01 Share the go-live date | Status | To do Done",
      " | Owner | No owner Dana",
      "GEN-02 Book the load test | Due | Mon 1 Feb Mon 8 Feb (pinned)",
    ]);
    // For a screen reader: each row names its task, and old "to" new.
    const second = dialog().querySelectorAll("[data-testid='import-preview'] tbody tr")[1];
    expect(second.querySelector(".task")?.textContent?.trim()).toBe("GEN-01");
    expect(second.querySelector(".change")?.textContent?.replace(/\s+/g, " ").trim()).toBe("No owner to Dana");
    // The statuses carry their icon and word, not colour alone.
    expect(dialog().querySelectorAll("[data-testid='import-preview'] .st")).toHaveLength(2);
    expect(document.activeElement?.textContent?.trim()).toBe("Apply 3 changes");
    expect(await violations(dialog())).toEqual([]);
    expect(applied()).toEqual([]);
  });

  it("applies all of it, reloads the plan and says what changed", async () => {
    open();
    await settle();
    button("Apply")!.click();
    await settle();
    expect(applied()).toEqual([["import_sheet", { planId: 1, path: "/home/mira/acme-checklist.csv" }]]);
    expect(calls.some(([cmd]) => cmd === "plan_board")).toBe(true);
    expect(app.toasts.map((t) => t.text)).toEqual(["Imported 3 changes to 2 tasks"]);
    expect(closed).toBe(1);
  });

  it("Cancel imports nothing, and focus goes back to what opened the dialog", async () => {
    const opener = document.body.appendChild(document.createElement("button"));
    opener.focus();
    open();
    await settle();
    button("Cancel")!.click();
    await settle();
    expect(closed).toBe(1);
    expect(applied()).toEqual([]);
    unmount(mounted!);
    mounted = null;
    expect(document.activeElement).toBe(opener);
  });

  it("shows a busy Apply while the import runs", async () => {
    open();
    await settle();
    let finish: (v: unknown) => void = () => {};
    answer = () => new Promise((r) => (finish = r));
    button("Apply")!.click();
    flushSync();
    const apply = dialog().querySelector<HTMLButtonElement>("[data-testid='apply-import']")!;
    expect(apply.textContent?.trim()).toBe("Applying…");
    expect(apply.disabled).toBe(true);
    finish(PLAN);
    await settle();
    expect(closed).toBe(1);
  });
});

describe("a sheet that cannot be imported", () => {
  it("lists every problem with its line and column, and offers no Apply", async () => {
    answer = () => {
      throw REFUSED;
    };
    open();
    await settle();
    const problems = dialog().querySelector("[data-testid='import-problems']")!;
    expect(problems.textContent).toContain("This sheet cannot be imported.");
    expect(problems.textContent).toContain("Correct these 2 problems");
    expect([...problems.querySelectorAll("li")].map((li) => [li.querySelector(".where")?.textContent, li.querySelector(".what")?.textContent])).toEqual([
      ["Line 3, column ID", '"NOPE-9" is not a task of this plan'],
      ["Line 4, column Status", 'unknown status "finished"; use To do, In progress, Done, Blocked, Not applicable'],
    ]);
    expect(button("Apply")).toBeUndefined();
    expect(document.activeElement?.textContent?.trim()).toBe("Choose another file…");
    expect(await violations(dialog())).toEqual([]);
  });

  it("shows another failure as it is", async () => {
    answer = () => {
      throw { kind: "io", message: "cannot read /home/mira/gone.csv: No such file or directory" };
    };
    open("/home/mira/gone.csv");
    await settle();
    expect(dialog().querySelector("[data-testid='import-error']")?.textContent).toBe("cannot read /home/mira/gone.csv: No such file or directory");
  });

  it("turns into the problems when Apply finds some", async () => {
    open();
    await settle();
    answer = () => {
      throw REFUSED;
    };
    button("Apply")!.click();
    await settle();
    expect(closed).toBe(0);
    expect(dialog().querySelectorAll("[data-testid='import-problems'] li")).toHaveLength(2);
  });

  it("reads another file chosen from there", async () => {
    answer = () => {
      throw REFUSED;
    };
    open();
    await settle();
    answer = () => PLAN;
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "plugin:dialog|open") return "/home/mira/fixed.xlsx";
      return answer();
    });
    button("Choose another file")!.click();
    await settle();
    expect(calls.at(-1)).toEqual(["preview_import", { planId: 1, path: "/home/mira/fixed.xlsx" }]);
    expect(dialog().textContent).toContain("fixed.xlsx");
    expect(rows()).toHaveLength(3);
  });
});

describe("a sheet that matches the plan", () => {
  it("says there is nothing to change", async () => {
    answer = () => ({ fields: [], tasks: 0, rows: 63 });
    open();
    await settle();
    const nothing = dialog().querySelector("[data-testid='import-nothing']")!;
    expect(nothing.textContent).toContain("Nothing to change");
    expect(nothing.textContent).toContain("All 63 rows of the sheet match the plan");
    expect(button("Apply")).toBeUndefined();
    expect(document.activeElement).toBe(button("Close"));
    expect(await violations(dialog())).toEqual([]);
  });
});
