import { call } from "./core";
import type { ItemChangeDto } from "./bindings/ItemChangeDto";
import type { TaskDto } from "./bindings/TaskDto";

export const updateItem = (planId: number, taskId: string, change: ItemChangeDto) =>
  call<TaskDto>("update_item", { planId, taskId, change });
