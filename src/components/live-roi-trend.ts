// The explorer's ROI trend, redrawn in place on every ROI edit: masks of the edited ROIs only (registered by each
// frame's drift, lib/roi/aggregate), sums and 95% intervals (lib/roi/trend) for the stacks given (the explorer's:
// the picked ion, every frame), drawn by trendChart. A Framework view: `.value` is the trend table, with an "input"
// event after each redraw; `.redrawMs` is the last redraw's time, features in to chart in, which the page states.
import {roiFrameMasks, type RoiFrameMask} from "@operando/lib/roi/aggregate";
import {roiTrends, type RoiTrendRow} from "@operando/lib/roi/trend";
import type {RoiFeature} from "@operando/lib/roi/ring";
import {featuresToRois} from "./roi-features.js";
import {observationsOf, regionGrids, stackOf, type RunAnalysis} from "@operando/lib/run/analysis";
import {trendChart} from "./trend-chart.js";
import {normaliseTrendRows, trendQuantity, type TrendNormalisation} from "@operando/lib/roi/trend-normalise";

export interface LiveTrendOptions {
  region: string;
  ion: string;
  normalisation: TrendNormalisation;
  width: number;
  /** The whole image's total-ion counts of each frame (the images table's), for the TIC normalisation. */
  totalIonCounts: Map<number, number>;
  /** ROI colours by name, as the editor draws them. */
  roiColors?: (names: string[]) => Record<string, string>;
}

export type LiveTrendElement = HTMLDivElement & {
  value: RoiTrendRow[];
  masks: RoiFrameMask[];
  redrawMs: number;
  update(features: RoiFeature[]): number;
};

export function liveRoiTrend(analysis: RunAnalysis, options: LiveTrendOptions): LiveTrendElement {
  const {region, ion, normalisation, width, totalIonCounts} = options;
  const grids = regionGrids(analysis).filter((g) => g.region === region);
  const stacks = analysis.stacks.filter((s) => s.region === region);
  const observationNames = new Map(observationsOf(analysis, region).map((p) => [p.frame, `${p.number}`]));
  const ionStack = stackOf(analysis, region, ion);
  const element = document.createElement("div") as LiveTrendElement;
  element.className = "operando-live-trend";
  element.value = [];
  element.redrawMs = 0;
  element.masks = [];
  let maskCache = new Map<string, RoiFrameMask[]>();
  element.update = (features: RoiFeature[]): number => {
    const started = performance.now();
    const rois = featuresToRois(features, region);
    // Only ROIs that changed get new masks (a drag moves one ROI; the others keep theirs).
    const next = new Map<string, RoiFrameMask[]>();
    const masks = rois.flatMap((roi) => {
      const key = JSON.stringify([roi.name, roi.polygons]);
      const own = maskCache.get(key) ?? roiFrameMasks([roi], grids, analysis.driftPx, new Map(), analysis.driftSdPx);
      next.set(key, own);
      return own;
    });
    maskCache = next;
    const rows = roiTrends(stacks, masks);
    const chartRows = normaliseTrendRows(rows.filter((r) => r.ion === ion), normalisation, {observationNames, totalIonCounts, pristineFrame: ionStack.frames[0]});
    const names = rois.map((r) => r.name);
    element.replaceChildren(chartRows.length > 0
      ? trendChart(chartRows, {width, quantity: trendQuantity[normalisation], roiColors: options.roiColors?.(names), xLabel: "observation point (numbered as on the charge–discharge curve)"})
      : Object.assign(document.createElement("p"), {textContent: "No closed ROI: draw one on the image (click to add vertices, double-click to close)."}));
    element.value = rows;
    element.masks = masks;
    element.redrawMs = performance.now() - started;
    element.dispatchEvent(new Event("input", {bubbles: true}));
    return element.redrawMs;
  };
  return element;
}
