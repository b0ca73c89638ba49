import { describe, expect, it } from "vitest";
import { lineAt, offsets, scrollToShow, visibleRange } from "./virtual";

describe("list windowing", () => {
  // A header of 40, then rows of 30: tops 0, 40, 70, 100, …
  const lines = [{ height: 40 }, ...Array.from({ length: 500 }, () => ({ height: 30 }))];
  const { tops, total } = offsets(lines);

  it("places lines one after another", () => {
    expect(tops.slice(0, 4)).toEqual([0, 40, 70, 100]);
    expect(total).toBe(40 + 500 * 30);
  });

  it("finds the line under a pixel", () => {
    expect(lineAt(tops, lines, 0)).toBe(0);
    expect(lineAt(tops, lines, 39)).toBe(0);
    expect(lineAt(tops, lines, 40)).toBe(1);
    expect(lineAt(tops, lines, 69)).toBe(1);
    expect(lineAt(tops, lines, 70)).toBe(2);
    expect(lineAt(tops, lines, total + 100)).toBe(lines.length - 1);
  });

  it("renders only what is on screen plus the overscan, whatever the list length", () => {
    const [start, end] = visibleRange(tops, lines, 6000, 600, 300);
    expect(tops[start]).toBeLessThanOrEqual(5700);
    expect(tops[start] + lines[start].height).toBeGreaterThan(5700);
    expect(tops[end - 1]).toBeGreaterThanOrEqual(6900 - 30);
    expect(end - start).toBeLessThan(45);
    expect(visibleRange(tops, lines, 0, 600, 0)[0]).toBe(0);
    expect(visibleRange(tops, lines, total, 600)[1]).toBe(lines.length);
    expect(visibleRange([], [], 0, 600)).toEqual([0, 0]);
  });

  it("scrolls just enough to show a line, below a sticky header", () => {
    // Line 10 spans 310..340.
    expect(scrollToShow(tops, lines, 10, 0, 600)).toBe(0);
    expect(scrollToShow(tops, lines, 10, 320, 600, 40)).toBe(270);
    expect(scrollToShow(tops, lines, 10, 0, 200)).toBe(140);
  });
});
