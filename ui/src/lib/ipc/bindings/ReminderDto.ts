export type ReminderDto = { plan_id: number, plan_name: string, task_id: string, title: string, due: string, overdue: boolean, };
