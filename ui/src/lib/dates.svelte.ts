// Dates in the user's format: the order and separator of day, month and year, and the first
// day of the week, from the system's locale or the user's choice (Settings). Shown and typed
// the same way; a typed date is read in that format or refused with a hint, never guessed.
//
// Not for the spoken forms ("Fri 26 Feb", "in 12 days"): those stay in lib/format.

/** The choices in Settings; "system" follows the computer's locale. */
export type DateStyle = "system" | "dmy-dot" | "dmy-slash" | "ymd" | "mdy";

export type DateFormat = {
  order: "dmy" | "mdy" | "ymd";
  separator: string;
  /** 1 = Monday, 0 = Sunday. */
  weekStart: 0 | 1;
  /** The format as a user reads it: "DD.MM.YYYY". */
  pattern: string;
};

export const DATE_STYLES: { key: DateStyle; label: string }[] = [
  { key: "system", label: "As the system (locale)" },
  { key: "dmy-dot", label: "31.12.2027 (day first, Monday first)" },
  { key: "dmy-slash", label: "31/12/2027 (day first, Monday first)" },
  { key: "ymd", label: "2027-12-31 (ISO 8601, Monday first)" },
  { key: "mdy", label: "12/31/2027 (month first, Sunday first)" },
];

const STORAGE_KEY = "golive.date-style";

function pattern(order: DateFormat["order"], separator: string): string {
  const parts = { d: "DD", m: "MM", y: "YYYY" };
  return order.split("").map((c) => parts[c as "d" | "m" | "y"]).join(separator);
}

function make(order: DateFormat["order"], separator: string, weekStart: 0 | 1): DateFormat {
  return { order, separator, weekStart, pattern: pattern(order, separator) };
}

/** The format a locale writes numeric dates in, read from Intl's own parts. */
export function localeFormat(locale: string): DateFormat {
  let order: DateFormat["order"] = "ymd";
  let separator = "-";
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(Date.UTC(2027, 11, 31)));
    const fields = parts.filter((p) => p.type === "day" || p.type === "month" || p.type === "year").map((p) => p.type[0]);
    const joined = fields.join("");
    if (joined === "dmy" || joined === "mdy" || joined === "ymd") order = joined;
    separator = parts.find((p) => p.type === "literal")?.value.trim() || (order === "ymd" ? "-" : "/");
  } catch {
    // An unknown locale: ISO, which nobody misreads.
  }
  return make(order, separator, weekStartOf(locale, order));
}

/** Monday unless the locale says otherwise (Intl.Locale's week info where WebKit has it). */
function weekStartOf(locale: string, order: DateFormat["order"]): 0 | 1 {
  try {
    const l = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const info = l.getWeekInfo?.() ?? l.weekInfo;
    if (info) return info.firstDay === 7 ? 0 : 1;
  } catch {
    // Falls through to the order's usual week.
  }
  return order === "mdy" ? 0 : 1;
}

export function formatFor(style: DateStyle, locale: string): DateFormat {
  switch (style) {
    case "dmy-dot":
      return make("dmy", ".", 1);
    case "dmy-slash":
      return make("dmy", "/", 1);
    case "ymd":
      return make("ymd", "-", 1);
    case "mdy":
      return make("mdy", "/", 0);
    default:
      return localeFormat(locale);
  }
}

function systemLocale(): string {
  return (typeof navigator !== "undefined" && navigator.language) || "en-GB";
}

function storedStyle(): DateStyle {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (v && DATE_STYLES.some((s) => s.key === v)) return v as DateStyle;
  } catch {
    // No storage (tests, a locked-down webview): the system's format.
  }
  return "system";
}

class DateSettings {
  style = $state<DateStyle>(storedStyle());
  locale = $state(systemLocale());
  readonly format = $derived(formatFor(this.style, this.locale));

  set(style: DateStyle) {
    this.style = style;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, style);
    } catch {
      // Kept for this session only.
    }
  }
}

/** The user's date format; a display preference of this computer, not of a plan. */
export const dates = new DateSettings();

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** "2027-05-01" in the format: "01.05.2027". */
export function formatDate(iso: string, f: DateFormat = dates.format): string {
  const [y, m, d] = iso.slice(0, 10).split("-");
  if (!y || !m || !d) return iso;
  const by = { d, m, y };
  return f.order.split("").map((c) => by[c as "d" | "m" | "y"]).join(f.separator);
}

export type Parsed = { ok: true; iso: string } | { ok: false; hint: string };

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 9999) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A typed date, read in the format: with any of . / - or spaces between the parts, or as the
 * eight digits alone ("01052027"). An ISO date (four-digit year first) is always read as
 * such, since it cannot be mistaken. Anything else is refused with the format to use.
 */
export function parseDate(text: string, f: DateFormat = dates.format): Parsed {
  const t = text.trim();
  const hint = `Type the date as ${f.pattern}, e.g. ${formatDate("2027-05-31", f)}`;
  if (!t) return { ok: false, hint: `A date is needed. ${hint}.` };
  let parts: string[] | null = null;
  let order = f.order;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) {
    parts = iso.slice(1);
    order = "ymd";
  } else if (/^\d{8}$/.test(t)) {
    parts = order === "ymd" ? [t.slice(0, 4), t.slice(4, 6), t.slice(6)] : [t.slice(0, 2), t.slice(2, 4), t.slice(4)];
  } else {
    const split = t.split(/\s*[./\-\s]\s*/);
    if (split.length === 3 && split.every((p) => /^\d+$/.test(p))) parts = split;
  }
  if (!parts) return { ok: false, hint: `“${t}” is not a date. ${hint}.` };
  const at = { d: 0, m: 0, y: 0 };
  order.split("").forEach((c, i) => (at[c as "d" | "m" | "y"] = Number(parts[i])));
  const yearText = parts[order.indexOf("y")];
  if (yearText.length !== 4) return { ok: false, hint: `Write the year with four digits. ${hint}.` };
  if (!valid(at.y, at.m, at.d)) return { ok: false, hint: `“${t}” is no day of the calendar (${f.pattern}). ${hint}.` };
  return { ok: true, iso: `${pad(at.y, 4)}-${pad(at.m)}-${pad(at.d)}` };
}

/** The weekday names from the week's first day: ["Mon", …] or ["Sun", …]. */
export function weekdayNames(f: DateFormat = dates.format): { short: string; long: string }[] {
  const names = [
    ["Sun", "Sunday"], ["Mon", "Monday"], ["Tue", "Tuesday"], ["Wed", "Wednesday"],
    ["Thu", "Thursday"], ["Fri", "Friday"], ["Sat", "Saturday"],
  ];
  return Array.from({ length: 7 }, (_, i) => {
    const [short, long] = names[(i + f.weekStart) % 7];
    return { short, long };
  });
}

/** The days a month's grid shows, whole weeks from the week's first day: ISO dates. */
export function monthGrid(year: number, month: number, f: DateFormat = dates.format): string[][] {
  const first = new Date(Date.UTC(year, month, 1));
  const lead = (first.getUTCDay() - f.weekStart + 7) % 7;
  const start = Date.UTC(year, month, 1 - lead);
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const weeks = Math.ceil((lead + last) / 7);
  return Array.from({ length: weeks }, (_, w) =>
    Array.from({ length: 7 }, (_, d) => new Date(start + (w * 7 + d) * 86_400_000).toISOString().slice(0, 10)),
  );
}
