import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { groupByEndpoint, isEmpty, emptyEndpoints, lines, tasksProvedBy, worst } from "./probes";
import { cancelProbes, forgetProbeLogin, probeDiff, probeSavedLogin, runProbes, saveProbeEndpoints } from "../../lib/ipc/probes";
import { task } from "../../lib/testing";
import type { ProbeResultDto } from "../../lib/ipc/bindings/ProbeResultDto";

afterEach(() => clearMocks());

function result(over: Partial<ProbeResultDto>): ProbeResultDto {
  return {
    check: "hsts", check_title: "HSTS", target: "https://shop.example.com/", verdict: "pass",
    verdict_label: "Pass", finding: "max-age=31536000", endpoint: "https://shop.example.com/",
    endpoint_label: "Storefront", started_at: "2026-11-26T10:00:00Z", duration_ms: 12, ...over,
  };
}

describe("probe results", () => {
  it("group by endpoint in first-seen order, problems first, worst verdict on the group", () => {
    const groups = groupByEndpoint([
      result({ check: "hsts" }),
      result({ check: "spf", endpoint: "example.com", endpoint_label: "Mail", verdict: "error" }),
      result({ check: "headers", verdict: "warn" }),
      result({ check: "tls-expiry", target: "shop.example.com:443", verdict: "fail" }),
    ]);
    expect(groups.map((g) => g.label)).toEqual(["Storefront", "Mail"]);
    expect(groups[0].verdict).toBe("fail");
    expect(groups[0].results.map((r) => r.check)).toEqual(["tls-expiry", "headers", "hsts"]);
    expect(groups[0].counts).toEqual({ pass: 1, warn: 1, fail: 1, error: 0 });
    // Could not check is its own grey state, never a fail.
    expect(groups[1].verdict).toBe("error");
  });

  it("rank fail over could-not-check over warning", () => {
    expect(worst([])).toBe("pass");
    expect(worst(["pass", "warn"])).toBe("warn");
    expect(worst(["warn", "error"])).toBe("error");
    expect(worst(["error", "fail", "pass"])).toBe("fail");
  });

  it("link a check to the tasks whose template names it", () => {
    const tasks = [task({ id: "CLO-12", probes: ["tls-expiry"] }), task({ id: "GEN-01" }), task({ id: "SEO-3", probes: ["tls-expiry", "hsts"] })];
    expect(tasksProvedBy("tls-expiry", tasks).map((t) => t.id)).toEqual(["CLO-12", "SEO-3"]);
    expect(tasksProvedBy("mx", tasks)).toEqual([]);
  });

  it("read the form's lists one entry per line or comma", () => {
    expect(lines(" https://a.example/ \n\nhttps://b.example/\r\n")).toEqual(["https://a.example/", "https://b.example/"]);
    expect(lines("s1, s2")).toEqual(["s1", "s2"]);
    const e = emptyEndpoints();
    expect(isEmpty(e)).toBe(true);
    expect(isEmpty({ ...e, mail_domain: "example.com" })).toBe(false);
  });
});

describe("probe command wrappers", () => {
  it("send camelCase arguments and the login only as run arguments", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "probe_diff") return null;
      if (cmd === "cancel_probes") return true;
      if (cmd === "probe_saved_login") return { keyring: true, problem: null, user: "stage", origins: ["https://stage.example.com"] };
      if (cmd === "forget_probe_login") return 1;
      return { run: {}, results: [], evidence_added: 0 };
    });
    await runProbes(4, []);
    await runProbes(4, ["tls-expiry"], { user: "stage", password: "s3cret", remember: true });
    expect(await cancelProbes(4)).toBe(true);
    expect(await probeDiff(4)).toBeNull();
    // The saved login comes back without its password.
    expect(await probeSavedLogin(4)).toEqual({ keyring: true, problem: null, user: "stage", origins: ["https://stage.example.com"] });
    expect(await forgetProbeLogin(4)).toBe(1);
    expect(calls).toEqual([
      ["run_probes", { planId: 4, checks: [], user: null, password: null, remember: false }],
      ["run_probes", { planId: 4, checks: ["tls-expiry"], user: "stage", password: "s3cret", remember: true }],
      ["cancel_probes", { planId: 4 }],
      ["probe_diff", { planId: 4 }],
      ["probe_saved_login", { planId: 4 }],
      ["forget_probe_login", { planId: 4 }],
    ]);
  });

  it("pass typed errors through", async () => {
    mockIPC(() => {
      throw { kind: "invalid-pin", message: "invalid pin \"x\": write HOST:PORT:IP" };
    });
    await expect(saveProbeEndpoints(1, { ...emptyEndpoints(), pins: ["x"] })).rejects.toEqual({
      kind: "invalid-pin",
      message: "invalid pin \"x\": write HOST:PORT:IP",
    });
  });
});
