import type {ChargeSegment} from "./segments.js";
import type {CyclingSeries} from "./series.js";

/** Differential capacity of one segment on a regular voltage grid. */
export interface DqDvCurve {
  /** Bin centres, V. */
  voltageV: Float64Array;
  /** dQ/dV, Ah/V: positive on charge, negative on discharge (the usual plotting convention). */
  dqDvAhPerV: Float64Array;
  voltageStepV: number;
}

/**
 * Bins the charge passed by each record of the segment by the record's voltage: the area under the curve
 * (sum of |dQ/dV| * step) equals the segment's capacity, whatever the noise in V.
 */
export function differentialCapacity(series: CyclingSeries, segment: ChargeSegment, voltageStepV = 0.005): DqDvCurve {
  if (!(voltageStepV > 0)) throw new RangeError(`voltageStepV must be positive, got ${voltageStepV}`);
  let minV = Infinity;
  let maxV = -Infinity;
  for (let i = segment.firstIndex; i <= segment.lastIndex; i++) {
    const v = series.voltageV[i];
    if (!Number.isFinite(v)) throw new RangeError(`record ${i} has no finite voltage (${v}); dQ/dV would lose its charge`);
    minV = Math.min(minV, v);
    maxV = Math.max(maxV, v);
  }
  const firstBin = Math.floor(minV / voltageStepV);
  const binCount = Math.floor(maxV / voltageStepV) - firstBin + 1;
  const sums = new Float64Array(binCount);
  const cumulative = segment.kind === "charge" ? series.chargeCapacityAh : series.dischargeCapacityAh;
  for (let i = segment.firstIndex; i <= segment.lastIndex; i++) {
    const dq = cumulative[i] - (i > 0 ? cumulative[i - 1] : 0);
    sums[Math.floor(series.voltageV[i] / voltageStepV) - firstBin] += dq;
  }
  const sign = segment.kind === "charge" ? 1 : -1;
  const voltageV = new Float64Array(binCount);
  const dqDvAhPerV = new Float64Array(binCount);
  for (let b = 0; b < binCount; b++) {
    voltageV[b] = (firstBin + b + 0.5) * voltageStepV;
    dqDvAhPerV[b] = (sign * sums[b]) / voltageStepV;
  }
  return {voltageV, dqDvAhPerV, voltageStepV};
}
