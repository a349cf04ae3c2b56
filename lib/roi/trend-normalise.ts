// ROI trend rows (lib/roi/trend.ts) as the trend chart draws them, in the explorer's normalisations, with their
// 95% intervals carried through.

import {ratioInterval} from "./interval.js";
import type {RoiTrendRow} from "./trend.js";

/** The fields of lib/roi's RoiTrendRow that a chart needs. */
export type RoiValueRow = Pick<RoiTrendRow, "roi" | "ion" | "frame" | "counts" | "areaUm2" | "countsPerUm2" | "countsPerUm2Low" | "countsPerUm2High">;

export type TrendNormalisation = "counts" | "countsPerUm2" | "totalIonFraction" | "relativeToPristine";

/** A point of a trend chart: one ROI, ion and frame, its value and 95% interval. */
export interface TrendPoint {
  roi: string;
  ion: string;
  frame: number;
  /** Name of the observation point on the x axis (ordered by frame), e.g. its number on the curve. */
  observationName: string;
  value: number;
  low: number;
  high: number;
  /** A value not to be trusted (e.g. its mask holds pixels too saturated to correct). */
  flagged?: boolean;
}

export interface TrendNormaliseOptions {
  /** Name of each frame's observation point (default `frame <index>`). */
  observationNames: Map<number, string>;
  /** The frame's total-ion counts over the whole image (for "totalIonFraction"). */
  totalIonCounts?: Map<number, number>;
  /** Frame the "relativeToPristine" ratios divide by (default: each ROI's first frame). */
  pristineFrame?: number;
}

export function normaliseTrendRows(rows: RoiValueRow[], mode: TrendNormalisation, options: TrendNormaliseOptions): TrendPoint[] {
  const nameOf = (frame: number) => options.observationNames.get(frame) ?? `frame ${frame}`;
  const own = (row: RoiValueRow) => ({value: row.countsPerUm2, low: row.countsPerUm2Low, high: row.countsPerUm2High});
  return rows.map((row) => {
    const base = {roi: row.roi, ion: row.ion, frame: row.frame, observationName: nameOf(row.frame)};
    if (mode === "counts") {
      const scale = row.areaUm2 > 0 ? row.areaUm2 : NaN;
      return {...base, value: row.counts, low: row.countsPerUm2Low * scale, high: row.countsPerUm2High * scale};
    }
    if (mode === "countsPerUm2") return {...base, ...own(row)};
    if (mode === "totalIonFraction") {
      const total = options.totalIonCounts?.get(row.frame);
      if (total === undefined) throw new RangeError(`normaliseTrendRows: no total-ion counts for frame ${row.frame}`);
      const factor = total > 0 ? 1 / total : NaN;
      return {...base, value: row.countsPerUm2 * factor, low: row.countsPerUm2Low * factor, high: row.countsPerUm2High * factor};
    }
    const candidates = rows.filter((r) => r.roi === row.roi && r.ion === row.ion);
    const pristine = options.pristineFrame === undefined
      ? candidates.reduce((first, r) => (r.frame < first.frame ? r : first))
      : candidates.find((r) => r.frame === options.pristineFrame);
    if (!pristine) throw new RangeError(`normaliseTrendRows: ROI ${row.roi} has no pristine frame ${options.pristineFrame}`);
    // The pristine frame is 1 by definition: its own uncertainty is in every other frame's interval.
    if (pristine === row) return {...base, value: 1, low: 1, high: 1};
    return {...base, ...ratioInterval(own(row), own(pristine))};
  });
}

export const trendQuantity: Record<TrendNormalisation, string> = {
  counts: "{ion} counts in the ROI",
  countsPerUm2: "{ion} counts/µm²",
  totalIonFraction: "{ion} counts/µm² / total-ion counts",
  relativeToPristine: "{ion} counts/µm², × pristine"
};
