// Reminders: on start and once a day while the app is open, a native notification naming
// tasks due in the next three working days and overdue ones. Off when the user says so.
import { isPermissionGranted, requestPermission, sendNotification } from "@tauri-apps/plugin-notification";
import { dueReminders } from "../../lib/ipc/settings";
import type { ReminderDto } from "../../lib/ipc/bindings/ReminderDto";
import { isoDay, plural } from "../../lib/format";

/** The notification's words, or null when there is nothing to say. */
export function reminderText(list: ReminderDto[]): { title: string; body: string } | null {
  if (list.length === 0) return null;
  const overdue = list.filter((r) => r.overdue);
  const soon = list.filter((r) => !r.overdue);
  const parts = [];
  if (overdue.length) parts.push(`${plural(overdue.length, "task")} overdue`);
  if (soon.length) parts.push(`${plural(soon.length, "task")} due in the next 3 working days`);
  const names = list.slice(0, 3).map((r) => `${r.task_id} ${r.title} (${r.plan_name})`);
  const more = list.length > 3 ? `\n…and ${list.length - 3} more` : "";
  return { title: `GoLive: ${parts.join(", ")}`, body: names.join("\n") + more };
}

export type ReminderOutcome =
  | { kind: "skipped" }
  | { kind: "nothing" }
  | { kind: "denied" }
  | { kind: "sent"; title: string }
  | { kind: "failed"; message: string };

/** What "Check now" tells the user, with the toast's tone. */
export function outcomeText(o: ReminderOutcome): { text: string; tone: "ok" | "info" | "error" } | null {
  switch (o.kind) {
    case "skipped":
      return null;
    case "nothing":
      return { text: "Nothing overdue and nothing due in the next three working days", tone: "ok" };
    case "denied":
      return { text: "Notifications are turned off for GoLive Planner; allow them in your desktop's settings", tone: "error" };
    case "sent":
      return { text: `Reminder sent: ${o.title.replace(/^GoLive: /, "")}`, tone: "info" };
    case "failed":
      return { text: `The reminder could not be made: ${o.message}`, tone: "error" };
  }
}

class Reminders {
  enabled = $state(true);
  lastDay = "";
  private timer: ReturnType<typeof setInterval> | null = null;

  /**
   * Notifies now (when `force`) or when the day changed since the last reminder. Says what
   * happened, so "Check now" can tell the user; the daily check ignores it.
   */
  async check(force = false): Promise<ReminderOutcome> {
    const today = isoDay(new Date());
    if (!force && (this.lastDay === today || !this.enabled)) return { kind: "skipped" };
    this.lastDay = today;
    try {
      const text = reminderText(await dueReminders());
      if (!text) return { kind: "nothing" };
      let granted = await isPermissionGranted();
      if (!granted) granted = (await requestPermission()) === "granted";
      if (!granted) return { kind: "denied" };
      sendNotification(text);
      return { kind: "sent", title: text.title };
    } catch (e) {
      // Only "Check now" tells the user: the daily reminder failing must never disturb the
      // work, and the header shows the same counts.
      return { kind: "failed", message: (e as { message?: string }).message ?? String(e) };
    }
  }

  start() {
    void this.check();
    this.timer ??= setInterval(() => void this.check(), 15 * 60 * 1000);
  }
}

export const reminders = new Reminders();
