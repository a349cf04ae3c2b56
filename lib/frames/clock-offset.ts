/**
 * The two clocks: frame times come from the SIMS instrument's clock, the cycling record from the potentiostat's.
 * Both are converted to UTC by the loaders (each with its own time zone); what is left is the clocks'
 * disagreement, `offsetS` = potentiostat clock - SIMS clock, so an instant the SIMS clock reads t is t + offsetS
 * on the potentiostat's clock (and in the cycling record). With its standard uncertainty u, every frame is placed
 * on the cycling curve at offset - u, offset and offset + u, to show how far its state of charge and voltage
 * move; a frame that falls (partly) outside the record at any of the three is reported, not dropped.
 */
import type {CyclingSeries} from "../echem/series.js";
import {framesOnCurve, type FrameOnCurve, type SimsFrameTime} from "./frames-on-curve.js";

export interface ClockOffset {
  /** Potentiostat clock minus SIMS clock, s (default in a manifest: 0). */
  offsetS: number;
  /** Standard uncertainty of the offset, s (>= 0). */
  uncertaintyS: number;
}

export type OffsetCase = "low" | "nominal" | "high";

export interface FramePosition {
  case: OffsetCase;
  offsetS: number;
  /** The frame on the curve at this offset (times on the potentiostat's clock); null when outside the record. */
  onCurve: FrameOnCurve | null;
}

export interface FrameOnBothClocks {
  frame: number;
  region?: string;
  simsStartUnixS: number;
  simsEndUnixS: number;
  /** At the nominal offset. */
  potentiostatStartUnixS: number;
  potentiostatEndUnixS: number;
  /** At offset - u, offset, offset + u, in that order. */
  positions: FramePosition[];
}

export interface FrameOutsideRecord {
  frame: number;
  region?: string;
  case: OffsetCase;
  offsetS: number;
  /** Frame start and end on the potentiostat's clock at that offset. */
  startUnixS: number;
  endUnixS: number;
}

export interface ClockReport {
  recordStartUnixS: number;
  recordEndUnixS: number;
  frames: FrameOnBothClocks[];
  /** Every (frame, offset case) outside the record; empty when all frames fit at all three offsets. */
  outside: FrameOutsideRecord[];
}

export function framesOnBothClocks(series: CyclingSeries, frames: readonly SimsFrameTime[], clock: ClockOffset): ClockReport {
  if (!Number.isFinite(clock.offsetS)) throw new RangeError(`clock offset ${clock.offsetS} s is not a finite number`);
  if (!(clock.uncertaintyS >= 0 && Number.isFinite(clock.uncertaintyS))) throw new RangeError(`clock offset uncertainty ${clock.uncertaintyS} s is not a finite number >= 0`);
  const times = series.unixTimeS;
  if (times.length === 0) throw new RangeError("the cycling record is empty");
  const [first, last] = [times[0], times[times.length - 1]];
  const cases: [OffsetCase, number][] = [["low", clock.offsetS - clock.uncertaintyS], ["nominal", clock.offsetS], ["high", clock.offsetS + clock.uncertaintyS]];
  const outside: FrameOutsideRecord[] = [];
  const placed = cases.map(([name, offsetS]) => {
    const shifted = frames.map((f) => ({...f, startUnixS: f.startUnixS + offsetS, endUnixS: f.endUnixS + offsetS}));
    const inside = shifted.filter((f) => {
      const fits = f.startUnixS >= first && f.endUnixS <= last;
      if (!fits) outside.push({frame: f.frame, region: f.region, case: name, offsetS, startUnixS: f.startUnixS, endUnixS: f.endUnixS});
      return fits;
    });
    const onCurve = inside.length > 0 ? framesOnCurve(series, inside) : [];
    return new Map(onCurve.map((o) => [`${o.frame}\u0000${o.region ?? ""}`, o]));
  });
  return {
    recordStartUnixS: first,
    recordEndUnixS: last,
    frames: frames.map((f) => ({
      frame: f.frame, region: f.region, simsStartUnixS: f.startUnixS, simsEndUnixS: f.endUnixS,
      potentiostatStartUnixS: f.startUnixS + clock.offsetS, potentiostatEndUnixS: f.endUnixS + clock.offsetS,
      positions: cases.map(([name, offsetS], k) => ({case: name, offsetS, onCurve: placed[k].get(`${f.frame}\u0000${f.region ?? ""}`) ?? null}))
    })),
    outside
  };
}

/** One row per frame of a clock report, as a page's table and download show it (snake_case, units in names). */
export interface ClockRow {
  frame: number;
  region: string;
  sims_start_unix_s: number;
  sims_end_unix_s: number;
  potentiostat_start_unix_s: number;
  potentiostat_end_unix_s: number;
  /** State of charge (0-1) and voltage at the frame's middle at offset - u, offset, offset + u; NaN outside the record. */
  state_of_charge_low: number;
  state_of_charge: number;
  state_of_charge_high: number;
  voltage_low_v: number;
  voltage_v: number;
  voltage_high_v: number;
}

export function clockRows(report: ClockReport): ClockRow[] {
  return report.frames.map((f) => {
    const [low, nominal, high] = f.positions.map((p) => p.onCurve?.atMiddle);
    return {
      frame: f.frame, region: f.region ?? "",
      sims_start_unix_s: f.simsStartUnixS, sims_end_unix_s: f.simsEndUnixS,
      potentiostat_start_unix_s: f.potentiostatStartUnixS, potentiostat_end_unix_s: f.potentiostatEndUnixS,
      state_of_charge_low: low?.stateOfCharge ?? NaN, state_of_charge: nominal?.stateOfCharge ?? NaN, state_of_charge_high: high?.stateOfCharge ?? NaN,
      voltage_low_v: low?.voltageV ?? NaN, voltage_v: nominal?.voltageV ?? NaN, voltage_high_v: high?.voltageV ?? NaN
    };
  });
}
