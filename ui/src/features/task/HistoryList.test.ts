// The task's history shows each entry in the library's sentence, newest first.
import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { EventDto } from "../../lib/ipc/bindings/EventDto";
import HistoryList from "./HistoryList.svelte";

const event = (id: number, over: Partial<EventDto>): EventDto => ({
  id,
  gid: `0190b7c4-2a4e-7000-8000-00000000000${id}`,
  at: "2027-01-11T10:00:00Z",
  who: "Ana",
  kind: "updated",
  task_id: "GEN-01",
  field: null,
  old: null,
  new: null,
  sentence: "",
  ...over,
});

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("the history list", () => {
  it("shows the sentence the library wrote, not words of its own", async () => {
    mockIPC((cmd) =>
      cmd === "history"
        ? [
            event(1, { field: "status", old: "todo", new: "done", sentence: "Status: To do → Done" }),
            event(2, { kind: "evidence-added", field: "note", new: "**Shared**", sentence: "Added a note: Shared" }),
          ]
        : null,
    );
    const m = mount(HistoryList, { target: document.body, props: { planId: 1, taskId: "GEN-01" } });
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 0));
      flushSync();
    }
    const lines = [...document.querySelectorAll(".events li .what")].map((l) => l.textContent);
    expect(lines).toEqual(["Added a note: Shared", "Status: To do → Done"]);
    expect(document.querySelector(".events li")?.getAttribute("data-kind")).toBe("evidence-added");
    unmount(m);
  });
});
