import {wallClockToUnixMs} from "../time-zone.js";
import type {LocalDateTime} from "./source-record.js";

/**
 * UTC seconds of a wall-clock time in an IANA zone (../time-zone.ts): the earlier instant of a repeated hour,
 * undefined for a time the clocks skipped.
 */
export function localToUnixSeconds(local: LocalDateTime, timeZone: string): number | undefined {
  const wholeSecond = Math.floor(local.second);
  const utcMs = wallClockToUnixMs(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, wholeSecond), timeZone);
  return utcMs === undefined ? undefined : utcMs / 1000 + (local.second - wholeSecond);
}

export function formatLocal(local: LocalDateTime): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const seconds = local.second.toFixed(3).padStart(6, "0");
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}:${seconds}`;
}
