// The two-clocks page of a run: the zones and the offset its manifest gives each clock, every frame on both clocks
// in time order (lib/frames/clock-offset.ts), how far the offset's uncertainty moves a frame's state of charge,
// and how many frames it moves off the cycling record.
import type {Table} from "apache-arrow";
import {cyclingSeriesFromTable} from "../echem/series.js";
import {clockRows, framesOnBothClocks, type ClockRow} from "../frames/clock-offset.js";
import {frameTimesFromTable} from "../frames/frame-times.js";

export interface ManifestClocks {
  simsTimeZone: string;
  /** The potentiostat's own zone, else the run's. */
  potentiostatTimeZone: string;
  /** Potentiostat clock minus SIMS clock, s: the manifest's, else 0 (`offsetStated` false). */
  offsetS: number;
  offsetStated: boolean;
  statedUncertaintyS: number | undefined;
}

export function manifestClocks(manifest: {timeZone: string; potentiostat: {timeZone?: string; clockOffsetS?: number; clockOffsetUncertaintyS?: number}}): ManifestClocks {
  const {potentiostat} = manifest;
  return {
    simsTimeZone: manifest.timeZone,
    potentiostatTimeZone: potentiostat.timeZone ?? manifest.timeZone,
    offsetS: potentiostat.clockOffsetS ?? 0,
    offsetStated: potentiostat.clockOffsetS !== undefined,
    statedUncertaintyS: potentiostat.clockOffsetUncertaintyS
  };
}

export interface ClockComparison {
  /** Every frame, in the order the SIMS clock started them. */
  rows: ClockRow[];
  /** The largest move of any frame's state of charge (0–1) at offset ± u; 0 when no frame is on the record. */
  largestStateOfChargeShift: number;
  /** The (region, frame)s that leave the record at offset - u or + u. */
  framesOutside: number;
}

export function clockComparison(cycling: Table, frames: Table, clock: {offsetS: number; uncertaintyS: number}): ClockComparison {
  const report = framesOnBothClocks(cyclingSeriesFromTable(cycling), frameTimesFromTable(frames), clock);
  const rows = clockRows(report).sort((a, b) => a.sims_start_unix_s - b.sims_start_unix_s);
  const shifts = rows.map((r) => Math.max(Math.abs(r.state_of_charge_high - r.state_of_charge), Math.abs(r.state_of_charge - r.state_of_charge_low))).filter(Number.isFinite);
  return {
    rows,
    largestStateOfChargeShift: Math.max(0, ...shifts),
    framesOutside: new Set(report.outside.map((o) => `${o.region}\u0000${o.frame}`)).size
  };
}
