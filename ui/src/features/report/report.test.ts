import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { reportFileName, verificationLines } from "./report";
import { decide, exportReport, removeStakeholder, verifyReport } from "../../lib/ipc/report";
import type { VerificationDto } from "../../lib/ipc/bindings/VerificationDto";

afterEach(() => clearMocks());

const sig = { signer: "Mira Consultant", time: "2026-11-26T10:00:00Z", valid: true, covers_whole_document: true, problems: [] };
const good: VerificationDto = { path: "/tmp/r.pdf", ok: true, signatures: [sig], seal_valid: true, seal_problem: null, sealed_by: "Mira Consultant" };

describe("report helpers", () => {
  it("say every verification finding in words, with a clear yes or no", () => {
    expect(verificationLines(good).every((l) => l.ok)).toBe(true);
    const bad = verificationLines({ ...good, ok: false, signatures: [{ ...sig, covers_whole_document: false }], seal_valid: false, seal_problem: "data hash differs" });
    expect(bad.filter((l) => !l.ok).map((l) => l.text)).toEqual([
      "Does NOT cover the whole document: content was added after signing",
      "Embedded data does NOT match its seal: data hash differs",
    ]);
    expect(verificationLines({ ...good, signatures: [], seal_valid: null }).map((l) => l.ok)).toEqual([false, false]);
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
    await decide(2, "Marta", "go", null, "2026-11-26");
    await exportReport(2, "/tmp/r.pdf");
    await removeStakeholder(2, "Marta");
    await expect(verifyReport("/tmp/x.txt")).rejects.toMatchObject({ kind: "not-a-pdf" });
    expect(calls.slice(0, 3)).toEqual([
      ["decide", { planId: 2, name: "Marta", decision: "go", conditions: null, on: "2026-11-26" }],
      ["export_report", { planId: 2, path: "/tmp/r.pdf" }],
      ["remove_stakeholder", { planId: 2, name: "Marta" }],
    ]);
  });
});
