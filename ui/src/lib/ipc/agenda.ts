import { call } from "./core";
import type { AgendaPlanDto } from "./bindings/AgendaPlanDto";

/** Every active plan's tasks due within `days` days, overdue or blocked; with `owner`, only
    that owner's (case ignored). */
export const agenda = (days: number, owner: string | null) => call<AgendaPlanDto[]>("agenda", { days, owner });
