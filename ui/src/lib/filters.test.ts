import { describe, expect, it } from "vitest";
import { EMPTY_FILTER, flatten, groupTasks, highlight, isFiltered, matches, owners, phaseProgress, searchHit } from "./filters";
import { toggledStatus } from "./status";
import { PHASES, task } from "./testing";

const tasks = [
  task({ id: "GEN-01", owner: "Ana", blocking: true, counted_in: { ...task().counted_in, blocking_open: true } }),
  // Done and blocking: the Blocking open filter leaves it out, as the header's count does.
  task({ id: "CLO-02", area: "CLO", area_label: "Cloud", status: "done", owner: "Ben", blocking: true, counted_in: { ...task().counted_in, done_without_evidence: true } }),
  task({ id: "TES-03", area: "TES", area_label: "Testing", phase: "2w", phase_label: "Two weeks before", overdue: true, counted_in: { ...task().counted_in, overdue: true } }),
  task({ id: "GEN-04", phase: "post-launch", phase_label: "After go-live", status: "n/a", title: "Keep the old shop live" }),
  // Overdue but waived: counted as waived, not overdue.
  task({ id: "TES-05", area: "TES", area_label: "Testing", phase: "2w", phase_label: "Two weeks before", overdue: true, waived: true, owner: "Ana", blocking: true, counted_in: { ...task().counted_in, waived: true } }),
];

describe("checklist filters", () => {
  it("filters by status, owner, area, blocking and overdue", () => {
    const ids = (f: Partial<typeof EMPTY_FILTER>) => tasks.filter((t) => matches(t, { ...EMPTY_FILTER, ...f })).map((t) => t.id);
    expect(ids({ status: "open" })).toEqual(["GEN-01", "TES-03", "TES-05"]);
    expect(ids({ status: "done" })).toEqual(["CLO-02"]);
    expect(ids({ owner: "-" })).toEqual(["TES-03", "GEN-04"]);
    expect(ids({ owner: "Ben" })).toEqual(["CLO-02"]);
    expect(ids({ area: "TES" })).toEqual(["TES-03", "TES-05"]);
    // Regression: the Blocking filter showed 31 where the header said 29 (done and waived
    // blocking tasks counted); each count's filter now takes the library's tally.
    expect(ids({ blocking: true })).toEqual(["GEN-01"]);
    expect(ids({ overdue: true })).toEqual(["TES-03"]);
    expect(ids({ waived: true })).toEqual(["TES-05"]);
    expect(ids({ noEvidence: true })).toEqual(["CLO-02"]);
    expect(ids({ query: "old shop" })).toEqual(["GEN-04"]);
    expect(ids({ query: "clo-02" })).toEqual(["CLO-02"]);
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, blocking: true })).toBe(true);
  });

  it("groups by phase in the library's order, then area", () => {
    const groups = groupTasks([tasks[3], tasks[2], tasks[0], tasks[1]], PHASES);
    expect(groups.map((g) => g.phase)).toEqual(["8w", "2w", "post-launch"]);
    // A phase the order lacks goes last rather than vanishing.
    expect(groupTasks(tasks.slice(0, 4), ["2w"]).map((g) => g.phase)).toEqual(["2w", "8w", "post-launch"]);
    expect(groups[0].groups.map((g) => g.areaLabel)).toEqual(["General", "Cloud"]);
    expect(flatten(groups).map((t) => t.id)).toEqual(["GEN-01", "CLO-02", "TES-03", "GEN-04"]);
    expect(owners(tasks)).toEqual(["Ana", "Ben"]);
  });

  it("say why a task matched a search and mark the words", () => {
    const t = task({ id: "CLO-07", title: "Lower the DNS TTL", guidance: "Two days before, set the `TTL` of the shop's records to 300 s.", evidence_hint: "A dig answer" });
    expect(searchHit(t, "dns")).toEqual({ fields: ["title"], labels: ["title"], excerpt: null });
    expect(searchHit(t, "records")).toEqual({ fields: ["guidance"], labels: ["guidance"], excerpt: "Two days before, set the TTL of the shop's records to 300 s." });
    expect(searchHit(t, "dig")?.labels).toEqual(["evidence"]);
    expect(searchHit(t, "clo-07 ttl")?.fields).toEqual(["id", "title", "guidance"]);
    expect(searchHit(t, "dns nowhere")).toBeNull();
    expect(highlight("Lower the DNS TTL", "dns")).toEqual([
      { text: "Lower the ", hit: false },
      { text: "DNS", hit: true },
      { text: " TTL", hit: false },
    ]);
  });

  it("say a phase's progress with the library's counts", () => {
    const counts = { total: 12, done: 3, not_applicable: 1, open: 8, in_progress: 1, blocked: 0, overdue: 0, blocking_open: 2, waived: 1, done_without_evidence: 0, closed: 4, to_do: 7 };
    expect(phaseProgress(counts)).toBe("4 of 12 closed (3 done, 1 not applicable) · 2 blocking open");
    expect(phaseProgress({ ...counts, blocking_open: 0 })).toBe("4 of 12 closed (3 done, 1 not applicable)");
  });

  it("space toggles between done and to do", () => {
    expect(toggledStatus("todo")).toBe("done");
    expect(toggledStatus("blocked")).toBe("done");
    expect(toggledStatus("done")).toBe("todo");
  });
});
