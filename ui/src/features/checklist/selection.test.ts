import { describe, expect, it } from "vitest";
import { Selection } from "./selection.svelte";

const ORDER = ["A-1", "A-2", "A-3", "A-4", "A-5"];

describe("Selection", () => {
  it("toggles single tasks and selects a range from the anchor on Shift-click", () => {
    const s = new Selection();
    s.toggle("A-2");
    s.toggle("A-4");
    expect(s.inOrder(ORDER)).toEqual(["A-2", "A-4"]);
    s.rangeTo(ORDER, "A-1");
    // From the last toggled back to A-1, replacing what was selected.
    expect(s.inOrder(ORDER)).toEqual(["A-1", "A-2", "A-3", "A-4"]);
    s.toggle("A-3");
    expect(s.has("A-3")).toBe(false);
    expect(s.size).toBe(3);
  });

  it("extends row by row with Shift+arrows and shrinks back past the anchor", () => {
    const s = new Selection();
    expect(s.extend(ORDER, "A-3", 1)).toBe("A-4");
    expect(s.inOrder(ORDER)).toEqual(["A-3", "A-4"]);
    expect(s.extend(ORDER, "A-4", 1)).toBe("A-5");
    expect(s.extend(ORDER, "A-5", 1)).toBe("A-5");
    expect(s.inOrder(ORDER)).toEqual(["A-3", "A-4", "A-5"]);
    s.extend(ORDER, "A-5", -1);
    s.extend(ORDER, "A-4", -1);
    s.extend(ORDER, "A-3", -1);
    expect(s.inOrder(ORDER)).toEqual(["A-2", "A-3"]);
  });

  it("selects all the filter shows, keeps only shown tasks and clears", () => {
    const s = new Selection();
    s.all(ORDER.slice(1, 4));
    expect(s.size).toBe(3);
    s.keep(["A-3", "A-4", "A-5"]);
    expect(s.inOrder(ORDER)).toEqual(["A-3", "A-4"]);
    s.clear();
    expect(s.size).toBe(0);
    expect(s.anchor).toBeNull();
  });

  it("selects a Shift-clicked task alone when nothing is anchored", () => {
    const s = new Selection();
    s.rangeTo(ORDER, "A-5");
    expect(s.inOrder(ORDER)).toEqual(["A-5"]);
  });
});
