import { call } from "./core";
import type { MoveDto } from "./bindings/MoveDto";
import type { EventDto } from "./bindings/EventDto";

export const previewReschedule = (planId: number, launchLocal: string, zone: string) =>
  call<MoveDto[]>("preview_reschedule", { planId, launchLocal, zone });
export const reschedule = (planId: number, launchLocal: string, zone: string) =>
  call<MoveDto[]>("reschedule", { planId, launchLocal, zone });
/** Undo of a reschedule: the launch it replaced, and the day that launch had been set on. */
export const restoreLaunch = (planId: number, launchLocal: string, zone: string, plannedOn: string) =>
  call<MoveDto[]>("restore_launch", { planId, launchLocal, zone, plannedOn });
export const history = (planId: number, taskId: string | null) =>
  call<EventDto[]>("history", { planId, taskId });
