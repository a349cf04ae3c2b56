/**
 * Observation points: when the two fields of view are imaged. Per cycle: before charging (first cycle only,
 * in the opening rest), three points during the constant-current charge, full charge (in the rest after
 * the hold), three during the discharge and full discharge (in the rest after it). Each frame integrates
 * `frameS` (1600 s) centred on its point.
 */
import type {CyclingRun, ProtocolStep} from "./cycling.js";

export interface ObservationPoint {
  index: number;
  /** The model's name of the point, e.g. `c1 charging 2` (the manifest's and truth's frame `label`). */
  name: string;
  cycle: number;
  startS: number;
  endS: number;
}

export const POINTS_PER_HALF_CYCLE = 3;

/** Frames needed for `cycles` full cycles. */
export function framesForCycles(cycles: number): number {
  return 1 + cycles * 2 * (POINTS_PER_HALF_CYCLE + 1);
}

/** Cycles needed to hold `frames` observation points. */
export function cyclesForFrames(frames: number): number {
  return Math.max(1, Math.ceil((frames - 1) / (2 * (POINTS_PER_HALF_CYCLE + 1))));
}

export function observationPoints(run: CyclingRun, frames: number, frameS: number): ObservationPoint[] {
  const points: Omit<ObservationPoint, "index">[] = [];
  const centred = (centreS: number) => ({startS: Math.round(centreS - frameS / 2), endS: Math.round(centreS - frameS / 2) + frameS});
  const inRest = (step: ProtocolStep) => ({startS: step.startS + Math.round((step.endS - step.startS - frameS) / 2), endS: step.startS + Math.round((step.endS - step.startS - frameS) / 2) + frameS});
  for (const step of run.steps) {
    const c = step.cycle + 1;
    if (step.kind === "rest" && step.sequence === 0) points.push({name: "pristine", cycle: 1, ...inRest(step)});
    if (step.kind === "cc") {
      const verb = step.sequence === 1 ? "charging" : "discharging";
      for (let k = 1; k <= POINTS_PER_HALF_CYCLE; k++) {
        const centreS = step.startS + ((step.endS - step.startS) * k) / (POINTS_PER_HALF_CYCLE + 1);
        points.push({name: `c${c} ${verb} ${k}`, cycle: c, ...centred(centreS)});
      }
    }
    if (step.kind === "rest" && step.sequence !== 0) {
      points.push({name: `c${c} ${step.sequence === 1 ? "charged" : "discharged"}`, cycle: c, ...inRest(step)});
    }
  }
  if (points.length < frames) throw new Error(`observationPoints: the protocol holds ${points.length} points, ${frames} asked`);
  return points.slice(0, frames).map((point, index) => ({index, ...point}));
}
