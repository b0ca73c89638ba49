// The runbook's live mode arithmetic: the countdown's words and a step's state in words. Not
// for deciding states or missed checkpoints: the library does that (`golive::plan::runbook`).
import type { RunbookDto } from "../../lib/ipc/bindings/RunbookDto";
import type { RunbookStepDto } from "../../lib/ipc/bindings/RunbookStepDto";
import type { StepState } from "../../lib/ipc/bindings/StepState";

export const STATE_LABEL: Record<StepState, string> = {
  done: "Done",
  missed: "Checkpoint missed",
  late: "Late",
  current: "Now",
  upcoming: "Upcoming",
};

/** "Launch in 3 d 4 h 12 min", "Launch in 45 min", "Launched 2 h 5 min ago". */
export function countdown(minutesToLaunch: number): string {
  const m = Math.abs(Math.round(minutesToLaunch));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  const parts = [days ? `${days} d` : "", hours ? `${hours} h` : "", days && !hours && !mins ? "" : `${mins} min`].filter(Boolean);
  const span = parts.join(" ");
  if (minutesToLaunch > 0) return `Launch in ${span}`;
  if (m === 0) return "Launch now";
  return `Launched ${span} ago`;
}

/** The step with this id, if the runbook has it. */
export function step(rb: RunbookDto, id: string | null): RunbookStepDto | undefined {
  return id ? rb.steps.find((s) => s.id === id) : undefined;
}

/** "Checked off at 06:02 by Mira (2 min late)", the time in the plan's zone. */
export function checkedText(s: RunbookStepDto): string {
  if (!s.checked_at) return "";
  // In the plan's zone, as the steps' own times are: a consultant abroad reads one clock.
  const time = s.checked_local_time ?? s.checked_at;
  const by = s.checked_by ? ` by ${s.checked_by}` : "";
  const late = s.checked_late_minutes && s.checked_late_minutes > 0 ? ` (${s.checked_late_minutes} min late)` : "";
  return `Checked off at ${time}${by}${late}`;
}
