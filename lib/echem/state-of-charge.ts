import type {ControlMode} from "./derive.js";
import {CyclingTableError, OutsideRecordError} from "./errors.js";
import {recordAtOrBefore, type CyclingSeries} from "./series.js";

/** The cell at one instant, interpolated linearly between the two records around it. */
export interface CellState {
  unixTimeS: number;
  voltageV: number;
  /** Current and control mode of the record that closes the interval holding the instant. */
  currentA: number;
  controlMode: ControlMode;
  cycle: number;
  /** Charge stored relative to the start of the record, Ah (charged minus discharged so far). */
  capacityAh: number;
  /**
   * 0 at the cycle's lowest stored charge before its full-charge point, 1 at that full-charge point (the
   * highest stored charge of the cycle, i.e. the end of the CC-CV charge). Not clamped: below 0 means
   * discharged past where the cycle started. NaN in a cycle that stores no charge.
   */
  stateOfCharge: number;
}

interface CycleLevels {
  emptyAh: number;
  fullAh: number;
}

const levelsCache = new WeakMap<CyclingSeries, {runOf: Int32Array; levels: CycleLevels[]}>();

function cycleLevels(series: CyclingSeries): {runOf: Int32Array; levels: CycleLevels[]} {
  const cached = levelsCache.get(series);
  if (cached) return cached;
  const n = series.cycle.length;
  const runOf = new Int32Array(n);
  const levels: CycleLevels[] = [];
  const stored = series.storedChargeAh;
  for (let first = 0; first < n; ) {
    let last = first;
    while (last + 1 < n && series.cycle[last + 1] === series.cycle[first]) last++;
    let fullIndex = first;
    for (let i = first; i <= last; i++) if (stored[i] > stored[fullIndex]) fullIndex = i;
    // The cycle starts from the level of the record before it: a record holds the charge passed up to it.
    let emptyAh = first > 0 ? stored[first - 1] : stored[first];
    for (let i = first; i <= fullIndex; i++) emptyAh = Math.min(emptyAh, stored[i]);
    runOf.fill(levels.length, first, last + 1);
    levels.push({emptyAh, fullAh: stored[fullIndex]});
    first = last + 1;
  }
  const result = {runOf, levels};
  levelsCache.set(series, result);
  return result;
}

/** The state of the cell at `unixTimeS`; a time outside the record throws OutsideRecordError. */
export function stateAt(series: CyclingSeries, unixTimeS: number): CellState {
  const times = series.unixTimeS;
  const n = times.length;
  if (n === 0) throw new CyclingTableError("the cycling record is empty");
  if (!(unixTimeS >= times[0] && unixTimeS <= times[n - 1])) throw new OutsideRecordError(unixTimeS, times[0], times[n - 1]);
  const i = recordAtOrBefore(series, unixTimeS);
  const j = Math.min(i + 1, n - 1);
  const span = times[j] - times[i];
  const f = span > 0 ? (unixTimeS - times[i]) / span : 0;
  const closing = f > 0 ? j : i;
  const lerp = (values: Float64Array) => values[i] + f * (values[j] - values[i]);
  const capacityAh = lerp(series.storedChargeAh);
  const {runOf, levels} = cycleLevels(series);
  const {emptyAh, fullAh} = levels[runOf[closing]];
  return {
    unixTimeS,
    voltageV: lerp(series.voltageV),
    currentA: series.currentA[closing],
    controlMode: series.controlMode[closing],
    cycle: series.cycle[closing],
    capacityAh,
    stateOfCharge: fullAh > emptyAh ? (capacityAh - emptyAh) / (fullAh - emptyAh) : Number.NaN
  };
}
