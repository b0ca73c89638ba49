// Dates and words the way a person says them: "Fri 26 Feb (in 12 days)", never raw ISO.

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2027-02-26" → a UTC midnight Date (plan dates carry no time of day). */
export function parseDay(iso: string): Date {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoDay(new Date(parseDay(iso).getTime() + days * DAY_MS));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);
}

/** "Fri 26 Feb", with the year when it is not `today`'s year. */
export function formatDay(iso: string, today?: string): string {
  const d = parseDay(iso);
  const base = `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  if (today && parseDay(today).getUTCFullYear() !== d.getUTCFullYear()) {
    return `${base} ${d.getUTCFullYear()}`;
  }
  return base;
}

/** "Fri 26 Feb 2027": a day whose year matters (an archived plan's launch). */
export function formatDayYear(iso: string): string {
  return `${formatDay(iso)} ${iso.slice(0, 4)}`;
}

export function monthLabel(iso: string): string {
  const d = parseDay(iso);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A plan's name as the start of a file name: "Acme DE Relaunch!" → "acme-de-relaunch". */
export function fileSlug(name: string): string {
  // Accents go (NFKD splits "ü" into "u" and a combining mark), the rest becomes dashes.
  return name.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "plan";
}

/** The last part of a path, as a toast names the file it wrote. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "today", "tomorrow", "in 12 days", "yesterday", "3 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** "Fri 26 Feb (in 12 days)". */
export function dueText(iso: string, today: string): string {
  return `${formatDay(iso, today)} (${relativeDays(daysBetween(today, iso))})`;
}

/** The sidebar's and header's countdown. */
export function countdown(days: number): string {
  if (days === 0) return "Launch today";
  if (days > 0) return `${plural(days, "day")} to go`;
  return `Live for ${plural(-days, "day")}`;
}

/** An archived plan's work is over: no countdown, just that it is archived. */
export function planCountdown(days: number, archived: boolean): string {
  return archived ? "Archived" : countdown(days);
}

/** The default launch of a new plan: eight weeks from `now`, 09:00. */
export function defaultLaunch(now: Date): { date: string; time: string } {
  const local = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 56);
  const y = local.getFullYear();
  const m = String(local.getMonth() + 1).padStart(2, "0");
  const d = String(local.getDate()).padStart(2, "0");
  return { date: `${y}-${m}-${d}`, time: "09:00" };
}

/** "2027-03-15 09:00" → parts. */
export function splitLocal(local: string): { date: string; time: string } {
  const [date, time = "09:00"] = local.split(/[ T]/);
  return { date, time: time.slice(0, 5) };
}

export function formatTimestamp(ts: string): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const day = `${WEEKDAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
  const time = `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  return `${day}, ${time}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
