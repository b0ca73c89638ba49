// Pure helpers of the Report view: how a decision looks, a verification in words, the
// default file name of an export. The decisions' words are the library's (lib/vocabulary).
import type { Decision } from "../../lib/ipc/bindings/Decision";
import type { VerificationDto } from "../../lib/ipc/bindings/VerificationDto";

/** The colour of each decision's button, as the verdict it leads to. */
export const DECISION_TONES: Record<Decision, string> = {
  go: "ready",
  "go-with-conditions": "risks",
  "no-go": "notready",
};

/** "acme-de-relaunch-readiness-2026-11-26.pdf" */
export function reportFileName(plan: string, day: string): string {
  const slug = plan.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "plan";
  return `${slug}-readiness-${day}.pdf`;
}

export type Line = { ok: boolean; text: string };

/** Each finding of a verification as a line with a clear yes/no, seal last. */
export function verificationLines(v: VerificationDto): Line[] {
  const out: Line[] = [];
  if (v.signatures.length === 0) out.push({ ok: false, text: "No digital signature found" });
  for (const s of v.signatures) {
    out.push({ ok: s.valid, text: s.valid ? `Signature by ${s.signer} is valid` : `Signature by ${s.signer} is NOT valid` });
    out.push({
      ok: s.covers_whole_document,
      text: s.covers_whole_document ? "Covers the whole document" : "Does NOT cover the whole document: content was added after signing",
    });
  }
  if (v.seal_valid === null) out.push({ ok: false, text: "No sealed report data embedded" });
  else out.push({
    ok: v.seal_valid,
    text: v.seal_valid ? `Embedded data matches its seal${v.sealed_by ? ` (sealed by ${v.sealed_by})` : ""}` : `Embedded data does NOT match its seal${v.seal_problem ? `: ${v.seal_problem}` : ""}`,
  });
  return out;
}
