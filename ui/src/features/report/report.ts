// Pure helpers of the Report view: how a decision looks, a verification in words (each
// signature with its time and whose clock that is), the default file name of an export.
// The decisions' words are the library's (lib/vocabulary).
import type { Decision } from "../../lib/ipc/bindings/Decision";
import type { SignatureDto } from "../../lib/ipc/bindings/SignatureDto";
import type { VerificationDto } from "../../lib/ipc/bindings/VerificationDto";
import { fileSlug, formatTimestamp } from "../../lib/format";

/** The colour of each decision's button, as the verdict it leads to. */
export const DECISION_TONES: Record<Decision, string> = {
  go: "ready",
  "go-with-conditions": "risks",
  "no-go": "notready",
};

/** "acme-de-relaunch-readiness-2026-11-26.pdf" */
export function reportFileName(plan: string, day: string): string {
  return `${fileSlug(plan)}-readiness-${day}.pdf`;
}

export type Line = { ok: boolean; text: string };

/** A certificate subject's common name ("CN=Marta Nowak,O=Acme" → "Marta Nowak"), else the
    subject as it is. */
export function commonName(subject: string): string {
  const cn = /(?:^|[,+;])\s*CN\s*=\s*((?:\\.|[^,+;\\])+)/i.exec(subject);
  return cn ? cn[1].replace(/\\(.)/g, "$1").trim() : subject;
}

/** A signature judged by `valid` alone: an earlier signature that a later, legitimate one
    follows no longer covers the whole file, and is valid all the same. */
export function signatureLine(s: SignatureDto): Line {
  const who = commonName(s.signer) || s.field;
  if (s.valid) return { ok: true, text: `Signature by ${who} is valid` };
  return { ok: false, text: `Signature by ${who} is NOT valid${s.problems.length ? `: ${s.problems.join("; ")}` : ""}` };
}

const PDF_DATE = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/;

/** A signing time as RFC 3339: the library gives the CMS time so, and a PDF's own entry
    ("D:20261201085747+00'00'", when the signature has no CMS time) as the PDF wrote it. */
export function isoTime(t: string): string {
  const m = PDF_DATE.exec(t);
  if (!m) return t;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", sec = "00", z] = m;
  // Without an offset the PDF does not say which zone; the computer's is as good a guess.
  const zone = z === undefined ? "" : z === "Z" ? "Z" : `${z.slice(0, 3)}:${z.slice(3).replace(/'/g, "").padEnd(2, "0")}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${sec}${zone}`;
}

/** When it was signed, and whose clock says so. */
export function signedWhen(s: SignatureDto): string {
  if (s.timestamp) {
    const by = s.timestamp_authority ? commonName(s.timestamp_authority) : "an unnamed authority";
    return `Signed ${formatTimestamp(isoTime(s.timestamp))} — trusted timestamp by ${by}`;
  }
  return `${s.time ? `Signed ${formatTimestamp(isoTime(s.time))}` : "No signing time"} — time from the signer's own clock (no timestamp)`;
}

/** What the file as a whole shows beyond each signature, with a clear yes/no: a signature
    missing or taken out, then the seal. */
export function verificationLines(v: VerificationDto): Line[] {
  const out: Line[] = [];
  if (v.signatures.length === 0) out.push({ ok: false, text: "No digital signature found" });
  for (const field of v.removed_signatures) {
    out.push({ ok: false, text: `Signature ${field} was removed in a later revision: a decision has disappeared` });
  }
  if (v.seal_valid === null) out.push({ ok: false, text: "No sealed report data embedded" });
  else out.push({
    ok: v.seal_valid,
    text: v.seal_valid ? `Embedded data matches its seal${v.sealed_by ? ` (sealed by ${v.sealed_by})` : ""}` : `Embedded data does NOT match its seal${v.seal_problem ? `: ${v.seal_problem}` : ""}`,
  });
  return out;
}
