import { call } from "./core";
import type { RunbookDto } from "./bindings/RunbookDto";

/** The go-live day's runbook as it stands now (the shell's clock). */
export const runbook = (planId: number) => call<RunbookDto>("runbook", { planId });

/** Checks a step off at this moment (or takes the check-off back): the runbook after it. */
export const checkRunbookStep = (planId: number, stepId: string, undo: boolean) =>
  call<RunbookDto>("check_runbook_step", { planId, stepId, undo });
