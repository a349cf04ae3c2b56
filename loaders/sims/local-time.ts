/**
 * Instrument times: `2025-06-02 09:00:00`, `2025-06-02T09:00:00.5`, optionally with `Z` or `+09:00`,
 * or the European `02.06.2025 09:00:00`. Without an offset a time is local in an IANA zone and is
 * converted by ../time-zone.ts.
 */
import {isValidTimeZone, wallClockTimeToUnixS, type WallClockTime} from "../time-zone.js";

interface TimeParts extends WallClockTime {
  /** Minutes east of UTC when the text carries an offset. */
  offsetMinutes?: number;
}

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}(?:[.,]\d+)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const EUROPEAN = /^(\d{2})\.(\d{2})\.(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}(?:[.,]\d+)?))?$/;

export function parseTimeParts(text: string): TimeParts | undefined {
  const trimmed = text.trim();
  let parts: TimeParts;
  let offset: string | undefined;
  let m = ISO_LIKE.exec(trimmed);
  if (m) {
    parts = {year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: m[6] ? +m[6].replace(",", ".") : 0};
    offset = m[7];
  } else if ((m = EUROPEAN.exec(trimmed))) {
    parts = {year: +m[3], month: +m[2], day: +m[1], hour: +m[4], minute: +m[5], second: m[6] ? +m[6].replace(",", ".") : 0};
  } else {
    return undefined;
  }
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > 31 || parts.hour > 23 || parts.minute > 59 || parts.second >= 61) {
    return undefined;
  }
  const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (check.getUTCDate() !== parts.day) return undefined; // 31 June and the like
  if (offset !== undefined) {
    const o = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
    parts.offsetMinutes = o ? (o[1] === "-" ? -1 : 1) * (+o[2] * 60 + +o[3]) : 0;
  }
  return parts;
}

export type TimeResult = {unixS: number} | {problem: string};

/**
 * Seconds since 1970 UTC of a written time. A local time that occurs twice (clocks going back) takes
 * the first occurrence; one that never occurs (clocks going forward) is a problem, never shifted.
 */
export function toUnixSeconds(text: string, timeZone: string): TimeResult {
  const parts = parseTimeParts(text);
  if (!parts) return {problem: `"${text}" is not a time like 2025-06-02 09:00:00`};
  if (parts.offsetMinutes !== undefined) {
    const wallMs = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, 0) + parts.second * 1000;
    return {unixS: (wallMs - parts.offsetMinutes * 60_000) / 1000};
  }
  if (!isValidTimeZone(timeZone)) return {problem: `"${timeZone}" is not an IANA time zone`};
  const unixS = wallClockTimeToUnixS(parts, timeZone);
  if (unixS === undefined) return {problem: `"${text}" does not exist in ${timeZone} (clocks moved forward)`};
  return {unixS};
}
