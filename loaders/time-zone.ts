// Wall-clock times of an instrument PC in an IANA time zone, to UTC, with Intl only (no time-zone tables of our
// own), so that the same code runs at build time and in a page.

/** A wall-clock time as the instrument PC wrote it, in its local time zone (seconds may have a fraction). */
export interface WallClockTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric"
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the zone's wall clock from UTC at the instant `utcMs`, in ms (positive east of Greenwich). */
function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const wholeSecondMs = Math.floor(utcMs / 1000) * 1000;
  const field: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(wholeSecondMs))) field[part.type] = Number(part.value);
  return Date.UTC(field.year, field.month - 1, field.day, field.hour, field.minute, field.second) - wholeSecondMs;
}

/**
 * The UTC instant (ms) at which the zone's clocks showed `wallMs` (a wall-clock time written as if it were UTC).
 * A time shown twice (clocks going back) gives the first instant; a time never shown (clocks going forward)
 * gives undefined, for the caller to report: it is never shifted silently. Throws a RangeError for an unknown zone.
 */
export function wallClockToUnixMs(wallMs: number, timeZone: string): number | undefined {
  const candidates: number[] = [];
  for (const probe of [wallMs - 86_400_000, wallMs, wallMs + 86_400_000]) {
    const offset = zoneOffsetMs(timeZone, probe);
    const utc = wallMs - offset;
    if (zoneOffsetMs(timeZone, utc) === offset) candidates.push(utc);
  }
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}

/** UTC seconds of a wall-clock time in an IANA zone, by `wallClockToUnixMs`'s rules; undefined for a skipped time. */
export function wallClockTimeToUnixS(time: WallClockTime, timeZone: string): number | undefined {
  const wholeSecond = Math.floor(time.second);
  const utcMs = wallClockToUnixMs(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, wholeSecond), timeZone);
  return utcMs === undefined ? undefined : utcMs / 1000 + (time.second - wholeSecond);
}
