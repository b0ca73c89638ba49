// The user's date format: shown and typed the same way, a typed date read in that format or
// refused with a hint, the picker's weeks from the user's first weekday.
import { describe, expect, it } from "vitest";
import { formatDate, formatFor, localeFormat, monthGrid, parseDate, weekdayNames } from "./dates.svelte";

const de = formatFor("dmy-dot", "de-DE");
const us = formatFor("mdy", "en-US");
const iso = formatFor("ymd", "en-US");

describe("dates in the user's format", () => {
  it("follow the system locale", () => {
    expect(localeFormat("de-DE")).toMatchObject({ order: "dmy", separator: ".", weekStart: 1, pattern: "DD.MM.YYYY" });
    expect(localeFormat("lt-LT")).toMatchObject({ order: "ymd", weekStart: 1 });
    expect(localeFormat("en-US")).toMatchObject({ order: "mdy", separator: "/", pattern: "MM/DD/YYYY" });
    expect(localeFormat("en-GB")).toMatchObject({ order: "dmy", separator: "/", weekStart: 1 });
  });

  it("show a date in the format", () => {
    expect(formatDate("2027-05-01", de)).toBe("01.05.2027");
    expect(formatDate("2027-05-01", us)).toBe("05/01/2027");
    expect(formatDate("2027-05-01", iso)).toBe("2027-05-01");
  });

  /** Regression: typing 01052027 in the webview's date field became 12/26/2027. */
  it("read eight digits in the format, never reinterpreted", () => {
    expect(parseDate("01052027", de)).toEqual({ ok: true, iso: "2027-05-01" });
    expect(parseDate("01052027", us)).toEqual({ ok: true, iso: "2027-01-05" });
    const refused = parseDate("01052027", iso);
    expect(refused.ok).toBe(false);
  });

  it("read the format's separators and an ISO date, refuse the rest with a hint", () => {
    expect(parseDate("1.5.2027", de)).toEqual({ ok: true, iso: "2027-05-01" });
    expect(parseDate(" 31/12/2027 ", formatFor("dmy-slash", "en-GB"))).toEqual({ ok: true, iso: "2027-12-31" });
    expect(parseDate("2027-05-01", de)).toEqual({ ok: true, iso: "2027-05-01" });
    const bad = [parseDate("31.02.2027", de), parseDate("13/25/2027", us), parseDate("1.5.27", de), parseDate("next friday", de), parseDate("", de)];
    for (const p of bad) {
      expect(p.ok).toBe(false);
      if (!p.ok) expect(p.hint).toContain("DD.MM.YYYY".replace("DD.MM.YYYY", p === bad[1] ? "MM/DD/YYYY" : "DD.MM.YYYY"));
    }
  });

  it("lay out a month from the week's first day", () => {
    // May 2027 begins on a Saturday.
    const monday = monthGrid(2027, 4, de);
    expect(monday[0][0]).toBe("2027-04-26");
    expect(monday[0][5]).toBe("2027-05-01");
    expect(monday.flat()).toContain("2027-05-31");
    const sunday = monthGrid(2027, 4, us);
    expect(sunday[0][0]).toBe("2027-04-25");
    expect(weekdayNames(de)[0].short).toBe("Mon");
    expect(weekdayNames(us)[0].short).toBe("Sun");
  });
});
