import type {CyclingSeries} from "./series.js";

/** Capacities of one cycle and what was lost in it. */
export interface CycleSummary {
  cycle: number;
  firstIndex: number;
  lastIndex: number;
  chargeCapacityAh: number;
  dischargeCapacityAh: number;
  /** Discharge over charge capacity (0..1); NaN when nothing was charged in the cycle. */
  coulombicEfficiency: number;
  /** Charge minus discharge capacity, Ah: charge put in and not given back within the cycle. */
  irreversibleCapacityAh: number;
  /** The irreversible capacity as a percentage of the charge capacity (100 - 100 * efficiency). */
  irreversibleCapacityPercent: number;
}

/** One summary per run of records with the same cycle number, in record order. */
export function cycleSummaries(series: CyclingSeries): CycleSummary[] {
  const summaries: CycleSummary[] = [];
  const n = series.cycle.length;
  for (let first = 0; first < n; ) {
    let last = first;
    while (last + 1 < n && series.cycle[last + 1] === series.cycle[first]) last++;
    const chargeCapacityAh = series.cycleChargeCapacityAh[last];
    const dischargeCapacityAh = series.cycleDischargeCapacityAh[last];
    const efficiency = chargeCapacityAh > 0 ? dischargeCapacityAh / chargeCapacityAh : Number.NaN;
    summaries.push({
      cycle: series.cycle[first],
      firstIndex: first,
      lastIndex: last,
      chargeCapacityAh,
      dischargeCapacityAh,
      coulombicEfficiency: efficiency,
      irreversibleCapacityAh: chargeCapacityAh - dischargeCapacityAh,
      irreversibleCapacityPercent: 100 * (1 - efficiency)
    });
    first = last + 1;
  }
  return summaries;
}
