import { call } from "./core";
import type { TaskChangeDto } from "./bindings/TaskChangeDto";
import type { ItemChangeDto } from "./bindings/ItemChangeDto";
import type { TaskDto } from "./bindings/TaskDto";

export const updateItem = (planId: number, taskId: string, change: ItemChangeDto) =>
  call<TaskDto>("update_item", { planId, taskId, change });
/** Each task's change in one transaction: a bulk edit, or its undo with the old values. */
export const updateItems = (planId: number, changes: TaskChangeDto[]) =>
  call<number>("update_items", { planId, changes });
