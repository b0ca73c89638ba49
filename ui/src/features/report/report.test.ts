import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { commonName, isoTime, reportFileName, signatureLine, signedWhen, verificationLines } from "./report";
import { decide, exportReport, removeStakeholder, verifyReport } from "../../lib/ipc/report";
import type { SignatureDto } from "../../lib/ipc/bindings/SignatureDto";
import type { VerificationDto } from "../../lib/ipc/bindings/VerificationDto";
import { formatTimestamp } from "../../lib/format";

afterEach(() => clearMocks());

const sig: SignatureDto = {
  field: "Consultant",
  signer: "CN=Mira Consultant,O=Nordlicht Outdoor GmbH",
  time: "2026-11-26T10:00:00Z",
  timestamp: null,
  timestamp_authority: null,
  valid: true,
  covers_whole_document: true,
  problems: [],
};
const good: VerificationDto = { path: "/tmp/r.pdf", ok: true, signatures: [sig], removed_signatures: [], seal_valid: true, seal_problem: null, sealed_by: "Mira Consultant" };

describe("report helpers", () => {
  it("say every verification finding in words, with a clear yes or no", () => {
    expect(verificationLines(good).every((l) => l.ok)).toBe(true);
    const bad = verificationLines({ ...good, ok: false, removed_signatures: ["Countersignature2"], seal_valid: false, seal_problem: "data hash differs" });
    expect(bad.filter((l) => !l.ok).map((l) => l.text)).toEqual([
      "Signature Countersignature2 was removed in a later revision: a decision has disappeared",
      "Embedded data does NOT match its seal: data hash differs",
    ]);
    expect(verificationLines({ ...good, signatures: [], seal_valid: null }).map((l) => l.ok)).toEqual([false, false]);
  });

  it("judge a signature by its validity, not by whether it reaches the end of the file", () => {
    // The consultant's signature after a stakeholder countersigned: still valid.
    expect(signatureLine({ ...sig, covers_whole_document: false })).toEqual({ ok: true, text: "Signature by Mira Consultant is valid" });
    expect(signatureLine({ ...sig, valid: false, problems: ["digest mismatch: the signed content was changed"] })).toEqual({
      ok: false,
      text: "Signature by Mira Consultant is NOT valid: digest mismatch: the signed content was changed",
    });
  });

  it("say whose clock a signing time is", () => {
    expect(signedWhen(sig)).toBe(`Signed ${formatTimestamp(sig.time!)} — time from the signer's own clock (no timestamp)`);
    const stamped = { ...sig, timestamp: "2026-11-26T10:00:03+00:00", timestamp_authority: "CN=GoLive Test TSA,O=Nordlicht Outdoor GmbH" };
    expect(signedWhen(stamped)).toBe(`Signed ${formatTimestamp(stamped.timestamp)} — trusted timestamp by GoLive Test TSA`);
    expect(signedWhen({ ...sig, time: null })).toBe("No signing time — time from the signer's own clock (no timestamp)");
  });

  it("read a PDF's own signing time as well as the CMS one", () => {
    expect(isoTime("D:20261201085747+00'00'")).toBe("2026-12-01T08:57:47+00:00");
    expect(isoTime("D:20261201085747+05'30")).toBe("2026-12-01T08:57:47+05:30");
    expect(isoTime("D:20261201085747Z")).toBe("2026-12-01T08:57:47Z");
    expect(isoTime("2026-12-01T08:57:47+00:00")).toBe("2026-12-01T08:57:47+00:00");
    expect(signedWhen({ ...sig, time: "D:20261126100000Z" })).toBe(signedWhen(sig));
  });

  it("name a certificate by its common name", () => {
    expect(commonName("CN=Marta Nowak,O=Acme")).toBe("Marta Nowak");
    expect(commonName("O=Acme,CN=Ben Ilić")).toBe("Ben Ilić");
    expect(commonName("CN=Acme\\, Inc.,C=DE")).toBe("Acme, Inc.");
    expect(commonName("O=No name")).toBe("O=No name");
  });

  it("name export files", () => {
    expect(reportFileName("Acme DE Relaunch!", "2026-11-26")).toBe("acme-de-relaunch-readiness-2026-11-26.pdf");
  });
});

describe("report command wrappers", () => {
  it("send camelCase arguments and pass typed errors through", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "verify_report") throw { kind: "not-a-pdf", message: "not a PDF; pick a report exported by GoLive" };
      return {};
    });
    await decide(2, "Marta", { decision: "go-with-conditions", conditions: [{ text: "HSTS live", owner: "Ana Lopez", due: "2026-12-20" }], on: "2026-11-26", report: "/tmp/r.pdf" });
    await exportReport(2, "/tmp/r.pdf");
    await removeStakeholder(2, "Marta");
    await expect(verifyReport("/tmp/x.txt")).rejects.toMatchObject({ kind: "not-a-pdf" });
    expect(calls.slice(0, 3)).toEqual([
      ["decide", { planId: 2, name: "Marta", form: { decision: "go-with-conditions", conditions: [{ text: "HSTS live", owner: "Ana Lopez", due: "2026-12-20" }], on: "2026-11-26", report: "/tmp/r.pdf" } }],
      ["export_report", { planId: 2, path: "/tmp/r.pdf" }],
      ["remove_stakeholder", { planId: 2, name: "Marta" }],
    ]);
  });
});
