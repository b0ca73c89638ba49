export type CountsDto = { total: number, done: number, not_applicable: number, open: number, in_progress: number, blocked: number, overdue: number, blocking_open: number, waived: number, };
