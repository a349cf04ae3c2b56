// Figure 2 of a run: the (region, ion) rows its roles give (roles.json "figure2"), each at the frame of its region
// that stands for each state of the cell, in the columns of the first row's region; and how much each row's
// counts over the whole field change from before charging.
import {rasterTotal} from "../imaging/raster.js";
import type {StateFrame} from "./state-frames.js";
import {imageOf, stackOf, stateFramesOf, type RunAnalysis} from "./analysis.js";

export interface StateImagesPlan {
  /** The columns: the first row's region's state frames. */
  columns: StateFrame[];
  /** One row per (region, ion): its own frame in each column, undefined where its region has none in that state. */
  rows: {region: string; ion: string; frames: (number | undefined)[]}[];
}

export function stateImagesPlan(timeline: RunAnalysis, rows: {region: string; ion: string}[]): StateImagesPlan {
  const columns = rows.length > 0 ? stateFramesOf(timeline, rows[0]!.region) : [];
  return {
    columns,
    rows: rows.map(({region, ion}) => {
      const own = stateFramesOf(timeline, region);
      return {region, ion, frames: columns.map((column) => own.find((f) => f.state === column.state)?.frame)};
    })
  };
}

/**
 * Each row's change in mean counts per pixel over the whole field, in percent, from before charging to the
 * charged and to the discharged frame; NaN where the row has no such frame. `analysis.stacks` holds the frames.
 */
export function wholeFieldChanges(analysis: RunAnalysis, plan: StateImagesPlan): {region: string; ion: string; chargedPercent: number; dischargedPercent: number}[] {
  return plan.rows.map(({region, ion}) => {
    const states = stateFramesOf(analysis, region);
    const mean = (state: StateFrame["state"]) => {
      const frame = states.find((f) => f.state === state)?.frame;
      if (frame === undefined) return Number.NaN;
      const image = imageOf(stackOf(analysis, region, ion), frame);
      return rasterTotal(image) / image.data.length;
    };
    const change = (state: StateFrame["state"]) => 100 * (mean(state) / mean("pristine") - 1);
    return {region, ion, chargedPercent: change("charged"), dischargedPercent: change("discharged")};
  });
}
