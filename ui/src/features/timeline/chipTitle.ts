// A timeline chip's tooltip: what the task is, then how it stands, on two lines.
import { dueText } from "../../lib/format";
import type { TaskDto } from "../../lib/ipc/bindings/TaskDto";

/** A real line break: "\n" written in the attribute's text reached the tooltip as "\" and "n". */
export function chipTitle(t: TaskDto, today: string, status: string): string {
  const flags = `${t.overdue ? " · overdue" : ""}${t.window_passed ? " · window passed" : ""}`;
  return `${t.id} ${t.title}\n${status} · due ${dueText(t.due, today)}${flags}`;
}
