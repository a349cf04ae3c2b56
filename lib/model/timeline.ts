/**
 * The cell's state as time series on the recorded points, for the images: the normalised state of charge
 * of the reversibly cycling cathode (0 = discharged, 1 = the end of the first charge), the LTO lithiation
 * and the reduced fraction of the LLTO particle.
 */
import type {CellParameters} from "./cell.js";
import type {CyclingRun} from "./cycling.js";

export interface Timeline {
  timeS: Float64Array;
  cellSoc: Float64Array;
  anodeSoc: Float64Array;
  lltoReduced: Float64Array;
}

export function buildTimeline(run: CyclingRun, parameters: CellParameters): Timeline {
  const n = run.records.length;
  const timeline: Timeline = {timeS: new Float64Array(n), cellSoc: new Float64Array(n), anodeSoc: new Float64Array(n), lltoReduced: new Float64Array(n)};
  const firstChargeAh = run.halfCycles[0]?.capacityAh ?? 1;
  // Net charge at the start of each half cycle, and its capacity, by (cycle, sequence).
  const halfCycleOf = (cycle: number, sequence: number) => run.halfCycles.find((h) => h.cycle === cycle && h.direction === (sequence === 1 ? "charge" : "discharge"));
  const startCharge = new Map<string, number>();
  run.records.forEach((record, i) => {
    const step = run.steps[record.step];
    const key = `${step.cycle}/${step.sequence}`;
    if (!startCharge.has(key)) startCharge.set(key, record.state.netChargeAh);
    let soc = 0;
    if (step.sequence === 1) {
      soc = (record.state.netChargeAh - startCharge.get(key)!) / firstChargeAh;
    } else if (step.sequence === 2) {
      const charge = halfCycleOf(step.cycle, 1)?.capacityAh ?? 0;
      const discharge = halfCycleOf(step.cycle, 2)?.capacityAh ?? 1;
      const dischargedAh = startCharge.get(key)! - record.state.netChargeAh;
      soc = Math.max(0, charge - (dischargedAh * charge) / discharge) / firstChargeAh;
    }
    timeline.timeS[i] = record.timeS;
    timeline.cellSoc[i] = soc;
    timeline.anodeSoc[i] = record.state.anodeLithiumAh / record.state.anodeAccessibleAh;
    timeline.lltoReduced[i] = parameters.lltoReductionAh > 0 ? record.state.lltoReducedAh / parameters.lltoReductionAh : 0;
  });
  return timeline;
}

/** Linear interpolation of `values` (on `timeline.timeS`) at `timeS`. */
export function valueAt(timeline: Timeline, values: Float64Array, timeS: number): number {
  const times = timeline.timeS;
  if (timeS <= times[0]) return values[0];
  const last = times.length - 1;
  if (timeS >= times[last]) return values[last];
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (times[mid] <= timeS) low = mid;
    else high = mid;
  }
  const span = times[high] - times[low];
  const f = span > 0 ? (timeS - times[low]) / span : 0;
  return values[low] + f * (values[high] - values[low]);
}
