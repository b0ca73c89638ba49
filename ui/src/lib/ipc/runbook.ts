import { call } from "./core";
import type { NewRunbookStepDto } from "./bindings/NewRunbookStepDto";
import type { RunbookDto } from "./bindings/RunbookDto";
import type { RunbookEditDto } from "./bindings/RunbookEditDto";

/** The go-live day's runbook as it stands now (the shell's clock). */
export const runbook = (planId: number) => call<RunbookDto>("runbook", { planId });

/** Checks a step off at this moment (or takes the check-off back): the runbook after it. */
export const checkRunbookStep = (planId: number, stepId: string, undo: boolean) =>
  call<RunbookDto>("check_runbook_step", { planId, stepId, undo });

/** Adds a step of the plan's own (the shell gives it its R-nn id): the runbook with it. */
export const addRunbookStep = (planId: number, step: NewRunbookStepDto) =>
  call<RunbookDto>("add_runbook_step", { planId, step });

/** Changes a step (own or the template's); a field left out stays, "" clears it. */
export const editRunbookStep = (planId: number, stepId: string, edit: RunbookEditDto) =>
  call<RunbookDto>("edit_runbook_step", { planId, stepId, edit });

/** Takes a step out of the runbook (its history stays): the runbook without it. */
export const removeRunbookStep = (planId: number, stepId: string) =>
  call<RunbookDto>("remove_runbook_step", { planId, stepId });

/** Puts a removed step back (Undo of a removal): the runbook with it again. */
export const restoreRunbookStep = (planId: number, stepId: string) =>
  call<RunbookDto>("restore_runbook_step", { planId, stepId });
