// What a figure of regional trends shows (Figures 3 and 4 of a run): one region's ions at the frames that stand
// for each state of the cell, its ROIs, and the build's trend rows of those ROIs in the frames of the figure; and
// the page's checks of those rows, summing the same masks again over the images it loaded (in TypeScript and in
// SQL).
import type {Roi} from "../roi/types.js";
import {roiTrends, type RoiTrendRow} from "../roi/trend.js";
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
  /** The frames of the trend: the first cycle's, or null for every frame of the region's stacks. */
  trendFrames: number[] | null;
  /** Why there is no trend (the run's ROI file names no ROI of the region), or null. */
  noRois: string | null;
}

/** The figure a role of roles.json (lib/run/figure-roles.ts) asks for, over the first cycle or every cycle. */
export function roiFigurePlan(timeline: RunAnalysis, role: RegionFigure | null, cycles: "first" | "all"): RoiFigurePlan {
  if (!role) return {region: null, ions: [], states: [], rois: [], electrolyteRois: [], trendFrames: null, noRois: null};
  const {region} = role;
  const ofRegion = (names: string[]) => timeline.rois.filter((roi) => roi.region === region && names.includes(roi.name));
  const observations = observationsOf(timeline, region);
  return {
    region,
    ions: role.ions,
    states: stateFramesOf(timeline, region),
    rois: ofRegion(role.rois),
    electrolyteRois: ofRegion(role.electrolyteRois),
    trendFrames: cycles === "first" ? observations.filter((o) => o.cycle === observations[0]?.cycle).map((o) => o.frame) : null,
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
  const frames = plan.trendFrames && new Set(plan.trendFrames);
  return buildRows.filter((r) => r.region === plan.region && rois.has(r.roi) && (!frames || frames.has(r.frame)) && plan.ions.includes(r.ion));
}

export interface TrendCheck {
  /** The registered masks of the figure's ROIs in the frames of the loaded stacks. */
  masks: RoiFrameMask[];
  /** The build's rows of those cells: the trend's (ROI, ion, frame) cells whose images the page loaded. */
  checked: RoiTrendRow[];
  /** The page's own sums over those masks against `checked`. */
  comparison: Comparison;
}

/**
 * The figure's ROIs summed again over the images `analysis` holds of its ions (e.g. only the frames it draws, which
 * costs no download), against the build's rows of the same cells.
 */
export function checkTrend(analysis: RunAnalysis, plan: RoiFigurePlan, trend: RoiTrendRow[]): TrendCheck {
  const stacks = analysis.stacks.filter((s) => s.region === plan.region && plan.ions.includes(s.ion));
  const masks = registeredMasks({...analysis, stacks}, planRois(plan));
  const loaded = new Set(stacks.flatMap((s) => s.frames.map((frame) => `${s.ion}|${frame}`)));
  const checked = trend.filter((r) => loaded.has(`${r.ion}|${r.frame}`));
  // The page's cells outside the figure's frames are not the build's to match; a cell of them it lacks is named.
  return {masks, checked, comparison: compareSqlRows(planTrend(plan, roiTrends(stacks, masks)), checked)};
}

/** DuckDB's rows of `roiCountsQuery` (lib/roi/sql.ts) as trend rows of the figure's ions, against the checked rows. */
export function checkSqlTrend(sqlRows: Iterable<SqlTrendRow>, check: TrendCheck, plan: RoiFigurePlan): {rows: RoiTrendRow[]; comparison: Comparison} {
  // The images table lists every ion of the run; the figure compares its own ions and frames.
  const rows = planTrend(plan, trendRowsFromSql(sqlRows, check.masks));
  return {rows, comparison: compareSqlRows(check.checked, rows)};
}

/** The observation points of the figure's trend (its frames; every point of the region when it has every frame); none without a region. */
export function planObservations(analysis: RunAnalysis, plan: RoiFigurePlan): ReturnType<typeof observationsOf> {
  if (plan.region === null) return [];
  const points = observationsOf(analysis, plan.region);
  return plan.trendFrames ? points.filter((o) => plan.trendFrames!.includes(o.frame)) : points;
}

/** The cycle whose curve the figure draws: its first point's, else the run's first observation's, else 1. */
export function planCurveCycle(analysis: RunAnalysis, points: {cycle: number}[]): number {
  return (points[0] ?? analysis.observations[0])?.cycle ?? 1;
}
