// Pure helpers of export and import: what the Export menu offers with its default file
// names, what a toast says was written, and an import's preview or refusal in words.
import { fileSlug, formatDay, plural } from "../../lib/format";
import type { FieldChangeDto } from "../../lib/ipc/bindings/FieldChangeDto";
import type { ImportPlanDto } from "../../lib/ipc/bindings/ImportPlanDto";
import type { SheetFormatDto } from "../../lib/ipc/bindings/SheetFormatDto";

export type ExportKind = "ics" | SheetFormatDto;

export type ExportChoice = {
  kind: ExportKind;
  label: string;
  /** One line under the label: what the file is for. */
  hint: string;
  ext: "ics" | "xlsx" | "csv";
  /** The save dialog's file type. */
  filter: string;
};

/** The Export menu, in its order. */
export const EXPORTS: ExportChoice[] = [
  { kind: "ics", label: "Calendar (.ics)", hint: "Due dates and the launch, with reminders", ext: "ics", filter: "iCalendar" },
  { kind: "xlsx", label: "Spreadsheet (.xlsx)", hint: "The checklist as an Excel table", ext: "xlsx", filter: "Excel workbook" },
  { kind: "csv", label: "CSV", hint: "Comma-separated, for any tool", ext: "csv", filter: "CSV" },
  { kind: "csv-excel-german", label: "CSV for Excel (German)", hint: "Semicolons, as German Excel expects", ext: "csv", filter: "CSV" },
];

/** "acme-de-relaunch-timeline-2027-01-11.ics", "acme-de-relaunch-checklist-2027-01-11.xlsx" */
export function exportFileName(plan: string, day: string, choice: ExportChoice): string {
  return `${fileSlug(plan)}-${choice.kind === "ics" ? "timeline" : "checklist"}-${day}.${choice.ext}`;
}

/** The toast after an export: what went into which file. */
export function exportedText(choice: ExportChoice, count: number, file: string): string {
  return choice.kind === "ics"
    ? `Calendar exported: ${plural(count, "event")} to ${file}`
    : `Checklist exported: ${plural(count, "task")} to ${file}`;
}

/** "4 changes to 2 tasks from 3 rows" */
export function importSummary(p: ImportPlanDto): string {
  return `${plural(p.fields.length, "change")} to ${plural(p.tasks, "task")} from ${plural(p.rows, "row")}`;
}

export const FIELD_LABELS: Record<string, string> = { status: "Status", owner: "Owner", due: "Due" };

/** A value of the preview as the app shows it: dates in words, an empty owner said. */
export function fieldValue(c: FieldChangeDto, value: string, today: string): { text: string; empty: boolean } {
  if (value === "") return { text: c.field === "owner" ? "No owner" : "Empty", empty: true };
  const date = c.field === "due" ? /^(\d{4}-\d{2}-\d{2})(.*)$/.exec(value) : null;
  if (date) return { text: formatDay(date[1], today) + date[2], empty: false };
  return { text: value, empty: false };
}

export type Problem = { where: string | null; what: string };

/** An `invalid-import` message: its first line says the sheet was refused, each further line
    one problem ("line 4, column Status: unknown status …"). */
export function importProblems(message: string): Problem[] {
  const lines = message.split("\n").map((l) => l.trim()).filter(Boolean);
  const problems = lines.length > 1 ? lines.slice(1) : lines;
  return problems.map((line) => {
    const m = /^(line \d+(?:, column [^:]+)?): (.*)$/s.exec(line);
    return m ? { where: m[1][0].toUpperCase() + m[1].slice(1), what: m[2] } : { where: null, what: line };
  });
}

