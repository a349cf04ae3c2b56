/**
 * Runs the cycling protocol of the paper on the lumped cell: a rest before the first charge, then per cycle
 * a constant-current charge to the charge cut-off, a constant-voltage hold, a rest (the full-charge image is
 * taken then), a constant-current discharge to the discharge cut-off and a rest (full-discharge image).
 * Integrates at 1 s and records every `recordIntervalS` from the start of each step, as EC-Lab does.
 */
import {advance, cellVoltageV, holdCurrentA, initialCellState, trapLithium, type CellParameters, type CellState} from "./cell.js";

export type StepKind = "rest" | "cc" | "cv";

export interface ProtocolStep {
  kind: StepKind;
  /** EC-Lab sequence number: 0 initial rest, 1 charge, 2 discharge. */
  sequence: 0 | 1 | 2;
  /** 0-based cycle (EC-Lab `cycle number`). */
  cycle: number;
  startS: number;
  endS: number;
}

export interface HalfCycle {
  cycle: number;
  direction: "charge" | "discharge";
  startS: number;
  endS: number;
  capacityAh: number;
}

export interface CyclingRecord {
  timeS: number;
  voltageV: number;
  currentA: number;
  step: number;
  state: CellState;
}

export interface CyclingRun {
  steps: ProtocolStep[];
  halfCycles: HalfCycle[];
  records: CyclingRecord[];
}

export interface ProtocolOptions {
  cycles: number;
  initialRestS: number;
  restS: number;
  recordIntervalS: number;
  /** Skip records (for calibration). */
  record?: boolean;
  /** Stop after this many half cycles (for calibration). */
  halfCycleLimit?: number;
}

const STEP_S = 1;
const MAX_CC_S = 30 * 3600;

export function runProtocol(parameters: CellParameters, options: ProtocolOptions): CyclingRun {
  const steps: ProtocolStep[] = [];
  const halfCycles: HalfCycle[] = [];
  const records: CyclingRecord[] = [];
  const record = options.record ?? true;
  const currentA = parameters.currentDensityMaPerCm2 * parameters.areaCm2 * 1e-3;
  let state = initialCellState(parameters);

  function runStep(kind: StepKind, sequence: 0 | 1 | 2, cycle: number, until: (state: CellState, elapsedS: number, voltageV: number) => boolean, current: (state: CellState) => number): void {
    const stepIndex = steps.length;
    const startS = state.timeS;
    let sinceRecordS = options.recordIntervalS;
    for (let elapsedS = 0; ; elapsedS += STEP_S) {
      const currentNowA = current(state);
      const voltageV = kind === "cv" ? parameters.chargeCutoffV : cellVoltageV(parameters, state, currentNowA);
      const done = elapsedS > 0 && until(state, elapsedS, voltageV);
      if (record && (sinceRecordS >= options.recordIntervalS || done)) {
        records.push({timeS: state.timeS, voltageV, currentA: currentNowA, step: stepIndex, state});
        sinceRecordS = 0;
      }
      if (done) break;
      state = advance(parameters, state, currentNowA, STEP_S);
      sinceRecordS += STEP_S;
    }
    steps.push({kind, sequence, cycle, startS, endS: state.timeS});
  }

  const rest = (sequence: 0 | 1 | 2, cycle: number, durationS: number) =>
    runStep("rest", sequence, cycle, (_s, elapsedS) => elapsedS >= durationS, () => 0);

  rest(0, 0, options.initialRestS);
  for (let cycle = 0; cycle < options.cycles; cycle++) {
    const chargeStart = state.timeS;
    const chargeFrom = state.netChargeAh;
    runStep("cc", 1, cycle, (_s, t, v) => v >= parameters.chargeCutoffV || t >= MAX_CC_S, () => currentA);
    runStep("cv", 1, cycle, (_s, t) => t >= parameters.holdS, (s) => Math.max(0, holdCurrentA(parameters, s, parameters.chargeCutoffV)));
    halfCycles.push({cycle, direction: "charge", startS: chargeStart, endS: state.timeS, capacityAh: state.netChargeAh - chargeFrom});
    rest(1, cycle, options.restS);
    if (options.halfCycleLimit !== undefined && halfCycles.length >= options.halfCycleLimit) break;

    state = trapLithium(state, parameters.trappedAhPerCycle[cycle] ?? 0);
    const dischargeStart = state.timeS;
    const dischargeFrom = state.netChargeAh;
    runStep("cc", 2, cycle, (_s, t, v) => v <= parameters.dischargeCutoffV || t >= MAX_CC_S, () => -currentA);
    halfCycles.push({cycle, direction: "discharge", startS: dischargeStart, endS: state.timeS, capacityAh: dischargeFrom - state.netChargeAh});
    rest(2, cycle, options.restS);
    if (options.halfCycleLimit !== undefined && halfCycles.length >= options.halfCycleLimit) break;
  }
  return {steps, halfCycles, records};
}
