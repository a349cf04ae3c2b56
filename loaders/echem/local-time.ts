import type {WallClockTime} from "../time-zone.js";

export function formatLocal(local: WallClockTime): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const seconds = local.second.toFixed(3).padStart(6, "0");
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}:${seconds}`;
}
