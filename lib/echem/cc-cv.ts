import type {CyclingSeries} from "./series.js";

/** How one step splits into its constant-current and constant-voltage parts (a CC-CV charge has both). */
export interface StepParts {
  stepCount: number;
  stepId: number;
  cycle: number;
  firstIndex: number;
  lastIndex: number;
  /** From the net charge of the step. */
  direction: "charge" | "discharge" | "rest";
  ccCapacityAh: number;
  cvCapacityAh: number;
  /** Charge recorded while the instrument reported open circuit (leakage through the measuring circuit). */
  restCapacityAh: number;
  ccDurationS: number;
  cvDurationS: number;
  restDurationS: number;
}

/**
 * Each record holds what happened since the previous record under its own control mode, so the charge and
 * time between records i-1 and i count towards the mode of record i.
 */
export function stepParts(series: CyclingSeries): StepParts[] {
  const parts: StepParts[] = [];
  const n = series.stepCount.length;
  for (let first = 0; first < n; ) {
    let last = first;
    while (last + 1 < n && series.stepCount[last + 1] === series.stepCount[first]) last++;
    const part: StepParts = {
      stepCount: series.stepCount[first], stepId: series.stepId[first], cycle: series.cycle[first], firstIndex: first, lastIndex: last,
      direction: "rest", ccCapacityAh: 0, cvCapacityAh: 0, restCapacityAh: 0, ccDurationS: 0, cvDurationS: 0, restDurationS: 0
    };
    let net = 0;
    for (let i = Math.max(first, 1); i <= last; i++) {
      const dq = series.storedChargeAh[i] - series.storedChargeAh[i - 1];
      const dt = series.testTimeS[i] - series.testTimeS[i - 1];
      net += dq;
      const mode = series.controlMode[i];
      if (mode === "CC") {
        part.ccCapacityAh += Math.abs(dq);
        part.ccDurationS += dt;
      } else if (mode === "CV") {
        part.cvCapacityAh += Math.abs(dq);
        part.cvDurationS += dt;
      } else {
        part.restCapacityAh += Math.abs(dq);
        part.restDurationS += dt;
      }
    }
    part.direction = net > 0 ? "charge" : net < 0 ? "discharge" : "rest";
    parts.push(part);
    first = last + 1;
  }
  return parts;
}
