// What a figure of regional trends shows (Figures 3 and 4 of a run): one region's ions at the frames that stand
// for each state of the cell, its ROIs, and the build's trend rows of those ROIs in the frames of the figure; and
// the page's check of those rows, summing the same masks again over the images it loaded.
import type {Roi} from "../roi/types.js";
import type {RoiTrendRow} from "../roi/trend.js";
import {roiTrends} from "../roi/trend.js";
import type {RoiFrameMask} from "../roi/aggregate.js";
import {compareSqlRows, type Comparison} from "../roi/sql-compare.js";
import {trendRowsFromSql, type SqlTrendRow} from "../roi/sql.js";
import {missingRoisSentence, type RegionFigure} from "./figure-roles.js";
import type {StateFrame} from "./state-frames.js";
import {observationsOf, registeredMasks, stateFramesOf, type RunAnalysis} from "./analysis.js";

export interface RoiFigurePlan {
  /** null when the run cannot fill the figure (roles.json `unfilled` says why). */
  region: string | null;
  ions: string[];
  /** The columns of the image figure: before charging, charged, discharged (lib/run/state-frames.ts). */
  states: StateFrame[];
  /** The ROIs drawn as solid lines, and those drawn as the dotted outline of the solid electrolyte. */
  rois: Roi[];
  electrolyteRois: Roi[];
  /** The frames of the trend: the first cycle's, or every frame of the region. */
  trendFrames: number[];
  /** Why there is no trend (the run's ROI file names no ROI of the region), or null. */
  noRois: string | null;
}

/** The figure a role of roles.json (lib/run/figure-roles.ts) asks for, over the first cycle or every cycle. */
export function roiFigurePlan(timeline: RunAnalysis, role: RegionFigure | null, cycles: "first" | "all"): RoiFigurePlan {
  if (!role) return {region: null, ions: [], states: [], rois: [], electrolyteRois: [], trendFrames: [], noRois: null};
  const {region} = role;
  const ofRegion = (names: string[]) => timeline.rois.filter((roi) => roi.region === region && names.includes(roi.name));
  const observations = observationsOf(timeline, region);
  const trendObservations = cycles === "first" ? observations.filter((o) => o.cycle === observations[0]?.cycle) : observations;
  return {
    region,
    ions: role.ions,
    states: stateFramesOf(timeline, region),
    rois: ofRegion(role.rois),
    electrolyteRois: ofRegion(role.electrolyteRois),
    trendFrames: trendObservations.map((o) => o.frame),
    noRois: missingRoisSentence(role, timeline.rois.length > 0)
  };
}

/** The (region, ion) stacks the figure draws. */
export function planStacks(plan: RoiFigurePlan): {region: string; ion: string}[] {
  return plan.region === null ? [] : plan.ions.map((ion) => ({region: plan.region!, ion}));
}

/** Every ROI of the figure, solid ones first. */
export function planRois(plan: RoiFigurePlan): Roi[] {
  return [...plan.rois, ...plan.electrolyteRois];
}

/** The build's trend rows (roi-trends.arrow, the rows `npm run roi` writes) of the figure's ROIs, ions and frames. */
export function planTrend(plan: RoiFigurePlan, buildRows: RoiTrendRow[]): RoiTrendRow[] {
  const rois = new Set(planRois(plan).map((roi) => roi.name));
  const frames = new Set(plan.trendFrames);
  return buildRows.filter((r) => r.region === plan.region && rois.has(r.roi) && frames.has(r.frame) && plan.ions.includes(r.ion));
}

export interface TrendCheck {
  /** The registered masks of the figure's ROIs in the frames of `analysis.stacks`. */
  masks: RoiFrameMask[];
  /** The page's own sums over those masks against the build's rows. */
  comparison: Comparison;
}

/** The figure's ROIs summed again over the images `analysis` holds (the frames of its trend), against `trend`. */
export function checkTrend(analysis: RunAnalysis, plan: RoiFigurePlan, trend: RoiTrendRow[]): TrendCheck {
  const masks = registeredMasks(analysis, planRois(plan));
  return {masks, comparison: compareSqlRows(roiTrends(analysis.stacks, masks), trend)};
}

/** DuckDB's rows of `roiCountsQuery` (lib/roi/sql.ts) as trend rows of the figure's ions, against `trend`. */
export function checkSqlTrend(sqlRows: Iterable<SqlTrendRow>, masks: RoiFrameMask[], plan: RoiFigurePlan, trend: RoiTrendRow[]): {rows: RoiTrendRow[]; comparison: Comparison} {
  // The images table lists every ion of the run; the figure compares the ions whose stacks it loaded.
  const rows = trendRowsFromSql([...sqlRows].filter((row) => plan.ions.includes(row.ion)), masks);
  return {rows, comparison: compareSqlRows(trend, rows)};
}
