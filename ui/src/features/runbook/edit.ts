// What the runbook editor sends: a new step from the form, or only the fields of a step the
// form changed (the shell records one history entry per changed field, so an untouched field
// must not travel), and the edit that puts a step back for Undo. Not for checking the input:
// the form (`when.ts`) and the shell do that.
import type { NewRunbookStepDto } from "../../lib/ipc/bindings/NewRunbookStepDto";
import type { RunbookEditDto } from "../../lib/ipc/bindings/RunbookEditDto";
import type { RunbookStepDto } from "../../lib/ipc/bindings/RunbookStepDto";

/** The form's fields, trimmed; "" is "none". */
export type StepValues = {
  title: string;
  minutes: number;
  owner: string;
  checkpoint: string;
  taskId: string;
  dnsSwitch: boolean;
};

const some = (text: string) => (text === "" ? undefined : text);

/** A new step of the plan's own. */
export function newStepOf(v: StepValues): NewRunbookStepDto {
  return { title: v.title, at_minutes: v.minutes, owner: some(v.owner), checkpoint: some(v.checkpoint), task_id: some(v.taskId), dns_switch: v.dnsSwitch };
}

/** The fields that differ from the step as it is; null when nothing changed. */
export function editOf(step: RunbookStepDto, v: StepValues): RunbookEditDto | null {
  const edit: RunbookEditDto = {};
  if (v.title !== step.title) edit.title = v.title;
  if (v.minutes !== step.at_minutes) edit.at_minutes = v.minutes;
  if (v.owner !== (step.owner ?? "")) edit.owner = v.owner;
  if (v.checkpoint !== (step.checkpoint ?? "")) edit.checkpoint = v.checkpoint;
  if (v.taskId !== (step.task_id ?? "")) edit.task_id = v.taskId;
  if (v.dnsSwitch !== step.dns_switch) edit.dns_switch = v.dnsSwitch;
  return Object.keys(edit).length > 0 ? edit : null;
}

/** The edit that gives `edit`'s fields back the values `before` had (Undo). */
export function undoOf(before: RunbookStepDto, edit: RunbookEditDto): RunbookEditDto {
  const undo: RunbookEditDto = {};
  if (edit.title !== undefined) undo.title = before.title;
  if (edit.at_minutes !== undefined) undo.at_minutes = before.at_minutes;
  if (edit.owner !== undefined) undo.owner = before.owner ?? "";
  if (edit.checkpoint !== undefined) undo.checkpoint = before.checkpoint ?? "";
  if (edit.task_id !== undefined) undo.task_id = before.task_id ?? "";
  if (edit.dns_switch !== undefined) undo.dns_switch = before.dns_switch;
  return undo;
}

/** "owner and time" — what an edit changed, in words for its toast. */
export function changedText(edit: RunbookEditDto): string {
  const words: [keyof RunbookEditDto, string][] = [
    ["title", "title"], ["at_minutes", "time"], ["owner", "owner"], ["checkpoint", "checkpoint"], ["task_id", "task"], ["dns_switch", "DNS switch"],
  ];
  const names = words.filter(([k]) => edit[k] !== undefined).map(([, w]) => w);
  return names.length <= 1 ? (names[0] ?? "nothing") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
