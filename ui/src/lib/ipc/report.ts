import { call } from "./core";
import type { DecisionFormDto } from "./bindings/DecisionFormDto";
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
/** Records `name`'s decision: a go with conditions needs at least one condition (each becomes
    a task), a No-Go its reason (`text`); `report`, an exported report of this plan it is made
    on. Answers the stakeholder with the decision's condition tasks. */
export const decide = (planId: number, name: string, form: DecisionFormDto) => call<StakeholderDto>("decide", { planId, name, form });
export const exportReport = (planId: number, path: string) => call<ExportedDto>("export_report", { planId, path });
export const openReport = (path: string) => call<void>("open_report", { path });
export const verifyReport = (path: string) => call<VerificationDto>("verify_report", { path });
