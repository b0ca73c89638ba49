// A runbook step's time typed or picked: offsets from the launch, clock times in the plan's
// zone (across a day boundary and a daylight-saving change), the library's way of printing
// them, and a message that says what to write when the input cannot be read.
import { describe, expect, it } from "vitest";
import { clockOf, clockOffset, dayText, launchText, offsetText, parseOffset, readWhen, whenText } from "./when";

// 09:00 in Berlin on Tue 9 Feb 2027 (CET, UTC+1).
const winter = { at: "2027-02-09T08:00:00Z", zone: "Europe/Berlin" };
// 09:00 in Berlin on Sun 28 Mar 2027, the morning the clocks went from 02:00 to 03:00 (CEST).
const springForward = { at: "2027-03-28T07:00:00Z", zone: "Europe/Berlin" };

describe("offsets from the launch", () => {
  it("reads what the CLI reads", () => {
    expect(parseOffset("T-4h")).toBe(-240);
    expect(parseOffset("-4h30m")).toBe(-270);
    expect(parseOffset("+2h")).toBe(120);
    expect(parseOffset("+30m")).toBe(30);
    expect(parseOffset("T0")).toBe(0);
    expect(parseOffset("0")).toBe(0);
    expect(parseOffset("T−1h 30m")).toBe(-90);
    expect(parseOffset(" t+45m ")).toBe(45);
  });

  it("refuses what is not an offset", () => {
    for (const bad of ["soon", "-4", "4x", "", "T", "h", "-h30", "4h-30m"]) expect(parseOffset(bad), bad).toBeNull();
  });

  it("prints as the library prints, and reads back", () => {
    expect(offsetText(-240)).toBe("T−4h");
    expect(offsetText(-90)).toBe("T−1h30m");
    expect(offsetText(30)).toBe("T+30m");
    expect(offsetText(0)).toBe("T0");
    for (const m of [-2880, -241, -1, 0, 59, 61, 2880]) expect(parseOffset(offsetText(m))).toBe(m);
  });
});

describe("clock times in the plan's zone", () => {
  it("counts back from a 09:00 launch", () => {
    expect(clockOffset(winter, 0, "05:00")).toEqual({ ok: true, minutes: -240 });
    expect(readWhen("05:00", winter)).toEqual({ ok: true, minutes: -240 });
    expect(readWhen("9.30", winter)).toEqual({ ok: true, minutes: 30 });
    expect(clockOffset(winter, -1, "22:00")).toEqual({ ok: true, minutes: -660 });
    expect(clockOffset(winter, 1, "09:00")).toEqual({ ok: true, minutes: 1440 });
  });

  it("counts real minutes across the change to summer time", () => {
    // 01:00 CET is 00:00 UTC: seven hours before 09:00 CEST, though the clock shows eight.
    expect(clockOffset(springForward, 0, "01:00")).toEqual({ ok: true, minutes: -420 });
    const skipped = clockOffset(springForward, 0, "02:30");
    expect(skipped.ok).toBe(false);
    if (!skipped.ok) expect(skipped.message).toContain("02:30 does not exist in Europe/Berlin");
  });

  it("shows a step's time as a clock time and its day", () => {
    expect(clockOf(winter, -240)).toEqual({ day: 0, clock: "05:00" });
    expect(clockOf(winter, -660)).toEqual({ day: -1, clock: "22:00" });
    expect(clockOf(springForward, -420)).toEqual({ day: 0, clock: "01:00" });
    expect(whenText(winter, -240)).toBe("T−4h · 05:00 on the launch day");
    expect(whenText(winter, 16 * 60)).toBe("T+16h · 01:00 the day after");
    expect(dayText(-2)).toBe("2 days before");
    expect(launchText(winter)).toBe("Tue 9 Feb 2027, 09:00");
    expect(launchText({ at: "2027-02-09T08:00:00Z", zone: "America/New_York" })).toBe("Tue 9 Feb 2027, 03:00");
  });
});

describe("bad input", () => {
  it("says what is wrong and what to write", () => {
    const unreadable = readWhen("soon", winter);
    expect(unreadable).toEqual({ ok: false, message: 'Cannot read "soon": write it from the launch as T-4h, -4h30m, T0 or +2h, or as a clock time like 05:00.' });
    const far = readWhen("+49h", winter);
    expect(far).toEqual({ ok: false, message: "T+49h is too far from the launch: a runbook step lies within 48 hours of it." });
    expect(clockOffset(winter, -2, "08:00").ok, "T−49h").toBe(false);
    const empty = readWhen("  ", winter);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.message).toMatch(/^Say when/);
    const clock = clockOffset(winter, 0, "25:00");
    expect(clock.ok).toBe(false);
    if (!clock.ok) expect(clock.message).toContain("05:00 (24-hour)");
  });
});
