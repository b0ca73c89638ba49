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

class Reminders {
  enabled = $state(true);
  lastDay = "";
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Notifies now (when `force`) or when the day changed since the last reminder. */
  async check(force = false) {
    const today = isoDay(new Date());
    if (!force && (this.lastDay === today || !this.enabled)) return;
    this.lastDay = today;
    try {
      const text = reminderText(await dueReminders());
      if (!text) return;
      let granted = await isPermissionGranted();
      if (!granted) granted = (await requestPermission()) === "granted";
      if (granted) sendNotification(text);
    } catch {
      // A reminder that cannot be shown must never disturb the work; the header shows the same counts.
    }
  }

  start() {
    void this.check();
    this.timer ??= setInterval(() => void this.check(), 15 * 60 * 1000);
  }
}

export const reminders = new Reminders();
