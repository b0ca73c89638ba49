// Planning the go-live day in the runbook dialog's "Edit steps" mode, with the Rust commands
// answered by a stand-in that keeps the steps sorted by time as the library does (the real
// shell is exercised by the desktop tests and the e2e): a step added from a typed time, only
// the changed fields sent on an edit, the shell's refusal shown in the form, a removal asked
// first, and axe finds nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app } from "../../lib/state.svelte";
import { keymap } from "../../lib/keymap.svelte";
import { settle, violations } from "../../lib/testing";
import type { RunbookDto } from "../../lib/ipc/bindings/RunbookDto";
import type { RunbookStepDto } from "../../lib/ipc/bindings/RunbookStepDto";
import type { NewRunbookStepDto } from "../../lib/ipc/bindings/NewRunbookStepDto";
import type { RunbookEditDto } from "../../lib/ipc/bindings/RunbookEditDto";
import { changedText, editOf, newStepOf, undoOf } from "./edit";
import { offsetText } from "./when";
import RunbookDialog from "./RunbookDialog.svelte";

const LAUNCH = Date.parse("2027-02-09T08:00:00Z");

const stepDto = (over: Partial<RunbookStepDto>): RunbookStepDto => {
  const at_minutes = over.at_minutes ?? -240;
  const at = new Date(LAUNCH + at_minutes * 60_000);
  return {
    id: "deploy",
    own: false,
    title: "Deploy the release to production",
    task_id: null,
    at_text: offsetText(at_minutes),
    at: at.toISOString(),
    local_time: `${String((at.getUTCHours() + 1) % 24).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`,
    owner: "DevOps",
    checkpoint: null,
    dns_switch: false,
    checked_at: null,
    checked_local_time: null,
    checked_by: null,
    state: "upcoming",
    checked_late_minutes: null,
    ...over,
    at_minutes,
  };
};

describe("what an edit sends", () => {
  const deploy = stepDto({ checkpoint: "Release healthy?" });
  const same = { title: deploy.title, minutes: -240, owner: "DevOps", checkpoint: "Release healthy?", taskId: "", dnsSwitch: false };

  it("only the fields that changed, and nothing when nothing did", () => {
    expect(editOf(deploy, same)).toBeNull();
    expect(editOf(deploy, { ...same, owner: "Mira (QA)", minutes: -180 })).toEqual({ owner: "Mira (QA)", at_minutes: -180 });
    expect(editOf(deploy, { ...same, checkpoint: "" })).toEqual({ checkpoint: "" });
    expect(changedText({ owner: "x", at_minutes: 1, task_id: "" })).toBe("time, owner and task");
  });

  it("an Undo that puts the old values back, cleared ones as empty", () => {
    const edit = { owner: "Mira", task_id: "CLO-14", dns_switch: true };
    expect(undoOf(deploy, edit)).toEqual({ owner: "DevOps", task_id: "", dns_switch: false });
  });

  it("a new step leaves out what was left empty", () => {
    expect(newStepOf({ ...same, owner: "", checkpoint: "" })).toEqual({
      title: deploy.title, at_minutes: -240, owner: undefined, checkpoint: undefined, task_id: undefined, dns_switch: false,
    });
  });
});

describe("RunbookEditor in the dialog", () => {
  let book: RunbookDto;
  let calls: [string, Record<string, unknown>][];
  let refuse: string | null;
  let removed: RunbookStepDto | null = null;
  let mounted: ReturnType<typeof mount> | null = null;
  const showModal = HTMLDialogElement.prototype.showModal;

  const sorted = (steps: RunbookStepDto[]) => [...steps].sort((a, b) => a.at_minutes - b.at_minutes);

  beforeEach(async () => {
    book = {
      launch: "2027-02-09T08:00:00Z",
      now: "2027-02-08T08:00:00Z",
      minutes_to_launch: 1440,
      steps: [
        stepDto({}),
        stepDto({ id: "dns-switch", title: "Switch DNS to the new shop", at_minutes: -120, task_id: "CLO-14", dns_switch: true }),
        stepDto({ id: "basic-auth", title: "Remove basic auth", at_minutes: 0, owner: null }),
      ],
      current: "deploy",
      next: "dns-switch",
      missed: [],
      old_shop: null,
    };
    calls = [];
    refuse = null;
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      calls.push([cmd, a]);
      if (refuse && cmd !== "runbook") throw { kind: "invalid-input", message: refuse };
      if (cmd === "add_runbook_step") {
        const s = a.step as NewRunbookStepDto;
        book = { ...book, steps: sorted([...book.steps, stepDto({ id: "R-01", own: true, title: s.title, at_minutes: s.at_minutes, owner: s.owner ?? null })]) };
      } else if (cmd === "edit_runbook_step") {
        const e = a.edit as RunbookEditDto;
        book = {
          ...book,
          steps: sorted(
            book.steps.map((s) =>
              s.id === a.stepId
                ? stepDto({ ...s, owner: e.owner ?? s.owner, at_minutes: e.at_minutes ?? s.at_minutes, dns_switch: e.dns_switch ?? s.dns_switch })
                : e.dns_switch ? { ...s, dns_switch: false } : s,
            ),
          ),
        };
      } else if (cmd === "remove_runbook_step") {
        removed = book.steps.find((s) => s.id === a.stepId) ?? null;
        book = { ...book, steps: book.steps.filter((s) => s.id !== a.stepId) };
      } else if (cmd === "restore_runbook_step" && removed) {
        book = { ...book, steps: sorted([...book.steps, removed]) };
      }
      return book;
    });
    HTMLDialogElement.prototype.showModal = function () {
      this.setAttribute("open", "");
    };
    mounted = mount(RunbookDialog, {
      target: document.body.appendChild(document.createElement("div")),
      props: { planId: 7, planName: "Acme DE relaunch", zone: "Europe/Berlin", tasks: [{ id: "CLO-14", title: "Switch DNS" }], onclose: () => {} },
    });
    await settle();
    q("[data-testid='runbook-mode-edit']")!.click();
    await settle();
  });

  afterEach(() => {
    if (mounted) unmount(mounted);
    mounted = null;
    HTMLDialogElement.prototype.showModal = showModal;
    clearMocks();
    app.toasts = [];
    document.body.innerHTML = "";
  });

  const q = (sel: string) => document.querySelector<HTMLElement>(sel);
  const order = () => [...document.querySelectorAll<HTMLElement>("[data-testid='runbook-edit-step']")].map((li) => li.dataset.step);
  function type(sel: string, value: string) {
    const input = q(sel) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  it("lists the steps by time with their owner, task and DNS switch, and passes axe", async () => {
    expect(order()).toEqual(["deploy", "dns-switch", "basic-auth"]);
    const dns = q("[data-step='dns-switch']")!.textContent!;
    expect(dns).toContain("CLO-14");
    expect(dns).toContain("DNS switch");
    expect(q("[data-step='basic-auth'] [data-testid='runbook-edit-owner']")!.textContent).toContain("No owner");
    q("[data-testid='runbook-add']")!.click();
    await settle();
    expect(await violations(document.body)).toEqual([]);
  });

  it("adds a step typed as a clock time, in its place by time", async () => {
    q("[data-testid='runbook-add']")!.click();
    await settle();
    type("[data-testid='runbook-form-title']", "Brief the call centre");
    type("[data-testid='runbook-form-offset']", "08:30");
    type("[data-testid='runbook-form-owner']", "Support lead");
    await settle();
    expect(q("[data-testid='runbook-form-when']")!.textContent).toContain("T−30m · 08:30 on the launch day");
    q("[data-testid='runbook-form-save']")!.click();
    await settle();
    const [, args] = calls.find(([c]) => c === "add_runbook_step")!;
    expect(args).toEqual({ planId: 7, step: { title: "Brief the call centre", at_minutes: -30, owner: "Support lead", dns_switch: false } });
    expect(order()).toEqual(["deploy", "dns-switch", "R-01", "basic-auth"]);
    expect(q("[data-testid='runbook-form']")).toBeNull();
    expect(q("[data-testid='runbook-last-change']")!.textContent).toContain("Added R-01 at T−30m: Brief the call centre.");
  });

  it("opens the new-step form with A and leaves it with Esc, the dialog staying", async () => {
    // The window's one listener, as App.svelte has it.
    window.addEventListener("keydown", keymap.dispatch);
    try {
      q("[data-testid='runbook-mode-edit']")!.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true, cancelable: true }));
    } finally {
      window.removeEventListener("keydown", keymap.dispatch);
    }
    await settle();
    const title = q("[data-testid='runbook-form-title']")!;
    title.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
    await settle();
    expect(q("[data-testid='runbook-form']")).toBeNull();
    expect(q("[data-testid='runbook-editor']")).not.toBeNull();
    expect(document.activeElement).toBe(q("[data-testid='runbook-add']"));
  });

  it("keeps the focus on the mode switch as E moves it, so A works next", async () => {
    // Regression: the switch moves between the live view and the editor's head; the focus on
    // it was lost to the page, and the next key reached no dialog binding.
    const press = async (key: string) => {
      (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
      await settle();
    };
    window.addEventListener("keydown", keymap.dispatch);
    try {
      q("[data-testid='runbook-mode-edit']")!.focus();
      await press("e");
      expect(q("[data-testid='runbook-editor']")).toBeNull();
      expect(document.activeElement).toBe(q("[data-testid='runbook-mode-live']"));
      await press("e");
      expect(document.activeElement).toBe(q("[data-testid='runbook-mode-edit']"));
      await press("a");
      expect(document.activeElement).toBe(q("[data-testid='runbook-form-title']"));
    } finally {
      window.removeEventListener("keydown", keymap.dispatch);
    }
  });

  it("says what is wrong with a time before anything is sent", async () => {
    q("[data-testid='runbook-add']")!.click();
    await settle();
    type("[data-testid='runbook-form-title']", "Far away");
    type("[data-testid='runbook-form-offset']", "soon");
    await settle();
    expect(q("[data-testid='runbook-form-when']")!.textContent).toContain('Cannot read "soon"');
    expect((q("[data-testid='runbook-form-save']") as HTMLButtonElement).disabled).toBe(true);
  });

  it("sends only the changed owner, and moves the step when its time changes", async () => {
    q("[data-step='deploy'] [data-testid='runbook-edit']")!.click();
    await settle();
    type("[data-testid='runbook-form-owner']", "Mira (QA)");
    type("[data-testid='runbook-form-offset']", "+1h");
    q("[data-testid='runbook-form-save']")!.click();
    await settle();
    const [, args] = calls.find(([c]) => c === "edit_runbook_step")!;
    expect(args).toEqual({ planId: 7, stepId: "deploy", edit: { at_minutes: 60, owner: "Mira (QA)" } });
    expect(order()).toEqual(["dns-switch", "basic-auth", "deploy"]);
    expect(q("[data-step='deploy'] [data-testid='runbook-edit-owner']")!.textContent).toContain("Mira (QA)");
  });

  it("moves the DNS switch, and its Undo gives the mark back to the step that had it", async () => {
    q("[data-step='basic-auth'] [data-testid='runbook-edit']")!.click();
    await settle();
    q("[data-testid='runbook-form-dns']")!.click();
    await settle();
    expect(q("[data-testid='runbook-form-dns-takeover']")!.textContent).toContain("“Switch DNS to the new shop” is the DNS switch now");
    q("[data-testid='runbook-form-save']")!.click();
    await settle();
    expect(calls.find(([c]) => c === "edit_runbook_step")![1]).toEqual({ planId: 7, stepId: "basic-auth", edit: { dns_switch: true } });
    expect(book.steps.filter((s) => s.dns_switch).map((s) => s.id)).toEqual(["basic-auth"]);
    q("[data-testid='runbook-undo']")!.click();
    await settle();
    const edits = calls.filter(([c]) => c === "edit_runbook_step").map(([, a]) => [a.stepId, a.edit]);
    expect(edits.at(-1)).toEqual(["dns-switch", { dns_switch: true }]);
    expect(book.steps.filter((s) => s.dns_switch).map((s) => s.id)).toEqual(["dns-switch"]);
  });

  it("shows the shell's refusal in the form and keeps it open", async () => {
    refuse = 'the plan has no task "NOPE-1" for this step to carry out';
    q("[data-step='basic-auth'] [data-testid='runbook-edit']")!.click();
    await settle();
    type("[data-testid='runbook-form-owner']", "Ops");
    q("[data-testid='runbook-form-save']")!.click();
    await settle();
    const shown = q("[data-testid='runbook-form-error']")!;
    expect(shown.getAttribute("role")).toBe("alert");
    expect(shown.textContent).toContain('no task "NOPE-1"');
    expect(q("[data-testid='runbook-form']")).not.toBeNull();
  });

  it("asks before removing a template step, removes it, and its Undo puts it back", async () => {
    q("[data-step='dns-switch'] [data-testid='runbook-remove']")!.click();
    await settle();
    expect(calls.some(([c]) => c === "remove_runbook_step")).toBe(false);
    expect(q("[data-testid='runbook-remove-confirm']")!.textContent).toContain("It leaves this plan's runbook only");
    q("[data-testid='runbook-remove-confirmed']")!.click();
    await settle();
    expect(calls.find(([c]) => c === "remove_runbook_step")![1]).toEqual({ planId: 7, stepId: "dns-switch" });
    expect(order()).toEqual(["deploy", "basic-auth"]);
    expect(q("[data-testid='runbook-last-change']")!.textContent).toContain("Removed dns-switch (Switch DNS to the new shop); its history stays.");
    expect(document.activeElement).toBe(q("[data-testid='runbook-undo']"));
    q("[data-testid='runbook-undo']")!.click();
    await settle();
    expect(calls.find(([c]) => c === "restore_runbook_step")![1]).toEqual({ planId: 7, stepId: "dns-switch" });
    expect(order()).toEqual(["deploy", "dns-switch", "basic-auth"]);
  });
});
