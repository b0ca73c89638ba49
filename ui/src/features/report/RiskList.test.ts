// The risk register in the Report view: each risk with its task, owner (or "no owner") and
// date, most pressing first as the library orders them; an empty register says so.
import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import type { RiskDto } from "../../lib/ipc/bindings/RiskDto";
import RiskList from "./RiskList.svelte";

let mounted: ReturnType<typeof mount> | null = null;

function show(risks: RiskDto[]) {
  mounted = mount(RiskList, { target: document.body.appendChild(document.createElement("div")), props: { risks, today: "2027-01-11" } });
  flushSync();
}

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  document.body.innerHTML = "";
});

const risk = (over: Partial<RiskDto>): RiskDto => ({
  kind: "blocked",
  kind_label: "Blocked",
  task_id: "CLO-05",
  title: "Shield the Back Office",
  owner: "Dana",
  date: "2027-01-20",
  blocking: false,
  detail: "Waiting for the CDN contract",
  ...over,
});

describe("RiskList", () => {
  it("names task, owner and date of every risk", () => {
    show([risk({ kind: "unowned-blocker", kind_label: "Blocking, no owner", task_id: "GEN-01", owner: null, detail: "blocks the go-live and nobody owns it" }), risk({})]);
    const items = [...document.querySelectorAll("[data-testid='risk']")].map((li) => li.textContent ?? "");
    expect(items).toHaveLength(2);
    expect(items[0]).toContain("Blocking, no owner");
    expect(items[0]).toContain("GEN-01");
    expect(items[0]).toContain("no owner");
    expect(items[1]).toContain("Dana");
    expect(items[1]).toContain("Waiting for the CDN contract");
    expect(document.querySelector("h2")?.textContent).toBe("Risk register (2)");
  });

  it("says when nothing is at risk", () => {
    show([]);
    expect(document.body.textContent).toContain("No risk is open");
  });
});
