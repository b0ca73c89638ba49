export type SettingsDto = { user_name: string, default_zone: string, working_days: Array<string>, reminders: boolean, db_path: string, data_dir: string, };
