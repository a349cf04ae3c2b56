// Figure 1(d) of a run: the cycling record as charge–discharge curves in the unit that suits the cell, the first
// region's observation points numbered on them (as on every page), and the cycle and step capacity tables.
import type {Table} from "apache-arrow";
import {cycleCapacityRows, stepPartRows} from "../echem/capacity-tables.js";
import {chargeUnitForCurve, type ChargeUnit} from "../echem/charge-unit.js";
import {chargeDischargeCurve, type CurvePoint, type CurvePosition} from "../echem/curve.js";
import {cycleSummaries, type CycleSummary} from "../echem/cycles.js";
import {cyclingSeriesFromTable} from "../echem/series.js";
import {observationsOf, type RunAnalysis} from "./analysis.js";

export interface ChargeDischargeFigure {
  curve: CurvePoint[];
  /** The first region's observation points, numbered, where the build placed them on the curve. */
  points: ({number: number} & CurvePosition)[];
  chargeUnit: ChargeUnit;
  /** The cycles that stored charge, in order. */
  cycles: CycleSummary[];
  capacityRows: ReturnType<typeof cycleCapacityRows>;
  stepRows: ReturnType<typeof stepPartRows>;
}

/** `timeline` gives the observation points (the build placed them on the record: observations.json). */
export function chargeDischargeFigure(cycling: Table, timeline: RunAnalysis): ChargeDischargeFigure {
  const series = cyclingSeriesFromTable(cycling);
  const curve = chargeDischargeCurve(series);
  const chargeUnit = chargeUnitForCurve(curve);
  const firstRegion = timeline.manifest.regions[0]!.id;
  return {
    curve,
    points: observationsOf(timeline, firstRegion).map((o) => ({number: o.number, ...o.curvePosition})),
    chargeUnit,
    cycles: cycleSummaries(series).filter((c) => c.chargeCapacityAh > 0),
    capacityRows: cycleCapacityRows(series, chargeUnit),
    stepRows: stepPartRows(series, chargeUnit)
  };
}
