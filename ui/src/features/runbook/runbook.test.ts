// The go-live day's live mode: the countdown's words, and the dialog with the Rust commands
// answered by a stub — current and next step, a missed checkpoint announced at once, a
// check-off asked of the library (which records the time) and shown, and axe finds nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app } from "../../lib/state.svelte";
import { settle, violations } from "../../lib/testing";
import type { RunbookDto } from "../../lib/ipc/bindings/RunbookDto";
import type { RunbookStepDto } from "../../lib/ipc/bindings/RunbookStepDto";
import { checkedText, countdown } from "./runbook";
import RunbookDialog from "./RunbookDialog.svelte";

describe("countdown", () => {
  it("counts days, hours and minutes to the launch and after it", () => {
    expect(countdown(3 * 1440 + 4 * 60 + 12)).toBe("Launch in 3 d 4 h 12 min");
    expect(countdown(45)).toBe("Launch in 45 min");
    expect(countdown(2 * 1440)).toBe("Launch in 2 d");
    expect(countdown(0)).toBe("Launch now");
    expect(countdown(-125)).toBe("Launched 2 h 5 min ago");
  });
});

const stepDto = (over: Partial<RunbookStepDto>): RunbookStepDto => ({
  id: "deploy",
  own: false,
  title: "Deploy the release to production",
  task_id: null,
  at_minutes: -240,
  at_text: "T−4h",
  at: "2027-02-09T04:00:00Z",
  local_time: "05:00",
  owner: "Dev Ops Team",
  checkpoint: null,
  dns_switch: false,
  checked_at: null,
  checked_local_time: null,
  checked_by: null,
  state: "upcoming",
  checked_late_minutes: null,
  ...over,
});

describe("checked-off steps", () => {
  it("say when in the plan's zone, by whom and how late", () => {
    // Regression: the check-off showed the computer's clock while the steps showed the plan's.
    const s = stepDto({ checked_at: "2027-02-09T04:02:00Z", checked_local_time: "05:02", checked_by: "Mira", checked_late_minutes: 2 });
    expect(checkedText(s)).toBe("Checked off at 05:02 by Mira (2 min late)");
    expect(checkedText(stepDto({}))).toBe("");
  });
});

describe("RunbookDialog", () => {
  let book: RunbookDto;
  let calls: [string, Record<string, unknown>][];
  let mounted: ReturnType<typeof mount> | null = null;
  const showModal = HTMLDialogElement.prototype.showModal;

  beforeEach(() => {
    book = {
      launch: "2027-02-09T08:00:00Z",
      now: "2027-02-09T06:10:00Z",
      minutes_to_launch: 110,
      steps: [
        stepDto({ id: "deploy", state: "missed", checkpoint: "Release deployed and smoke-tested" }),
        stepDto({ id: "e2e", title: "End-to-end test on production", at_minutes: -60, at_text: "T−1h", local_time: "08:00", state: "current" }),
        stepDto({ id: "basic-auth", title: "Remove basic auth", at_minutes: 0, at_text: "T0", local_time: "09:00" }),
      ],
      current: "e2e",
      next: "basic-auth",
      missed: ["deploy"],
      old_shop: null,
    };
    calls = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args as Record<string, unknown>]);
      if (cmd === "runbook") return book;
      if (cmd === "check_runbook_step") {
        const { stepId } = args as { stepId: string };
        book = {
          ...book,
          missed: book.missed.filter((id) => id !== stepId),
          steps: book.steps.map((s) => (s.id === stepId ? { ...s, state: "done", checked_at: "2027-02-09T06:11:00Z", checked_local_time: "07:11", checked_by: "Mira", checked_late_minutes: 131 } : s)),
        };
        return book;
      }
      return null;
    });
    HTMLDialogElement.prototype.showModal = function () {
      this.setAttribute("open", "");
    };
    mounted = mount(RunbookDialog, {
      target: document.body.appendChild(document.createElement("div")),
      props: { planId: 7, planName: "Acme DE relaunch", zone: "Europe/Berlin", tasks: [], onclose: () => {} },
    });
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

  it("shows the countdown, the current and next step and the missed checkpoint, and passes axe", async () => {
    await settle();
    expect(q("[data-testid='runbook-countdown']")!.textContent).toBe("Launch in 1 h 50 min");
    expect(q("[data-testid='runbook-current']")!.textContent).toContain("End-to-end test on production");
    expect(q("[data-testid='runbook-next']")!.textContent).toContain("Remove basic auth");
    const alert = q("[data-testid='runbook-missed']")!;
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain("T−4h Deploy the release to production");
    expect(q("[data-step='deploy']")!.textContent).toContain("Checkpoint missed");
    expect(await violations(document.body)).toEqual([]);
  });

  it("checks a step off through the library and shows when", async () => {
    await settle();
    q("[data-step='deploy'] [data-testid='runbook-check']")!.click();
    await settle();
    const [, args] = calls.find(([c]) => c === "check_runbook_step")!;
    expect(args).toEqual({ planId: 7, stepId: "deploy", undo: false });
    expect(q("[data-step='deploy']")!.dataset.state).toBe("done");
    expect(q("[data-step='deploy'] [data-testid='runbook-checked']")!.textContent).toContain("by Mira (131 min late)");
    expect(q("[data-testid='runbook-missed']")).toBeNull();
    expect(q("[data-step='deploy'] [data-testid='runbook-check']")!.textContent).toBe("Undo");
  });
});
