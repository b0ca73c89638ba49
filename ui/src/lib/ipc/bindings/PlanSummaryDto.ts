export type PlanSummaryDto = { id: number, name: string, client: string | null, launch_local: string, launch_date: string, zone: string, days_to_launch: number, verdict: string, archived: boolean, };
