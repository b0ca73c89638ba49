import type { PlanDto } from "./PlanDto";
import type { ReadinessDto } from "./ReadinessDto";
import type { TaskDto } from "./TaskDto";
export type BoardDto = { plan: PlanDto, today: string, compressed: boolean, tasks: Array<TaskDto>, readiness: ReadinessDto, };
