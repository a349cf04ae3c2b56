/**
 * Per-record quantities of the cycling table that instruments do not all write: steps, cycles and the
 * cumulative capacities. Pure functions over typed arrays; current is positive on charge (BDF).
 */
export type ControlMode = "CC" | "CV" | "rest";
/** Codes used in typed arrays: index into CONTROL_MODES. */
export const CONTROL_MODES: readonly ControlMode[] = ["CC", "CV", "rest"];
export const CC = 0;
export const CV = 1;
export const REST = 2;

/** EC-Lab's `mode` flag: 1 galvanostatic (CC), 2 potentiostatic (CV), 3 open circuit (rest); 0 is read as rest. */
export function controlModesFromEcLab(mode: ArrayLike<number>): Int8Array {
  const out = new Int8Array(mode.length);
  for (let i = 0; i < mode.length; i++) out[i] = mode[i] === 1 ? CC : mode[i] === 2 ? CV : REST;
  return out;
}

/** Without a mode column: rest where |I| is at most `restCurrentA`, CC elsewhere. */
export function controlModesFromCurrent(currentA: ArrayLike<number>, restCurrentA: number): Int8Array {
  const out = new Int8Array(currentA.length);
  for (let i = 0; i < currentA.length; i++) out[i] = Math.abs(currentA[i]) > restCurrentA ? CC : REST;
  return out;
}

/** +1 charge, -1 discharge, 0 rest (or a zero current) for each record. */
export function directions(currentA: ArrayLike<number>, modes: Int8Array): Int8Array {
  const out = new Int8Array(currentA.length);
  for (let i = 0; i < currentA.length; i++) out[i] = modes[i] === REST ? 0 : Math.sign(currentA[i]) || 0;
  return out;
}

/** A signed integer array of the smallest type that holds its values (the data model asks for small integer columns). */
export type SmallInts = Int8Array | Int16Array | Int32Array;

/** An array of `length` zeros of the smallest signed integer type that holds every value in `min`..`max`. */
export function smallestIntArray(min: number, max: number, length: number): SmallInts {
  if (min >= -128 && max <= 127) return new Int8Array(length);
  if (min >= -32768 && max <= 32767) return new Int16Array(length);
  return new Int32Array(length);
}

/**
 * 1-based running step number: a new step starts where the step id (BioLogic Ns) changes, where the
 * instrument flags a new step, or (without step ids) where the direction (rest/charge/discharge) changes.
 * Counted once before being written, so that the counts go straight into their smallest integer array.
 */
export function stepCounts(stepId: ArrayLike<number> | undefined, newStepFlag: ArrayLike<number> | undefined, direction: Int8Array): SmallInts {
  const steps = countSteps(stepId, newStepFlag, direction, undefined);
  const out = smallestIntArray(0, steps, direction.length);
  countSteps(stepId, newStepFlag, direction, out);
  return out;
}

function countSteps(stepId: ArrayLike<number> | undefined, newStepFlag: ArrayLike<number> | undefined, direction: Int8Array, out: SmallInts | undefined): number {
  let count = 1;
  for (let i = 0; i < direction.length; i++) {
    if (i > 0) {
      const changed = stepId ? stepId[i] !== stepId[i - 1] || (newStepFlag !== undefined && newStepFlag[i] === 1) : direction[i] !== direction[i - 1];
      if (changed) count++;
    }
    if (out) out[i] = count;
  }
  return direction.length > 0 ? count : 0;
}

/**
 * 0-based half-cycle index without an instrument half-cycle column: it advances each time the direction of
 * the non-rest records flips (charge to discharge or back). Rest records keep the current half-cycle.
 */
export function halfCyclesFromDirection(direction: Int8Array): Int32Array {
  const out = new Int32Array(direction.length);
  let half = 0;
  let last = 0;
  for (let i = 0; i < direction.length; i++) {
    const d = direction[i];
    if (d !== 0) {
      if (last !== 0 && d !== last) half++;
      last = d;
    }
    out[i] = half;
  }
  return out;
}

/** 1-based cycle number from 0-based half cycles, as EC-Lab counts them (cycle number = floor(half cycle / 2)), in the smallest integer array that holds them. */
export function cyclesFromHalfCycles(halfCycle: ArrayLike<number>): SmallInts {
  const out = smallestIntArray(...wrappedRange(halfCycle, (h) => Math.floor(h / 2) + 1), halfCycle.length);
  for (let i = 0; i < halfCycle.length; i++) out[i] = Math.floor(halfCycle[i] / 2) + 1;
  return out;
}

/** 1-based cycle number from the instrument's 0-based cycle counter, in the smallest integer array that holds them. */
export function cyclesFromCycleNumbers(cycleNumber: ArrayLike<number>): SmallInts {
  const out = smallestIntArray(...wrappedRange(cycleNumber, (c) => c + 1), cycleNumber.length);
  for (let i = 0; i < cycleNumber.length; i++) out[i] = cycleNumber[i] + 1;
  return out;
}

/**
 * The least and greatest (0 included) of `cycleOf(v)` as a 32-bit integer array would store them (NaN as 0,
 * wrapping beyond 32 bits), for a non-decreasing `cycleOf`: from the values' own range, which takes one cheap
 * pass, unless the ends wrap; then value by value.
 */
function wrappedRange(values: ArrayLike<number>, cycleOf: (value: number) => number): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < low) low = values[i];
    if (values[i] > high) high = values[i];
  }
  if (values.length === 0) return [0, 0];
  const least = cycleOf(low);
  const greatest = cycleOf(high);
  if (least >= -(2 ** 31) && greatest < 2 ** 31) return [Math.min(0, least | 0), Math.max(0, greatest | 0)];
  let min = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const stored = cycleOf(values[i]) | 0;
    if (stored < min) min = stored;
    else if (stored > max) max = stored;
  }
  return [min, max];
}

/** Charge passed since the previous record, Ah, by the trapezoid rule over the current (first record 0). */
export function chargeIncrementsFromCurrent(testTimeS: ArrayLike<number>, currentA: ArrayLike<number>): Float64Array {
  const out = new Float64Array(testTimeS.length);
  for (let i = 1; i < testTimeS.length; i++) out[i] = ((currentA[i] + currentA[i - 1]) / 2) * (testTimeS[i] - testTimeS[i - 1]) / 3600;
  return out;
}

/** Increments from a running charge counter such as EC-Lab's (Q-Qo), converted by `toAh`. */
export function chargeIncrementsFromCounter(counter: ArrayLike<number>, toAh: number): Float64Array {
  const out = new Float64Array(counter.length);
  for (let i = 1; i < counter.length; i++) out[i] = (counter[i] - counter[i - 1]) * toAh;
  return out;
}

export interface CumulativeCapacities {
  chargingAh: Float64Array;
  dischargingAh: Float64Array;
  cycleChargingAh: Float64Array;
  cycleDischargingAh: Float64Array;
}

/**
 * Cumulative charge and discharge capacities (both positive), over the record and within each cycle, from
 * the charge passed since the previous record in units of `incrementToAh` ampere-hours (1 when already in Ah),
 * so that an instrument's own increments (EC-Lab's dq in mA.h) need no scaled copy.
 */
export function cumulativeCapacities(increment: Float64Array, incrementToAh: number, cycle: ArrayLike<number>): CumulativeCapacities {
  const n = increment.length;
  const result = {chargingAh: new Float64Array(n), dischargingAh: new Float64Array(n), cycleChargingAh: new Float64Array(n), cycleDischargingAh: new Float64Array(n)};
  let charged = 0, discharged = 0, cycleCharged = 0, cycleDischarged = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && cycle[i] !== cycle[i - 1]) cycleCharged = cycleDischarged = 0;
    const dq = increment[i] * incrementToAh;
    if (dq > 0) {
      charged += dq;
      cycleCharged += dq;
    } else if (dq < 0) {
      discharged -= dq;
      cycleDischarged -= dq;
    }
    result.chargingAh[i] = charged;
    result.dischargingAh[i] = discharged;
    result.cycleChargingAh[i] = cycleCharged;
    result.cycleDischargingAh[i] = cycleDischarged;
  }
  return result;
}
