import type { CountsDto } from "./CountsDto";
import type { ReasonDto } from "./ReasonDto";
export type ReadinessDto = { verdict: string, verdict_label: string, reasons: Array<ReasonDto>, counts: CountsDto, days_to_launch: number, };
