import { call } from "./core";
import type { ItemChangeDto } from "./bindings/ItemChangeDto";
import type { Status } from "./bindings/Status";
import type { TaskDto } from "./bindings/TaskDto";

export const updateItem = (planId: number, taskId: string, change: ItemChangeDto) =>
  call<TaskDto>("update_item", { planId, taskId, change });
export const setStatus = (planId: number, taskId: string, status: Status) =>
  updateItem(planId, taskId, { status });
export const setOwner = (planId: number, taskId: string, owner: string | null) =>
  updateItem(planId, taskId, { owner });
