// The template-update dialog with the Rust commands answered by a stub: the version change
// and the sections (added, retired, renamed, changed field by field, long texts shortened),
// the note for done tasks to confirm again, Apply reloading the board, the calm "nothing
// changes", a broken template's message; and what it shows passes axe-core.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app } from "../../lib/state.svelte";
import { board, task, settle, violations } from "../../lib/testing";
import type { TemplateDiffDto } from "../../lib/ipc/bindings/TemplateDiffDto";
import TemplateDialog from "./TemplateDialog.svelte";
import { shown } from "./template";

const LONG = "Repeat a short version of the end-to-end test around the opening: browse, search, register, then place and pay an order. Record a go/no-go decision.";

const DIFF: TemplateDiffDto = {
  old_version: "2023.01.23-1",
  new_version: "2099.01",
  added: ["GEN-99"],
  removed: ["GEN-10"],
  renamed: [{ old: "SEO-02", new: "SEO-12" }],
  changed: [
    { id: "TES-12", reconfirm: true, fields: [{ field: "blocking", old: "yes", new: "no" }, { field: "guidance", old: LONG, new: `${LONG} Keep the log.` }] },
    { id: "SEO-12", reconfirm: false, fields: [{ field: "title", old: "Old title", new: "New title" }] },
  ],
  empty: false,
  summary: "2023.01.23-1 → 2099.01: 1 added, 1 removed, 1 renamed, 2 changed",
  titles: { "GEN-99": "Brief the call centre", "GEN-10": "Keep the old shop live", "SEO-02": "Redirect old URLs", "SEO-12": "Redirect old URLs", "TES-12": "Run the launch-day test" },
};
const EMPTY: TemplateDiffDto = { ...DIFF, new_version: "2023.01.23-1", added: [], removed: [], renamed: [], changed: [], empty: true };

let answer: () => unknown;
let calls: [string, unknown][];
let mounted: ReturnType<typeof mount> | null = null;
let closed: number;
const showModal = HTMLDialogElement.prototype.showModal;
const plan = board([
  task({ id: "TES-12", title: "Run the launch-day test", status: "done" }),
  task({ id: "GEN-10", title: "Keep the old shop live" }),
  task({ id: "SEO-02", title: "Redirect old URLs" }),
]);

function open(path = "/home/mira/spryker-2099.toml") {
  mounted = mount(TemplateDialog, {
    target: document.body.appendChild(document.createElement("div")),
    props: { planId: 1, planName: "Acme DE Relaunch", path, onclose: () => (closed += 1) },
  });
}

beforeEach(() => {
  calls = [];
  closed = 0;
  answer = () => DIFF;
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "template_diff" || cmd === "apply_template") return answer();
    if (cmd === "plan_board") return plan;
    if (cmd === "list_plans") return [];
    return null;
  });
  HTMLDialogElement.prototype.showModal = function () {
    this.setAttribute("open", "");
  };
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


const dialog = () => document.querySelector<HTMLDialogElement>("[data-testid='template-dialog']")!;
const part = (id: string) => dialog().querySelector(`[data-testid='${id}']`);
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, " ").trim() ?? "";
const button = (t: string) => [...dialog().querySelectorAll("button")].find((b) => b.textContent?.trim().startsWith(t));
const applied = () => calls.filter(([cmd]) => cmd === "apply_template");


describe("the template update", () => {
  it("shows the version change and every section before anything is written", async () => {
    open();
    await settle();
    expect(calls).toEqual([["template_diff", { planId: 1, path: "/home/mira/spryker-2099.toml" }]]);
    expect(text(part("template-versions"))).toContain("Version 2023.01.23-1 to 2099.01");
    expect(text(part("template-added"))).toContain("arrive as To do");
    expect(text(part("template-added"))).toContain("GEN-99");
    expect(text(part("template-added"))).toContain("Brief the call centre");
    expect(text(part("template-removed"))).toContain("kept with their evidence and history");
    expect(text(part("template-removed"))).toContain("GEN-10 Keep the old shop live");
    expect(text(part("template-renamed"))).toContain("SEO-02 to SEO-12 Redirect old URLs");
    const changed = part("template-changed")!;
    expect(text(changed)).toContain("TES-12 Run the launch-day test Confirm again");
    expect(text(changed)).toContain("Blocks the go-live yes to no");
    // The renamed task's title comes from its old id.
    expect(text(changed)).toContain("SEO-12 Redirect old URLs");
    // A long text shows its start, the whole of it one click away.
    const details = changed.querySelectorAll("details");
    expect(details).toHaveLength(2);
    expect(details[0].querySelector("summary")?.textContent).toContain("…");
    expect(details[0].querySelector(".full")?.textContent).toBe(LONG);
    expect(text(part("template-reconfirm"))).toContain("TES-12 is done, but what it must meet changed");
    expect(document.activeElement?.textContent?.trim()).toBe("Update to version 2099.01");
    expect(await violations(dialog())).toEqual([]);
    expect(applied()).toEqual([]);
  });

  it("applies it, reloads the board and says what changed", async () => {
    open();
    await settle();
    button("Update to version")!.click();
    await settle();
    expect(applied()).toEqual([["apply_template", { planId: 1, path: "/home/mira/spryker-2099.toml" }]]);
    expect(calls.some(([cmd]) => cmd === "plan_board")).toBe(true);
    expect(app.toasts.map((t) => t.text)).toEqual(["Checklist updated to version 2099.01: 1 added, 1 retired, 1 renamed, 2 changed"]);
    expect(closed).toBe(1);
  });

  it("says calmly when nothing changes, and offers no update", async () => {
    answer = () => EMPTY;
    open();
    await settle();
    expect(text(part("template-nothing"))).toContain("Nothing changes");
    expect(button("Update")).toBeUndefined();
    expect(document.activeElement).toBe(button("Close"));
    expect(await violations(dialog())).toEqual([]);
  });

  it("shows where a broken template is wrong, and changes nothing", async () => {
    answer = () => {
      throw { kind: "invalid-template", message: "/home/mira/spryker-2099.toml:1054: `task.due`: post-launch task GEN-99 needs its own due" };
    };
    open();
    await settle();
    const refused = part("template-refused")!;
    expect(text(refused)).toContain("This template cannot be used.");
    expect(text(refused)).toContain("spryker-2099.toml:1054");
    expect(button("Update")).toBeUndefined();
    expect(document.activeElement?.textContent?.trim()).toBe("Choose another file…");
    expect(await violations(dialog())).toEqual([]);
  });

  it("shows another template's file as refused too", async () => {
    answer = () => {
      throw { kind: "invalid-input", message: "the plan follows spryker-go-live, this file is someone-else" };
    };
    open();
    await settle();
    expect(text(part("template-refused"))).toContain("someone-else");
  });
});

describe("a value in the dialog", () => {
  it("is shortened at a word when long, and says when empty", () => {
    expect(shown("")).toEqual({ text: "None", cut: false, empty: true });
    expect(shown("yes")).toEqual({ text: "yes", cut: false, empty: false });
    const long = shown(LONG);
    expect(long.cut).toBe(true);
    expect(long.text.endsWith("…")).toBe(true);
    expect(long.text.length).toBeLessThanOrEqual(112);
  });
});
