// How much each ROI's signal changed from before charging to full charge and to full discharge in the first
// cycle, with its 95% interval (ratioInterval of lib/roi/interval.ts, the rule of every ratio the pages show).
import {ratioInterval} from "../roi/interval.js";
import type {RoiTrendRow} from "../roi/trend.js";
import {stateFramesOf, type RunAnalysis} from "./analysis.js";

export type ChangedState = "charged" | "discharged";

export interface Change {
  percent: number;
  lowPercent: number;
  highPercent: number;
}

export function relativeChange(state: RoiTrendRow, pristine: RoiTrendRow): Change {
  const own = (row: RoiTrendRow) => ({value: row.countsPerUm2, low: row.countsPerUm2Low, high: row.countsPerUm2High});
  const ratio = ratioInterval(own(state), own(pristine));
  return {percent: 100 * (ratio.value - 1), lowPercent: 100 * (ratio.low - 1), highPercent: 100 * (ratio.high - 1)};
}

/** The key of a change in `stateChanges`' map. */
export const changeKey = (roi: string, ion: string, state: ChangedState) => `${roi}|${ion}|${state}`;

/** The change of every (ROI, ion) between the frames that stand for each state (`stateFramesOf`) that `rows` hold. */
export function stateChanges(analysis: RunAnalysis, rows: RoiTrendRow[], rois: string[], ions: string[]): Map<string, Change> {
  const changes = new Map<string, Change>();
  for (const roi of rois) {
    const region = rows.find((r) => r.roi === roi)?.region;
    if (!region) continue;
    const states = stateFramesOf(analysis, region);
    for (const ion of ions) {
      const rowAt = (state: "pristine" | ChangedState) => {
        const frame = states.find((f) => f.state === state)?.frame;
        return rows.find((r) => r.roi === roi && r.ion === ion && r.frame === frame);
      };
      const pristine = rowAt("pristine");
      for (const state of ["charged", "discharged"] as const) {
        const row = rowAt(state);
        if (pristine && row) changes.set(changeKey(roi, ion, state), relativeChange(row, pristine));
      }
    }
  }
  return changes;
}
