export type MoveDto = { task_id: string, title: string, old: string, new: string, window_passed: boolean, };
