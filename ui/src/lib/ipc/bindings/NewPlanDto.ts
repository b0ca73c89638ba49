export type NewPlanDto = { name: string, client: string | null, launch_local: string, zone: string, pentest: string | null, working_days: Array<string>, };
