// The charge–discharge curve as the paper draws it: voltage against the capacity passed since the start of
// each charge or discharge, per cycle, with each record's control mode (CC or CV) kept for drawing.
import {chargeDischargeSegments, chargePassedAh, type ChargeSegment} from "./segments.js";
import {recordAtOrBefore, type CyclingSeries} from "./series.js";
import {stateAt} from "./state-of-charge.js";

export interface CurvePoint {
  cycle: number;
  direction: "charge" | "discharge";
  mode: "CC" | "CV";
  /** Charge passed since the start of this charge or discharge, Ah (positive for both). */
  capacityAh: number;
  voltageV: number;
  testTimeS: number;
}

/** Every record of every charge and discharge segment; rests inside a segment are left out. */
export function chargeDischargeCurve(series: CyclingSeries): CurvePoint[] {
  const points: CurvePoint[] = [];
  for (const segment of chargeDischargeSegments(series)) {
    for (let i = segment.firstIndex; i <= segment.lastIndex; i++) {
      const mode = series.controlMode[i];
      if (mode === "rest") continue;
      points.push({
        cycle: segment.cycle,
        direction: segment.kind,
        mode,
        capacityAh: chargePassedAh(series, segment.kind, segment.firstIndex, i),
        voltageV: series.voltageV[i],
        testTimeS: series.testTimeS[i]
      });
    }
  }
  return points;
}

/** A place on the curve: its cycle, charge or discharge, the capacity passed since that began and the voltage. */
export type CurvePosition = Omit<CurvePoint, "mode" | "testTimeS">;

/**
 * Where an instant falls on that curve: inside a segment, the capacity passed so far; at rest, the end of the
 * segment before it (a frame taken after the full charge sits at the end of the charge curve); before any
 * current has flowed, the start of the first segment.
 */
export function curvePositionAt(series: CyclingSeries, unixTimeS: number): CurvePosition {
  const {voltageV} = stateAt(series, unixTimeS);
  const segments = chargeDischargeSegments(series);
  if (segments.length === 0) return {cycle: series.cycle[0], direction: "charge", capacityAh: 0, voltageV};
  const index = recordAtOrBefore(series, unixTimeS);
  const segment: ChargeSegment | undefined = segments.findLast((s) => s.firstIndex <= index);
  if (!segment) return {cycle: segments[0].cycle, direction: segments[0].kind, capacityAh: 0, voltageV};
  const last = Math.min(index, segment.lastIndex);
  return {cycle: segment.cycle, direction: segment.kind, capacityAh: chargePassedAh(series, segment.kind, segment.firstIndex, last), voltageV};
}

/** Where the middle of a frame's acquisition falls on the curve (each observation point's place on it). */
export function frameCurvePosition(series: CyclingSeries, frame: {startUnixS: number; endUnixS: number}): CurvePosition {
  return curvePositionAt(series, (frame.startUnixS + frame.endUnixS) / 2);
}
