import { call } from "./core";
import type { SettingsDto } from "./bindings/SettingsDto";
import type { ReminderDto } from "./bindings/ReminderDto";
import type { VocabularyDto } from "./bindings/VocabularyDto";

export const getSettings = () => call<SettingsDto>("get_settings");
export const saveSettings = (settings: SettingsDto) =>
  call<SettingsDto>("save_settings", { settings });
export const listZones = () => call<string[]>("list_zones");
/** Writes a consistent copy of the database; progress arrives as `backup-progress` events. */
export const backupNow = (path: string) => call<string>("backup_now", { path });
export const dueReminders = () => call<ReminderDto[]>("due_reminders");
/** Every status, verdict, phase, area, decision and check with the word the UI shows. */
export const vocabulary = () => call<VocabularyDto>("vocabulary");
