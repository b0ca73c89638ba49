export type ReasonDto = { kind: string, message: string, task_ids: Array<string>, };
