// Test data for the UI's unit tests: a task as the Rust side sends it.
import type { TaskDto } from "./ipc/bindings/TaskDto";

export function task(over: Partial<TaskDto> = {}): TaskDto {
  return {
    id: "GEN-01",
    title: "Share the go-live date",
    phase: "8w",
    phase_label: "Eight weeks before",
    area: "GEN",
    area_label: "General",
    guidance: "Tell the platform team the date and time.",
    source: "Preparation for going live",
    evidence_hint: "",
    blocking: false,
    steps: [],
    probes: [],
    depends_on: [],
    status: "todo",
    owner: null,
    due: "2027-01-18",
    computed_due: "2027-01-18",
    pinned: false,
    window_passed: false,
    overdue: false,
    waived: false,
    waiver: null,
    evidence_count: 0,
    ...over,
  };
}
