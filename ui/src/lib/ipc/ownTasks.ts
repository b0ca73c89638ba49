// A plan's own tasks: add one (the shell gives it its X-nn id), change its definition, and
// remove it (one with evidence only when confirmed; otherwise kind `has-evidence`).
import { call } from "./core";
import type { NewOwnTaskDto } from "./bindings/NewOwnTaskDto";
import type { OwnTaskEditDto } from "./bindings/OwnTaskEditDto";
import type { RemovedOwnTaskDto } from "./bindings/RemovedOwnTaskDto";
import type { TaskDto } from "./bindings/TaskDto";

export const addOwnTask = (planId: number, task: NewOwnTaskDto) => call<TaskDto>("add_own_task", { planId, task });
export const editOwnTask = (planId: number, taskId: string, edit: OwnTaskEditDto) =>
  call<TaskDto>("edit_own_task", { planId, taskId, edit });
export const removeOwnTask = (planId: number, taskId: string, confirmed: boolean) =>
  call<RemovedOwnTaskDto>("remove_own_task", { planId, taskId, confirmed });
