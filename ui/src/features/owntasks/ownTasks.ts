// The own-task form's due rule: the three kinds the form offers and the shell's `OwnDue`.
import type { OwnDue } from "../../lib/ipc/bindings/OwnDue";

export type DueKind = "phase" | "offset" | "date";

/** The rule the form's fields give. */
export function dueOf(kind: DueKind, offset: number, date: string): OwnDue {
  if (kind === "offset") return { kind: "offset", value: Math.trunc(Number(offset) || 0) };
  if (kind === "date") return { kind: "date", value: date };
  return { kind: "phase" };
}

/** The form's fields for a rule. */
export function dueFormOf(due: OwnDue): { kind: DueKind; offset: number; date: string } {
  switch (due.kind) {
    case "offset":
      return { kind: "offset", offset: due.value, date: "" };
    case "date":
      return { kind: "date", offset: -14, date: due.value };
    default:
      return { kind: "phase", offset: -14, date: "" };
  }
}

/** "12 days before launch", "launch day", "3 days after launch", or the date. */
export function dueRuleText(due: OwnDue): string {
  switch (due.kind) {
    case "offset":
      if (due.value < 0) return `${-due.value} days before launch`;
      if (due.value === 0) return "launch day";
      return `${due.value} days after launch`;
    case "date":
      return `fixed: ${due.value}`;
    default:
      return "phase deadline";
  }
}
