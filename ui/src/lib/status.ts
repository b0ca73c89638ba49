// Status and verdict vocabulary: every colour comes with a word and an icon.

export type StatusKey = "todo" | "in-progress" | "done" | "blocked" | "n/a";

export const STATUSES: { key: StatusKey; label: string; icon: string }[] = [
  { key: "todo", label: "To do", icon: "circle" },
  { key: "in-progress", label: "In progress", icon: "half" },
  { key: "done", label: "Done", icon: "check" },
  { key: "blocked", label: "Blocked", icon: "block" },
  { key: "n/a", label: "Not applicable", icon: "dash" },
];

export function statusLabel(key: string): string {
  return STATUSES.find((s) => s.key === key)?.label ?? key;
}

/** Space on a row: done ↔ to do (anything open becomes done). */
export function toggledStatus(key: string): StatusKey {
  return key === "done" ? "todo" : "done";
}

export const VERDICTS: Record<string, { label: string; tone: string }> = {
  ready: { label: "Ready", tone: "ready" },
  "ready-with-risks": { label: "Ready with risks", tone: "risks" },
  "not-ready": { label: "Not ready", tone: "notready" },
};

export function verdictLabel(key: string): string {
  return VERDICTS[key]?.label ?? key;
}
