export type WaiverDto = { reason: string, until: string, };
