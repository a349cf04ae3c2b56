import type * as arrow from "apache-arrow";
import type {ControlMode} from "./derive.js";
import {CyclingTableError} from "./errors.js";

/** The cycling table as typed arrays, one entry per record, in record order (BDF units; current positive on charge). */
export interface CyclingSeries {
  unixTimeS: Float64Array;
  testTimeS: Float64Array;
  voltageV: Float64Array;
  currentA: Float64Array;
  /** 1-based cycle number (cycle_count). */
  cycle: Int32Array;
  /** 1-based running step number (step_count). */
  stepCount: Int32Array;
  /** The instrument's step id (BioLogic Ns). */
  stepId: Int32Array;
  controlMode: readonly ControlMode[];
  /** Cumulative charge put in since the record start, Ah (charging_capacity_ah). */
  chargeCapacityAh: Float64Array;
  /** Cumulative charge taken out since the record start, Ah, positive (discharging_capacity_ah). */
  dischargeCapacityAh: Float64Array;
  /** Charge put in within the record's cycle so far, Ah (cycle_charging_capacity_ah). */
  cycleChargeCapacityAh: Float64Array;
  cycleDischargeCapacityAh: Float64Array;
  /** Charge stored relative to the start of the record, Ah: charged minus discharged. */
  storedChargeAh: Float64Array;
}

function column(table: arrow.Table, name: string): arrow.Vector {
  const vector = table.getChild(name);
  if (!vector) throw new CyclingTableError(`the cycling table has no '${name}' column`);
  return vector;
}

function floats(table: arrow.Table, name: string): Float64Array {
  return Float64Array.from(column(table, name).toArray() as ArrayLike<number>);
}

function ints(table: arrow.Table, name: string): Int32Array {
  return Int32Array.from(column(table, name).toArray() as ArrayLike<number>);
}

const MODES = new Set<string>(["CC", "CV", "rest"]);

export function cyclingSeriesFromTable(table: arrow.Table): CyclingSeries {
  const controlMode = (column(table, "control_mode").toArray() as ArrayLike<string | null>);
  const modes: ControlMode[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const mode = controlMode[i];
    if (mode === null || !MODES.has(mode)) throw new CyclingTableError(`control_mode of record ${i} is ${JSON.stringify(mode)}, expected CC, CV or rest`);
    modes[i] = mode as ControlMode;
  }
  const chargeCapacityAh = floats(table, "charging_capacity_ah");
  const dischargeCapacityAh = floats(table, "discharging_capacity_ah");
  const storedChargeAh = new Float64Array(table.numRows);
  for (let i = 0; i < storedChargeAh.length; i++) storedChargeAh[i] = chargeCapacityAh[i] - dischargeCapacityAh[i];
  return {
    unixTimeS: floats(table, "unix_time_second"),
    testTimeS: floats(table, "test_time_second"),
    voltageV: floats(table, "voltage_volt"),
    currentA: floats(table, "current_ampere"),
    cycle: ints(table, "cycle_count"),
    stepCount: ints(table, "step_count"),
    stepId: ints(table, "step_id"),
    controlMode: modes,
    chargeCapacityAh,
    dischargeCapacityAh,
    cycleChargeCapacityAh: floats(table, "cycle_charging_capacity_ah"),
    cycleDischargeCapacityAh: floats(table, "cycle_discharging_capacity_ah"),
    storedChargeAh
  };
}

/** +1 charging, -1 discharging, 0 at rest, for record i. */
export function directionAt(series: CyclingSeries, i: number): number {
  return series.controlMode[i] === "rest" ? 0 : Math.sign(series.currentA[i]) || 0;
}

/** Index of the last record at or before `unixTimeS` (0 if none; records are in time order). */
export function recordAtOrBefore(series: CyclingSeries, unixTimeS: number): number {
  const times = series.unixTimeS;
  let low = 0;
  let high = times.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (times[mid] <= unixTimeS) low = mid;
    else high = mid - 1;
  }
  return low;
}
