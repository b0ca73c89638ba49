// The plan-bundle import dialog with the Rust commands answered by a stub: a new plan is
// imported, opened and named in a toast; a plan already here offers the merge (explained)
// or Cancel; a bundle cut short says what is wrong; a taken name asks for another; and what
// it shows passes axe-core.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app } from "../../lib/state.svelte";
import { board, settle, violations } from "../../lib/testing";
import type { ImportOutcomeDto } from "../../lib/ipc/bindings/ImportOutcomeDto";
import BundleImportDialog from "./BundleImportDialog.svelte";

const OUTCOME: ImportOutcomeDto = { plan_id: 7, merged: false, evidence_added: 3, events_added: 12, stakeholders_added: 1, decisions_added: 0, runs_added: 2, people_added: 0, fields_taken: [], renumbered: [] };
const SUMMARY = { id: 7, gid: "g7", name: "Acme DE Relaunch", client: "Acme", launch_date: "2027-03-01", days_to_launch: 49, verdict: "not-ready", archived: false };

let answer: (args: { merge: boolean; name: string | null }) => unknown;
let calls: [string, unknown][];
let mounted: ReturnType<typeof mount> | null = null;
let closed: number;
const showModal = HTMLDialogElement.prototype.showModal;

function open(path = "/home/mira/acme.golive") {
  mounted = mount(BundleImportDialog, {
    target: document.body.appendChild(document.createElement("div")),
    props: { path, onclose: () => (closed += 1) },
  });
}

beforeEach(() => {
  calls = [];
  closed = 0;
  answer = () => OUTCOME;
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "import_bundle") return answer(args as { merge: boolean; name: string | null });
    if (cmd === "plan_board") return board();
    if (cmd === "list_plans") return [SUMMARY];
    return null;
  });
  HTMLDialogElement.prototype.showModal = function () {
    this.setAttribute("open", "");
  };
});

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  HTMLDialogElement.prototype.showModal = showModal;
  clearMocks();
  app.toasts = [];
  document.body.innerHTML = "";
});


const dialog = () => document.querySelector<HTMLDialogElement>("[data-testid='bundle-dialog']")!;
const button = (text: string) => [...dialog().querySelectorAll("button")].find((b) => b.textContent?.trim().startsWith(text));
const imports = () => calls.filter(([cmd]) => cmd === "import_bundle").map(([, args]) => args);


describe("importing a plan bundle", () => {
  it("imports a new plan, opens it and says what came in", async () => {
    open();
    await settle();
    expect(imports()).toEqual([{ path: "/home/mira/acme.golive", merge: false, name: null }]);
    expect(app.selectedId).toBe(7);
    expect(app.toasts.map((t) => t.text)).toEqual(["Plan “Acme DE Relaunch” imported with 3 evidence items"]);
    expect(closed).toBe(1);
  });

  it("offers the merge for a plan already here, explained, and merges on request", async () => {
    answer = ({ merge }) => {
      if (!merge) throw { kind: "plan-exists", message: "the bundle's plan is already here (plan 7)" };
      return { ...OUTCOME, merged: true, evidence_added: 1, events_added: 2, stakeholders_added: 0, runs_added: 0, fields_taken: ["GEN-01 status"] };
    };
    open();
    await settle();
    const exists = dialog().querySelector("[data-testid='bundle-exists']")!;
    expect(exists.textContent).toContain("This plan is already here.");
    expect(exists.textContent).toContain("nothing is deleted");
    expect(document.activeElement?.textContent?.trim()).toBe("Merge into the existing plan");
    expect(await violations(dialog())).toEqual([]);
    expect(closed).toBe(0);

    button("Merge into the existing plan")!.click();
    await settle();
    expect(imports()).toEqual([
      { path: "/home/mira/acme.golive", merge: false, name: null },
      { path: "/home/mira/acme.golive", merge: true, name: null },
    ]);
    expect(app.toasts.map((t) => t.text)).toEqual(["Merged into “Acme DE Relaunch”: 1 evidence item, 2 history entries, took GEN-01 status"]);
    expect(closed).toBe(1);
  });

  it("Cancel merges nothing", async () => {
    answer = () => {
      throw { kind: "plan-exists", message: "already here" };
    };
    open();
    await settle();
    button("Cancel")!.click();
    await settle();
    expect(closed).toBe(1);
    expect(imports()).toHaveLength(1);
  });

  it("shows what is wrong with a bundle cut short", async () => {
    answer = () => {
      throw { kind: "invalid-bundle", message: "/home/mira/acme.golive is not a readable plan bundle (unexpected end of file); it may be cut short or not a bundle at all" };
    };
    open();
    await settle();
    const refused = dialog().querySelector("[data-testid='bundle-refused']")!;
    expect(refused.textContent).toContain("This bundle cannot be imported.");
    expect(refused.textContent).toContain("unexpected end of file");
    expect(button("Merge")).toBeUndefined();
    expect(document.activeElement?.textContent?.trim()).toBe("Choose another file…");
    expect(await violations(dialog())).toEqual([]);
  });

  it("asks for another name when the plan's is taken", async () => {
    answer = ({ name }) => {
      if (name === null) throw { kind: "duplicate-plan-name", message: "a plan named “Acme DE Relaunch” exists already" };
      return OUTCOME;
    };
    open();
    await settle();
    const input = dialog().querySelector<HTMLInputElement>("input[name='name']")!;
    expect(document.activeElement).toBe(input);
    expect(await violations(dialog())).toEqual([]);
    input.value = "Acme DE Relaunch (from Jo)";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    button("Import")!.click();
    await settle();
    expect(imports().at(-1)).toEqual({ path: "/home/mira/acme.golive", merge: false, name: "Acme DE Relaunch (from Jo)" });
    expect(closed).toBe(1);
  });
});
