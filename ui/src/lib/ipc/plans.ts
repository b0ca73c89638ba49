import { call } from "./core";
import type { PlanSummaryDto } from "./bindings/PlanSummaryDto";
import type { PlanDto } from "./bindings/PlanDto";
import type { NewPlanDto } from "./bindings/NewPlanDto";
import type { BoardDto } from "./bindings/BoardDto";

export const listPlans = (includeArchived: boolean) =>
  call<PlanSummaryDto[]>("list_plans", { includeArchived });
export const createPlan = (plan: NewPlanDto) => call<PlanDto>("create_plan", { plan });
export const renamePlan = (id: number, name: string) => call<PlanDto>("rename_plan", { id, name });
export const setPlanClient = (id: number, client: string | null) =>
  call<PlanDto>("set_plan_client", { id, client });
export const duplicatePlan = (id: number, name: string) =>
  call<PlanDto>("duplicate_plan", { id, name });
export const archivePlan = (id: number, archived: boolean) =>
  call<PlanDto>("archive_plan", { id, archived });
export const deletePlan = (id: number) => call<void>("delete_plan", { id });
export const planBoard = (id: number) => call<BoardDto>("plan_board", { id });
