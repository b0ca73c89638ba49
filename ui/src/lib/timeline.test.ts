import { describe, expect, it } from "vitest";
import { axis, layout, range, PX_PER_DAY } from "./timeline";
import { PHASES, task } from "./testing";

describe("timeline layout", () => {
  const tasks = [
    task({ id: "A-1", due: "2027-03-01" }),
    task({ id: "A-2", due: "2027-03-01" }),
    task({ id: "A-3", due: "2027-03-20" }),
    task({ id: "B-1", phase: "launch-day", due: "2027-04-26" }),
  ];

  it("spans from before the first date to after the launch, starting on a Monday", () => {
    const r = range(tasks, "2027-02-20", "2027-04-26");
    expect(r.start <= "2027-02-16").toBe(true);
    expect(new Date(r.start + "T00:00:00Z").getUTCDay()).toBe(1);
    expect(r.end > "2027-04-26").toBe(true);
  });

  it("stacks tasks on the same day into separate rows and skips empty lanes", () => {
    const lanes = layout(tasks, PHASES, "2027-02-15", "week");
    expect(lanes.map((l) => l.phase)).toEqual(["8w", "launch-day"]);
    const [a1, a2, a3] = lanes[0].items;
    expect(a1.x).toBe(a2.x);
    expect([a1.row, a2.row]).toEqual([0, 1]);
    expect(a3.row).toBe(0);
    expect(a3.x - a1.x).toBe(19 * PX_PER_DAY.week);
  });

  it("labels month starts and weekends", () => {
    const days = axis("2027-02-26", 4);
    expect(days.map((d) => d.weekend)).toEqual([false, true, true, false]);
    expect(days.filter((d) => d.monthStart).map((d) => d.iso)).toEqual(["2027-02-26", "2027-03-01"]);
  });
});

describe("timeline folding", () => {
  const many = Array.from({ length: 9 }, (_, i) => task({ id: `G-${i}`, due: "2027-03-01" }));

  it("folds a crowded day into three chips and a +N marker, unless the lane is expanded", () => {
    const [folded] = layout(many, PHASES, "2027-02-15", "week");
    expect(folded.items.map((p) => p.task.id)).toEqual(["G-0", "G-1", "G-2"]);
    expect(folded.more).toEqual([expect.objectContaining({ count: 6, row: 3 })]);
    expect(folded.total).toBe(9);
    const [open] = layout(many, PHASES, "2027-02-15", "week", new Set(["8w"]));
    expect(open.items).toHaveLength(9);
    expect(open.more).toHaveLength(0);
  });
});
