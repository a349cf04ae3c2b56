import type {LocalDateTime} from "./source-record.js";

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

/** Throws a RangeError for a name that is not an IANA time zone. */
export function checkTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

// Offset of the zone's wall clock from UTC at the instant `unixMs`, in ms (whole seconds only).
function zoneOffsetMs(unixMs: number, timeZone: string): number {
  const wholeSecondMs = Math.floor(unixMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(wholeSecondMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wallAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wallAsUtc - wholeSecondMs;
}

/**
 * UTC seconds of a wall-clock time in an IANA zone. A wall time that occurs twice (the hour after a DST
 * fall-back) resolves to the earlier instant; one that never occurs (spring-forward gap) is shifted forward.
 */
export function localToUnixSeconds(local: LocalDateTime, timeZone: string): number {
  const wholeSecond = Math.floor(local.second);
  const wallAsUtcMs = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, wholeSecond);
  const firstGuess = wallAsUtcMs - zoneOffsetMs(wallAsUtcMs, timeZone);
  const earlierOffset = zoneOffsetMs(firstGuess - 3_600_000, timeZone);
  const laterOffset = zoneOffsetMs(firstGuess + 3_600_000, timeZone);
  let utcMs = wallAsUtcMs - zoneOffsetMs(firstGuess, timeZone);
  for (const offset of [earlierOffset, laterOffset]) {
    const candidate = wallAsUtcMs - offset;
    if (zoneOffsetMs(candidate, timeZone) === offset && candidate < utcMs) utcMs = candidate;
  }
  return utcMs / 1000 + (local.second - wholeSecond);
}

export function formatLocal(local: LocalDateTime): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const seconds = local.second.toFixed(3).padStart(6, "0");
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}:${seconds}`;
}
