import { call } from "./core";
import type { SettingsDto } from "./bindings/SettingsDto";
import type { ReminderDto } from "./bindings/ReminderDto";
import type { VocabularyDto } from "./bindings/VocabularyDto";

export const getSettings = () => call<SettingsDto>("get_settings");
export const saveSettings = (settings: SettingsDto) =>
  call<SettingsDto>("save_settings", { settings });
/** The RFC 3161 timestamp authority's URL report signatures are stamped by; null: none. */
export const getTimestampAuthority = () => call<string | null>("get_timestamp_authority");
/** Sets (a checked http(s) URL) or clears (null or empty) the timestamp authority. */
export const setTimestampAuthority = (url: string | null) => call<void>("set_timestamp_authority", { url });
export const listZones = () => call<string[]>("list_zones");
/** Writes a consistent copy of the database; progress arrives as `backup-progress` events. */
export const backupNow = (path: string) => call<string>("backup_now", { path });
export const dueReminders = () => call<ReminderDto[]>("due_reminders");
/** Every status, verdict, phase, area, decision and check with the word the UI shows. */
export const vocabulary = () => call<VocabularyDto>("vocabulary");
