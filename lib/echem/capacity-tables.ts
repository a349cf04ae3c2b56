// The capacity tables of Figure 1(d)'s page as rows: each cycle's charge, discharge and irreversible capacity,
// and each step's charge split into its constant-current and constant-voltage parts, with their durations; the
// charges in one unit for the run (`chargeUnitFor`), the unit in each column's heading.
import type {ChargeUnit} from "./charge-unit.js";
import {stepParts} from "./cc-cv.js";
import {cycleSummaries} from "./cycles.js";
import type {CyclingSeries} from "./series.js";

/** The cycles that stored charge, one row each. */
export function cycleCapacityRows(series: CyclingSeries, unit: ChargeUnit): Record<string, number>[] {
  return cycleSummaries(series).filter((c) => c.chargeCapacityAh > 0).map((c) => ({
    cycle: c.cycle,
    [`charge (${unit.symbol})`]: unit.of(c.chargeCapacityAh),
    [`discharge (${unit.symbol})`]: unit.of(c.dischargeCapacityAh),
    [`irreversible (${unit.symbol})`]: unit.of(c.irreversibleCapacityAh),
    "irreversible (%)": c.irreversibleCapacityPercent,
    "Coulombic efficiency (%)": c.coulombicEfficiency * 100
  }));
}

/** Each charge or discharge step, one row; durations in hours for a test with a step of 2 h or more, else minutes. */
export function stepPartRows(series: CyclingSeries, unit: ChargeUnit): Record<string, number | string>[] {
  const steps = stepParts(series).filter((s) => s.direction !== "rest");
  // No step then shows as 0.00 of its unit.
  const [timeUnit, secondsPerUnit] = Math.max(0, ...steps.map((s) => s.ccDurationS + s.cvDurationS)) >= 2 * 3600 ? ["h", 3600] : ["min", 60];
  return steps.map((s) => ({
    cycle: s.cycle,
    step: s.stepCount,
    direction: s.direction,
    [`CC (${unit.symbol})`]: unit.of(s.ccCapacityAh),
    [`CV (${unit.symbol})`]: unit.of(s.cvCapacityAh),
    [`CC time (${timeUnit})`]: s.ccDurationS / secondsPerUnit,
    [`CV time (${timeUnit})`]: s.cvDurationS / secondsPerUnit
  }));
}
