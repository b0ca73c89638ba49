// Pure helpers of export and import: what the Export menu offers with its default file
// names, what a toast says was written, an import's preview or refusal in words, and what a
// plan bundle brought in.
import { fileSlug, formatDay, plural } from "../../lib/format";
import type { ImportOutcomeDto } from "../../lib/ipc/bindings/ImportOutcomeDto";
import type { FieldChangeDto } from "../../lib/ipc/bindings/FieldChangeDto";
import type { ImportPlanDto } from "../../lib/ipc/bindings/ImportPlanDto";
import type { SheetFormatDto } from "../../lib/ipc/bindings/SheetFormatDto";

export type ExportKind = "ics" | SheetFormatDto | "bundle";

export type ExportChoice = {
  kind: ExportKind;
  label: string;
  /** One line under the label: what the file is for. */
  hint: string;
  ext: "ics" | "xlsx" | "csv" | "golive";
  /** The save dialog's file type. */
  filter: string;
};

/** The Export menu, in its order. */
export const EXPORTS: ExportChoice[] = [
  { kind: "ics", label: "Calendar (.ics)", hint: "Due dates and the launch, with reminders", ext: "ics", filter: "iCalendar" },
  { kind: "xlsx", label: "Spreadsheet (.xlsx)", hint: "The checklist as an Excel table", ext: "xlsx", filter: "Excel workbook" },
  { kind: "csv", label: "CSV", hint: "Comma-separated, for any tool", ext: "csv", filter: "CSV" },
  { kind: "csv-excel-german", label: "CSV for Excel (German)", hint: "Semicolons, as German Excel expects", ext: "csv", filter: "CSV" },
  { kind: "bundle", label: "Plan bundle (.golive)", hint: "The whole plan and its evidence files", ext: "golive", filter: "GoLive plan bundle" },
];

/** What an export holds, for its file name and its save dialog's title. */
function contents(kind: ExportKind): string {
  return kind === "ics" ? "timeline" : kind === "bundle" ? "plan" : "checklist";
}

/** The save dialog's title: "Export the checklist as CSV". */
export function exportTitle(choice: ExportChoice): string {
  return choice.kind === "bundle" ? "Export the whole plan as a bundle" : `Export the ${contents(choice.kind)} as ${choice.label}`;
}

/** "acme-de-relaunch-timeline-2027-01-11.ics", "acme-de-relaunch-checklist-2027-01-11.xlsx",
    "acme-de-relaunch-plan-2027-01-11.golive" */
export function exportFileName(plan: string, day: string, choice: ExportChoice): string {
  return `${fileSlug(plan)}-${contents(choice.kind)}-${day}.${choice.ext}`;
}

/** The toast after an export: what went into which file. */
export function exportedText(choice: ExportChoice, count: number, file: string): string {
  if (choice.kind === "ics") return `Calendar exported: ${plural(count, "event")} to ${file}`;
  if (choice.kind === "bundle") return `Plan bundle written: ${plural(count, "evidence file")} to ${file}`;
  return `Checklist exported: ${plural(count, "task")} to ${file}`;
}

/** The toast after a bundle came in: a new plan, or what a merge added and took. */
export function bundleImportedText(o: ImportOutcomeDto, plan: string): string {
  if (!o.merged) return `Plan “${plan}” imported with ${plural(o.evidence_added, "evidence item")}`;
  const added: [number, string, string?][] = [
    [o.evidence_added, "evidence item"],
    [o.events_added, "history entry", "history entries"],
    [o.stakeholders_added, "stakeholder"],
    [o.decisions_added, "decision"],
    [o.runs_added, "probe run"],
    [o.people_added, "person", "people"],
  ];
  const parts = added.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  if (o.fields_taken.length > 0) parts.push(`took ${o.fields_taken.join(", ")}`);
  if (o.renumbered.length > 0) parts.push(`own tasks under new ids ${o.renumbered.join(", ")}`);
  return parts.length === 0 ? `“${plan}” already had everything in the bundle` : `Merged into “${plan}”: ${parts.join(", ")}`;
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

