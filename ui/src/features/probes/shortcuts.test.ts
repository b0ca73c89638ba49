// The Probes view's keys stay in the Probes view: the views mounted as the app mounts them
// (all at once, the hidden ones too), the keymap's listener on the window as App.svelte
// installs it, and the Rust commands answered by a stub that notes every call.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, unmount, type Component } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app, type View } from "../../lib/state.svelte";
import { keymap } from "../../lib/keymap.svelte";
import { board, task } from "../../lib/testing";
import type { ProbeSetupDto } from "../../lib/ipc/bindings/ProbeSetupDto";
import ProbesView from "./ProbesView.svelte";
import ChecklistView from "../checklist/ChecklistView.svelte";
import TaskDrawer from "../task/TaskDrawer.svelte";

const BOARD = board([task(), task({ id: "GEN-02", title: "Freeze the content" })]);

const SETUP: ProbeSetupDto = {
  endpoints: {
    storefronts: ["https://shop.example.com/"], backoffice: null, merchant_portal: null, api: null, gateway: null,
    mail_domain: null, dkim_selectors: [], pins: [], ca_files: [], http_port: null, sitemap_path: null, nameserver: null,
  },
  checks: [{ id: "robots", title: "robots.txt", applies: true }],
};

let calls: [string, unknown][];
let mounted: ReturnType<typeof mount>[];
const commands = () => calls.map(([cmd]) => cmd);

beforeEach(() => {
  calls = [];
  mounted = [];
  mockIPC(
    (cmd, args) => {
      calls.push([cmd, args]);
      switch (cmd) {
        case "probe_endpoints": return SETUP;
        case "probe_saved_login": return { keyring: false, problem: null, user: null, origins: [] };
        case "probe_runs": case "list_evidence": case "history": case "list_plans": return [];
        // A run that is still going while the test presses its keys.
        case "run_probes": return new Promise(() => {});
        case "cancel_probes": return true;
        case "add_note": return { id: 1, task_id: "GEN-01", kind: "note", body: "", title: null, sha256: null, size: null, created_at: "2027-01-11T10:00:00Z", created_by: "me" };
        default: return null;
      }
    },
    { shouldMockEvents: true },
  );
  // jsdom has no layout, so no ResizeObserver (the checklist measures its list with one); the
  // list keeps its first guess of its height.
  vi.stubGlobal("ResizeObserver", class { observe() {} unobserve() {} disconnect() {} });
  window.addEventListener("keydown", keymap.dispatch);
});

afterEach(async () => {
  for (const m of mounted) unmount(m);
  window.removeEventListener("keydown", keymap.dispatch);
  // The Probes view stops listening to progress once unmounted, through the stub.
  await settle();
  clearMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
  document.body.innerHTML = "";
  app.view = "checklist";
  app.openTaskId = null;
});

function show<P extends Record<string, unknown>>(component: Component<P>, props: P) {
  const target = document.body.appendChild(document.createElement("div"));
  mounted.push(mount(component, { target, props }));
}

/** Lets the stubbed commands answer and Svelte update the page. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
}

function $<E extends HTMLElement = HTMLElement>(css: string): E {
  const el = document.querySelector<E>(css);
  if (!el) throw new Error(`nothing matches ${css}`);
  return el;
}

function press(on: HTMLElement, key: string, mods: KeyboardEventInit = {}) {
  on.focus();
  on.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...mods }));
  flushSync();
}

function setView(view: View) {
  app.view = view;
  flushSync();
}

describe("Esc in the checklist while probes run", () => {
  it("does not cancel the run", async () => {
    setView("probes");
    show(ProbesView, { board: BOARD });
    show(ChecklistView, { board: BOARD });
    await settle();
    $("[data-testid='run-all']").click();
    await settle();
    expect(commands()).toContain("run_probes");
    $("[data-testid='probe-progress']");

    setView("checklist");
    const search = $<HTMLInputElement>("[data-testid='search']");
    search.value = "freeze";
    search.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    press(search, "Escape");
    // Esc in the search is the search's: it cleared the query.
    expect(search.value).toBe("");
    press(search, "Escape");
    press($("[data-testid='task-row']"), "Escape");
    press(document.body, "Escape");
    await settle();
    expect(commands()).not.toContain("cancel_probes");
    expect($("[data-testid='cancel-probes']").textContent).toContain("Cancel");
    expect($("[data-testid='cancel-probes']").textContent).not.toContain("Cancelling");

    // The same key in the Probes view does cancel it, so the test would have seen a cancel.
    setView("probes");
    press(document.body, "Escape");
    await settle();
    expect(commands()).toContain("cancel_probes");
  });
});

describe("Ctrl+Enter in an evidence note", () => {
  it.each(["probes", "checklist"] as const)("adds the note and starts no probe run (%s view shown)", async (view) => {
    setView(view);
    app.openTaskId = "GEN-01";
    show(ProbesView, { board: BOARD });
    show(TaskDrawer, { task: BOARD.tasks[0], today: BOARD.today, planId: 1 });
    await settle();
    expect($<HTMLButtonElement>("[data-testid='run-all']").disabled).toBe(false);

    $("[data-testid='add-note']").click();
    flushSync();
    const note = $<HTMLTextAreaElement>("[data-testid='note-text']");
    // Still empty: the key is the note's all the same.
    press(note, "Enter", { ctrlKey: true });
    note.value = "Shared in ticket OPS-1234";
    note.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    press(note, "Enter", { ctrlKey: true });
    await settle();

    expect(calls).toContainEqual(["add_note", { planId: 1, taskId: "GEN-01", markdown: "Shared in ticket OPS-1234" }]);
    expect(commands().filter((c) => c === "add_note")).toHaveLength(1);
    expect(document.querySelector("[data-testid='note-text']")).toBeNull();
    expect(commands()).not.toContain("run_probes");
    expect(document.querySelector("[data-testid='probe-progress']")).toBeNull();
  });

  it("is the Probes view's Run all outside a text field", async () => {
    setView("probes");
    show(ProbesView, { board: BOARD });
    await settle();
    press(document.body, "Enter", { ctrlKey: true });
    await settle();
    expect(commands()).toContain("run_probes");
  });
});

describe("the components' bindings", () => {
  it("are there while the component (or element) is, and gone after", async () => {
    app.openTaskId = "GEN-01";
    show(TaskDrawer, { task: BOARD.tasks[0], today: BOARD.today, planId: 1 });
    await settle();
    const listed = () => keymap.active().map((b) => `${b.scope} ${b.keys}: ${b.description}`);
    expect(listed()).toEqual(["drawer Escape: Close the task"]);

    $("[data-testid='add-note']").click();
    flushSync();
    expect(listed()).toEqual([
      "field Mod+Enter: Add the note",
      "field Escape: Close the note without adding it",
      "drawer Escape: Close the task",
    ]);
    // Esc in the note closes the note, not the task.
    press($("[data-testid='note-text']"), "Escape");
    expect(document.querySelector("[data-testid='note-text']")).toBeNull();
    expect(app.openTaskId).toBe("GEN-01");
    expect(listed()).toEqual(["drawer Escape: Close the task"]);

    press(document.body, "Escape");
    expect(app.openTaskId).toBeNull();
    unmount(mounted.pop()!);
    expect(listed()).toEqual([]);
  });
});
