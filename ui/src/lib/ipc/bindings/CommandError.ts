export type CommandError = { kind: string, message: string, };
