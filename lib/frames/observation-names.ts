import {directionAt, recordAtOrBefore, type CyclingSeries} from "../echem/series.js";
import {stateAt} from "../echem/state-of-charge.js";

/** Where an observation point lies in the cycling, as the paper names them. */
export type FramePhase = "pristine" | "charging" | "charged" | "discharging" | "discharged";

export interface ObservationTime {
  /** Observation-point index: frames of several regions taken at one point share it. */
  frame: number;
  startUnixS: number;
  endUnixS: number;
}

/** The name of an observation point in the cycling, and what it is made of. */
export interface ObservationName {
  frame: number;
  cycle: number;
  phase: FramePhase;
  /** 1-based order among the observation points of the same cycle and phase (charging 1, charging 2, ...). */
  ordinal: number;
  /** `pristine`, `charging 2`, `charged`, ...; from cycle 2 on prefixed `cycle 2: `. */
  name: string;
}

/**
 * The rule, at the middle of the observation (the frame's mid time):
 * - current flows (CC or CV, including the CV hold) in the charge direction: "charging", in the discharge
 *   direction: "discharging";
 * - the cell rests: named after the last segment before it: none yet "pristine", a charge "charged",
 *   a discharge "discharged".
 * Points of the same cycle and phase are numbered in time order; "charged", "discharged" and "pristine"
 * get a number only when there are several of them in one cycle.
 */
export function phaseAt(series: CyclingSeries, unixTimeS: number): {phase: FramePhase; cycle: number} {
  const state = stateAt(series, unixTimeS);
  if (state.controlMode !== "rest" && state.currentA !== 0) {
    return {phase: state.currentA > 0 ? "charging" : "discharging", cycle: state.cycle};
  }
  for (let k = recordAtOrBefore(series, unixTimeS); k >= 0; k--) {
    const direction = directionAt(series, k);
    if (direction > 0) return {phase: "charged", cycle: state.cycle};
    if (direction < 0) return {phase: "discharged", cycle: state.cycle};
  }
  return {phase: "pristine", cycle: state.cycle};
}

/** The name of every observation point (by frame index), by the rule of `phaseAt`. */
export function nameObservations(series: CyclingSeries, observations: readonly ObservationTime[]): Map<number, ObservationName> {
  const points = new Map<number, ObservationTime>();
  for (const o of observations) if (!points.has(o.frame)) points.set(o.frame, o);
  const ordered = [...points.values()].sort((a, b) => a.startUnixS - b.startUnixS || a.frame - b.frame);
  const phases = ordered.map((o) => ({frame: o.frame, ...phaseAt(series, (o.startUnixS + o.endUnixS) / 2)}));
  const groupSize = new Map<string, number>();
  for (const p of phases) groupSize.set(`${p.cycle}/${p.phase}`, (groupSize.get(`${p.cycle}/${p.phase}`) ?? 0) + 1);
  const seen = new Map<string, number>();
  const names = new Map<number, ObservationName>();
  for (const p of phases) {
    const key = `${p.cycle}/${p.phase}`;
    const ordinal = (seen.get(key) ?? 0) + 1;
    seen.set(key, ordinal);
    const numbered = p.phase === "charging" || p.phase === "discharging" || (groupSize.get(key) ?? 0) > 1;
    const name = numbered ? `${p.phase} ${ordinal}` : p.phase;
    names.set(p.frame, {frame: p.frame, cycle: p.cycle, phase: p.phase, ordinal, name: p.cycle > 1 ? `cycle ${p.cycle}: ${name}` : name});
  }
  return names;
}
