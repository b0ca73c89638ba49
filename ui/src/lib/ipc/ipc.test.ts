import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { listPlans, createPlan, planBoard } from "./plans";
import { updateItem } from "./items";
import { previewReschedule } from "./timeline";
import { call } from "./core";

afterEach(() => clearMocks());

describe("typed command wrappers", () => {
  it("send the command name and camelCase arguments Tauri expects", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "list_plans") return [];
      if (cmd === "update_item") return { id: "GEN-01", status: "done" };
      return [];
    });
    await listPlans(true);
    await updateItem(3, "GEN-01", { status: "done" });
    await previewReschedule(3, "2027-05-03 09:00", "Europe/Berlin");
    expect(calls).toEqual([
      ["list_plans", { includeArchived: true }],
      ["update_item", { planId: 3, taskId: "GEN-01", change: { status: "done" } }],
      ["preview_reschedule", { planId: 3, launchLocal: "2027-05-03 09:00", zone: "Europe/Berlin" }],
    ]);
  });

  it("turn a rejected command into { kind, message }", async () => {
    mockIPC((cmd) => {
      if (cmd === "plan_board") throw { kind: "plan-not-found", message: "no plan 9; pick one from the list" };
      throw new Error("boom");
    });
    await expect(planBoard(9)).rejects.toEqual({ kind: "plan-not-found", message: "no plan 9; pick one from the list" });
    await expect(
      createPlan({ name: "x", client: null, launch_local: "2027-01-01 09:00", zone: "UTC", pentest: null, working_days: [] }),
    ).rejects.toMatchObject({ kind: "internal" });
  });

  it("take only the names of commands the shell registers", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => void calls.push(cmd));
    await call("vocabulary");
    // @ts-expect-error: `npm run check` fails here as soon as `call` takes any string.
    await call("no_such_command");
    expect(calls).toEqual(["vocabulary", "no_such_command"]);
  });
});
