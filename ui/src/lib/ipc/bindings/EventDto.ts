export type EventDto = { at: string, who: string, action: string, task_id: string | null, field: string | null, old: string | null, new: string | null, };
