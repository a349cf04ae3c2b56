import {isoOf, OutsideRecordError} from "../echem/errors.js";
import type {CyclingSeries} from "../echem/series.js";
import {stateAt, type CellState} from "../echem/state-of-charge.js";
import {nameObservations, type ObservationName, type ObservationTime} from "./observation-names.js";

/** A SIMS frame: observation-point index, optional region, and when it was acquired (UTC seconds). */
export interface SimsFrameTime extends ObservationTime {
  region?: string;
}

export interface FrameOnCurve extends ObservationName {
  region?: string;
  startUnixS: number;
  endUnixS: number;
  atStart: CellState;
  atMiddle: CellState;
  atEnd: CellState;
  /** Net charge stored during the frame, Ah: positive while charging, negative while discharging. */
  capacityPassedAh: number;
}

/** A frame acquired (partly) outside the cycling record. */
export class FrameOutsideRecordError extends OutsideRecordError {
  readonly frame: number;
  readonly region?: string;

  constructor(frame: SimsFrameTime, recordStartUnixS: number, recordEndUnixS: number) {
    const outside = frame.startUnixS < recordStartUnixS ? frame.startUnixS : frame.endUnixS;
    const which = `frame ${frame.frame}${frame.region ? ` (${frame.region})` : ""}, acquired ${isoOf(frame.startUnixS)} to ${isoOf(frame.endUnixS)}: time`;
    super(outside, recordStartUnixS, recordEndUnixS, which);
    this.frame = frame.frame;
    this.region = frame.region;
  }
}

/** Places every frame on the cycling curve: state at its start, middle and end, charge passed, and its name. */
export function framesOnCurve(series: CyclingSeries, frames: readonly SimsFrameTime[]): FrameOnCurve[] {
  const times = series.unixTimeS;
  const first = times[0];
  const last = times[times.length - 1];
  for (const frame of frames) {
    if (!(frame.endUnixS >= frame.startUnixS)) throw new RangeError(`frame ${frame.frame} ends (${isoOf(frame.endUnixS)}) before it starts (${isoOf(frame.startUnixS)})`);
    if (times.length === 0 || !(frame.startUnixS >= first && frame.endUnixS <= last)) throw new FrameOutsideRecordError(frame, first, last);
  }
  const names = nameObservations(series, frames);
  return frames.map((frame) => {
    const atStart = stateAt(series, frame.startUnixS);
    const atEnd = stateAt(series, frame.endUnixS);
    return {
      ...names.get(frame.frame)!,
      region: frame.region,
      startUnixS: frame.startUnixS,
      endUnixS: frame.endUnixS,
      atStart,
      atMiddle: stateAt(series, (frame.startUnixS + frame.endUnixS) / 2),
      atEnd,
      capacityPassedAh: atEnd.capacityAh - atStart.capacityAh
    };
  });
}
