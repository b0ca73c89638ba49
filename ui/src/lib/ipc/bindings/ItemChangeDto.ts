import type { WaiverDto } from "./WaiverDto";
export type ItemChangeDto = { status?: string, owner?: string | null, pin_due?: string, unpin_due?: boolean, waiver?: WaiverDto | null, };
