import { describe, expect, it } from "vitest";
import { addDays, countdown, daysBetween, defaultLaunch, dueText, formatDay, formatDayYear, planCountdown, relativeDays, splitLocal } from "./format";

describe("dates in words", () => {
  it("says due dates like a person", () => {
    expect(dueText("2027-02-26", "2027-02-14")).toBe("Fri 26 Feb (in 12 days)");
    expect(dueText("2027-02-13", "2027-02-14")).toBe("Sat 13 Feb (yesterday)");
    expect(formatDay("2028-01-03", "2027-12-30")).toBe("Mon 3 Jan 2028");
  });

  it("counts days across month and DST boundaries", () => {
    expect(daysBetween("2027-03-27", "2027-03-29")).toBe(2);
    expect(addDays("2027-02-27", 2)).toBe("2027-03-01");
    expect(relativeDays(-3)).toBe("3 days ago");
  });

  it("counts down to the launch", () => {
    expect(countdown(1)).toBe("1 day to go");
    expect(countdown(0)).toBe("Launch today");
    expect(countdown(-2)).toBe("Live for 2 days");
  });

  it("defaults a new launch to eight weeks ahead at 09:00", () => {
    expect(defaultLaunch(new Date(2027, 0, 4))).toEqual({ date: "2027-03-01", time: "09:00" });
    expect(splitLocal("2027-03-15 14:30")).toEqual({ date: "2027-03-15", time: "14:30" });
  });

  /** Regression: an archived plan still counted down to its launch. */
  it("does not count down an archived plan", () => {
    expect(planCountdown(12, false)).toBe("12 days to go");
    expect(planCountdown(12, true)).toBe("Archived");
    expect(planCountdown(-40, true)).toBe("Archived");
    expect(formatDayYear("2027-03-01")).toBe("Mon 1 Mar 2027");
  });
});
