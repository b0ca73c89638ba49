// A runbook step's time as a consultant types or picks it: an offset from the launch ("T-4h",
// "-4h30m", "+2h", "T0") or a clock time in the plan's zone on the launch day or a day next
// to it ("05:00"). Pure functions; the shell checks the minutes again when it stores them
// (`golive::catalog::parse_offset` reads the same syntax). Not for the live mode's countdown.

import { formatDayYear } from "../../lib/format";

/** The furthest a step lies from the launch, either way (the library's `MAX_RUNBOOK_MINUTES`). */
export const MAX_MINUTES = 48 * 60;

/** Where the runbook's day is anchored: the launch moment (RFC 3339) and the plan's zone. */
export type Launch = { at: string; zone: string };

export type When = { ok: true; minutes: number } | { ok: false; message: string };

const HINT = "write it from the launch as T-4h, -4h30m, T0 or +2h, or as a clock time like 05:00";

/** "T−4h", "T−1h30m", "T0", "T+30m": the library's `offset_text`, so both print alike. */
export function offsetText(minutes: number): string {
  if (minutes === 0) return "T0";
  const sign = minutes < 0 ? "−" : "+";
  const m = Math.abs(minutes);
  const h = Math.floor(m / 60);
  const r = m % 60;
  const body = h === 0 ? `${r}m` : r === 0 ? `${h}h` : `${h}h${r}m`;
  return `T${sign}${body}`;
}

/** Minutes from the launch in "T-4h", "-4h30m", "+30m", "T0", "0"; null when unreadable. */
export function parseOffset(text: string): number | null {
  let t = text.trim().replace(/−/g, "-");
  if (t.startsWith("T") || t.startsWith("t")) t = t.slice(1).trim();
  if (t === "0") return 0;
  let sign = 1;
  if (t.startsWith("-") || t.startsWith("+")) {
    sign = t.startsWith("-") ? -1 : 1;
    t = t.slice(1);
  }
  const body = t.replace(/\s+/g, "");
  const match = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(body);
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  const minutes = Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
  return sign * minutes;
}

const CLOCK = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/** Reads what was typed: an offset, or a clock time on `day` (0 = the launch day, −1 = before). */
export function readWhen(text: string, launch: Launch, day = 0): When {
  const t = text.trim();
  if (t === "") return { ok: false, message: `Say when: ${HINT}.` };
  if (CLOCK.test(t)) return clockOffset(launch, day, t);
  const minutes = parseOffset(t);
  if (minutes === null) return { ok: false, message: `Cannot read "${t}": ${HINT}.` };
  return within(minutes);
}

function within(minutes: number): When {
  if (Math.abs(minutes) > MAX_MINUTES) {
    return { ok: false, message: `${offsetText(minutes)} is too far from the launch: a runbook step lies within 48 hours of it.` };
  }
  return { ok: true, minutes };
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `zone` at an instant (milliseconds). */
function wallAt(ms: number, zone: string): Wall {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric",
    });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour, minute: +parts.minute };
}

const asUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/** The instant a wall clock shows in `zone`, or null when the clocks skip it (spring forward). */
function instantOf(wall: Wall, zone: string): number | null {
  const naive = asUtc(wall);
  // Two rounds of "naive minus the zone's offset there" settle on either side of a change.
  let guess = naive - (asUtc(wallAt(naive, zone)) - naive);
  guess = naive - (asUtc(wallAt(guess, zone)) - guess);
  return asUtc(wallAt(guess, zone)) === naive ? guess : null;
}

/** Minutes from the launch of a clock time ("05:00") in the plan's zone on `day`. */
export function clockOffset(launch: Launch, day: number, clock: string): When {
  const match = CLOCK.exec(clock.trim());
  if (!match) return { ok: false, message: `Cannot read the clock time "${clock.trim()}": write it as 05:00 (24-hour).` };
  const start = Date.parse(launch.at);
  const launchWall = wallAt(start, launch.zone);
  // The calendar day `day` days from the launch's own day, by the plan's calendar.
  const date = new Date(Date.UTC(launchWall.year, launchWall.month - 1, launchWall.day + day));
  const wall: Wall = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: +match[1], minute: +match[2] };
  const at = instantOf(wall, launch.zone);
  if (at === null) {
    return { ok: false, message: `${match[1].padStart(2, "0")}:${match[2]} does not exist in ${launch.zone} that day: the clocks jump forward. Pick a later time.` };
  }
  return within(Math.round((at - start) / 60_000));
}

/** A step's clock time in the plan's zone and its day relative to the launch's day. */
export function clockOf(launch: Launch, minutes: number): { day: number; clock: string } {
  const start = Date.parse(launch.at);
  const w = wallAt(start + minutes * 60_000, launch.zone);
  const l = wallAt(start, launch.zone);
  const day = Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(l.year, l.month - 1, l.day)) / 86_400_000);
  return { day, clock: `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}` };
}

/** "Tue 9 Feb 2027, 09:00": the launch on the plan's clock, as the readiness header says it. */
export function launchText(launch: Launch): string {
  const w = wallAt(Date.parse(launch.at), launch.zone);
  const day = `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
  return `${formatDayYear(day)}, ${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}

/** "on the launch day", "the day before", "2 days after". */
export function dayText(day: number): string {
  if (day === 0) return "on the launch day";
  const n = Math.abs(day);
  const side = day < 0 ? "before" : "after";
  return n === 1 ? `the day ${side}` : `${n} days ${side}`;
}

/** "T−4h · 05:00 on the launch day": what a step's time means, both ways of reading it. */
export function whenText(launch: Launch, minutes: number): string {
  const { day, clock } = clockOf(launch, minutes);
  return `${offsetText(minutes)} · ${clock} ${dayText(day)}`;
}
