import { call } from "./core";
import type { Decision } from "./bindings/Decision";
import type { StakeholderDto } from "./bindings/StakeholderDto";
import type { ExportedDto } from "./bindings/ExportedDto";
import type { VerificationDto } from "./bindings/VerificationDto";

/** The event Export sends, a `ReportProgressDto`: gathering, rendering, done. */
export const REPORT_PROGRESS = "report-progress";

export const listStakeholders = (planId: number) => call<StakeholderDto[]>("list_stakeholders", { planId });
export const addStakeholder = (planId: number, name: string, role: string, email: string | null) =>
  call<StakeholderDto>("add_stakeholder", { planId, name, role, email });
/** Removes the stakeholder and their decisions; the plan's history keeps both. */
export const removeStakeholder = (planId: number, name: string) => call<void>("remove_stakeholder", { planId, name });
/** `go-with-conditions` needs `conditions`; `on` is YYYY-MM-DD. */
export const decide = (planId: number, name: string, decision: Decision, conditions: string | null, on: string) =>
  call<StakeholderDto>("decide", { planId, name, decision, conditions, on });
export const exportReport = (planId: number, path: string) => call<ExportedDto>("export_report", { planId, path });
export const openReport = (path: string) => call<void>("open_report", { path });
export const verifyReport = (path: string) => call<VerificationDto>("verify_report", { path });
