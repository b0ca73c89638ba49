// The export and import commands: the plan's calendar and checklist out to a file the save
// dialog named, and changes back from a sheet, previewed before they are applied; the whole
// plan as a bundle, and a bundle back in.
import { call } from "./core";
import type { BundleDto } from "./bindings/BundleDto";
import type { ImportOutcomeDto } from "./bindings/ImportOutcomeDto";
import type { ImportPlanDto } from "./bindings/ImportPlanDto";
import type { SheetFormatDto } from "./bindings/SheetFormatDto";

/** Writes the timeline as .ics with a reminder `alarmDays` before each open task (0: none;
    null: the library's default); answers the number of events. */
export const exportCalendar = (planId: number, path: string, alarmDays: number | null = null) =>
  call<number>("export_calendar", { planId, path, alarmDays });
/** Writes the checklist as CSV or XLSX; answers the number of task rows. */
export const exportSheet = (planId: number, path: string, format: SheetFormatDto) =>
  call<number>("export_sheet", { planId, path, format });
/** What importing the .csv or .xlsx at `path` would change; nothing is written. A sheet with
    problems is refused with kind `invalid-import`, one problem per line of the message. */
export const previewImport = (planId: number, path: string) => call<ImportPlanDto>("preview_import", { planId, path });
/** Applies the sheet's changes, all or nothing. */
export const importSheet = (planId: number, path: string) => call<ImportPlanDto>("import_sheet", { planId, path });
/** Writes the whole plan (tasks, evidence files, history, sign-offs, probe runs) as a bundle. */
export const exportBundle = (planId: number, path: string) => call<BundleDto>("export_bundle", { planId, path });
/** Imports a bundle as a new plan (named `name` if given) or, with `merge`, into the plan it
    came from. A plan already here is refused with kind `plan-exists`, a bundle cut short or
    altered with `invalid-bundle`. */
export const importBundle = (path: string, merge: boolean, name: string | null = null) =>
  call<ImportOutcomeDto>("import_bundle", { path, merge, name });
