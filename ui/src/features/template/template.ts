// Pure helpers of the template update: a changed field's name and values in words, long texts
// shortened, which done tasks will ask to be confirmed again, and what a toast says.
import { plural } from "../../lib/format";
import type { Status } from "../../lib/ipc/bindings/Status";
import type { TemplateDiffDto } from "../../lib/ipc/bindings/TemplateDiffDto";

export const FIELD_LABELS: Record<string, string> = {
  phase: "Phase",
  area: "Area",
  title: "Title",
  guidance: "Guidance",
  blocking: "Blocks the go-live",
  due: "Due",
  evidence: "Evidence",
  probes: "Probes",
  steps: "Steps",
  depends_on: "Depends on",
};

/** Longer than this, a value shows its start and offers the whole text. */
export const SHORT = 110;

/** A value as the dialog shows it: shortened at a word when long, an empty one said. */
export function shown(value: string): { text: string; cut: boolean; empty: boolean } {
  if (value.trim() === "") return { text: "None", cut: false, empty: true };
  if (value.length <= SHORT) return { text: value, cut: false, empty: false };
  const at = value.lastIndexOf(" ", SHORT);
  return { text: `${value.slice(0, at > SHORT / 2 ? at : SHORT).trimEnd()}…`, cut: true, empty: false };
}

/** The plan's id of a task the new version names: a renamed task is still under its old id. */
export function oldId(diff: TemplateDiffDto, id: string): string {
  return diff.renamed.find((r) => r.new === id)?.old ?? id;
}

/** Done tasks whose requirements changed: the update asks to confirm them again. */
export function toReconfirm(diff: TemplateDiffDto, status: (id: string) => Status | undefined): string[] {
  return diff.changed.filter((c) => c.reconfirm && status(oldId(diff, c.id)) === "done").map((c) => c.id);
}

/** The toast after an update: "Checklist updated to 2099.01: 1 added, 1 retired". */
export function appliedText(diff: TemplateDiffDto): string {
  const parts = [
    diff.added.length && `${diff.added.length} added`,
    diff.removed.length && `${diff.removed.length} retired`,
    diff.renamed.length && `${diff.renamed.length} renamed`,
    diff.changed.length && `${diff.changed.length} changed`,
  ].filter(Boolean);
  return `Checklist updated to version ${diff.new_version}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

/** "1 task", "3 tasks" */
export const tasks = (n: number) => plural(n, "task");
