// The task drawer while the board refreshes under it: the board reloads after any change (the
// user's elsewhere, a bulk edit, an import), so the open task's object is replaced while a form
// in the drawer may be half filled in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import TaskDrawer from "./TaskDrawer.svelte";
import { settle, task } from "../../lib/testing";
import type { TaskDto } from "../../lib/ipc/bindings/TaskDto";

const props = $state<{ task: TaskDto }>({ task: task({ id: "CLO-03", title: "Check the routing" }) });
let mounted: ReturnType<typeof mount> | null = null;

beforeEach(() => {
  mockIPC((cmd) => (cmd === "list_evidence" || cmd === "history" ? [] : null));
  mounted = mount(TaskDrawer, {
    target: document.body.appendChild(document.createElement("div")),
    props: {
      get task() {
        return props.task;
      },
      today: "2027-01-11",
      planId: 1,
    },
  });
  flushSync();
});

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  clearMocks();
  document.body.innerHTML = "";
});

const one = <T extends HTMLElement>(css: string) => document.querySelector<T>(css);

function type(el: HTMLInputElement | HTMLTextAreaElement, text: string) {
  el.value = text;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}

describe("a form in the drawer", () => {
  /** Regression: the clean-clone e2e lost the waiver form it had just opened, because the
      board refresh of the step before replaced the task and reset every form. */
  it("stays open with what was typed when the same task refreshes", async () => {
    await settle();
    one<HTMLButtonElement>("[data-testid='waive']")!.click();
    flushSync();
    type(one<HTMLTextAreaElement>("[data-testid='waiver-reason']")!, "Covered by the WAF");
    props.task = { ...props.task, owner: "Mira" };
    flushSync();
    expect(one<HTMLTextAreaElement>("[data-testid='waiver-reason']")?.value).toBe("Covered by the WAF");
  });

  it("closes when another task opens", async () => {
    await settle();
    one<HTMLButtonElement>("[data-testid='waive']")!.click();
    flushSync();
    type(one<HTMLTextAreaElement>("[data-testid='waiver-reason']")!, "Covered by the WAF");
    props.task = task({ id: "CLO-04", title: "Define DoS mitigation" });
    flushSync();
    expect(one("[data-testid='waiver-reason']")).toBeNull();
    one<HTMLButtonElement>("[data-testid='waive']")!.click();
    flushSync();
    expect(one<HTMLTextAreaElement>("[data-testid='waiver-reason']")?.value).toBe("");
  });
});
