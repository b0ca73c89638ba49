import { afterEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { ReminderDto } from "../../lib/ipc/bindings/ReminderDto";
import { outcomeText, reminderText, reminders } from "./reminders.svelte";

afterEach(() => {
  clearMocks();
  vi.unstubAllGlobals();
});

/** The webview's Notification as the notification plugin uses it, with a permission to set. */
function fakeNotifications(permission: NotificationPermission) {
  const shown: string[] = [];
  vi.stubGlobal(
    "Notification",
    class {
      static permission = permission;
      static requestPermission = async () => permission;
      constructor(title: string) {
        shown.push(title);
      }
    },
  );
  return shown;
}

describe("Check now", () => {
  const task = (id: string, overdue: boolean): ReminderDto => ({ plan_id: 1, plan_name: "Acme", task_id: id, title: `Task ${id}`, due: "2027-03-01", overdue });

  it("sends the reminder and says so", async () => {
    mockIPC((cmd) => (cmd === "due_reminders" ? [task("A-1", true), task("A-2", false)] : null));
    const shown = fakeNotifications("granted");
    const outcome = await reminders.check(true);
    expect(shown).toEqual(["GoLive: 1 task overdue, 1 task due in the next 3 working days"]);
    expect(outcomeText(outcome)).toEqual({ text: "Reminder sent: 1 task overdue, 1 task due in the next 3 working days", tone: "info" });
  });

  it("says when nothing is due, and sends nothing", async () => {
    mockIPC((cmd) => (cmd === "due_reminders" ? [] : null));
    const shown = fakeNotifications("granted");
    expect(outcomeText(await reminders.check(true))?.text).toBe("Nothing overdue and nothing due in the next three working days");
    expect(shown).toEqual([]);
  });

  it("tells where to allow notifications when the desktop refuses them", async () => {
    mockIPC((cmd) => (cmd === "due_reminders" ? [task("A-1", true)] : false));
    const shown = fakeNotifications("denied");
    const said = outcomeText(await reminders.check(true));
    expect(said?.tone).toBe("error");
    expect(said?.text).toContain("allow them in your desktop's settings");
    expect(shown).toEqual([]);
  });

  it("names the error when the tasks cannot be read", async () => {
    mockIPC(() => {
      throw { kind: "internal", message: "database is locked" };
    });
    fakeNotifications("granted");
    expect(outcomeText(await reminders.check(true))).toEqual({ text: "The reminder could not be made: database is locked", tone: "error" });
  });

  it("the daily check stays quiet on a day it already reminded", async () => {
    mockIPC((cmd) => (cmd === "due_reminders" ? [task("A-1", true)] : null));
    const shown = fakeNotifications("granted");
    await reminders.check(true);
    expect(outcomeText(await reminders.check())).toBeNull();
    expect(shown).toHaveLength(1);
  });
});

describe("reminder notification text", () => {
  it("names overdue and upcoming tasks and stays silent when there are none", () => {
    expect(reminderText([])).toBeNull();
    const r = (id: string, overdue: boolean) => ({ plan_id: 1, plan_name: "Acme", task_id: id, title: `Task ${id}`, due: "2027-03-01", overdue });
    const text = reminderText([r("A-1", true), r("A-2", false), r("A-3", false), r("A-4", false)]);
    expect(text?.title).toBe("GoLive: 1 task overdue, 3 tasks due in the next 3 working days");
    expect(text?.body).toContain("A-1 Task A-1 (Acme)");
    expect(text?.body).toContain("and 1 more");
  });
});
