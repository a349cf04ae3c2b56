// The explorer's ROI trend, redrawn in place on every ROI edit. While the ROIs are the run's own, it is the build's
// trend of them (roi-trends, the rows `npm run roi` writes), and no frame beyond those in view is fetched; the first
// edit fetches every frame of the picked ion (`loadStacks`), and from then on each edit computes masks of the edited
// ROIs only (registered by each frame's drift, lib/roi/aggregate) and their sums and 95% intervals (lib/roi/trend),
// drawn by trendChart. A Framework view: `.value` is the trend table, with an "input" event after each redraw;
// `.redrawMs` is the last page-computed redraw's time, features in to chart in, which the page states.
import {roiFrameMasks, type RegionGrid, type RoiFrameMask} from "@operando/lib/roi/aggregate";
import {roiTrends, type RoiTrendRow} from "@operando/lib/roi/trend";
import type {RoiFeature} from "@operando/lib/roi/ring";
import type {PolygonRoi} from "@operando/lib/roi/types";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {featuresToRois} from "@operando/lib/roi/features";
import {observationsOf, type RunAnalysis} from "@operando/lib/run/analysis";
import {trendChart} from "./trend-chart.js";
import {normaliseTrendRows, trendQuantity, type TrendNormalisation} from "@operando/lib/roi/trend-normalise";
import {roiTrendTable} from "@operando/lib/roi/trend-table";
import {figureDownloads, jsonDownload, tableDownloads} from "./downloads.js";

export interface LiveTrendOptions {
  region: string;
  ion: string;
  normalisation: TrendNormalisation;
  width: number;
  /** The region's pixel grid and the picked ion's frames (every one the trend has a point of). */
  grid: RegionGrid;
  /** The run's own ROIs of the region (its ROI file's features), whose trend the build computed. */
  runFeatures: RoiFeature[];
  /** The build's trend rows of the region's ROIs (roi-trends), of every ion. */
  buildRows: RoiTrendRow[];
  /** Every frame of the picked ion, fetched on the first edit. */
  loadStacks: () => Promise<ImageStack[]>;
  /** The whole image's total-ion counts of each frame (the images table's), for the TIC normalisation. */
  totalIonCounts: Map<number, number>;
  /** ROI colours by name, as the editor draws them. */
  roiColors?: (names: string[]) => Record<string, string>;
}

/** What the trend drawn was computed from: the build's rows, or the page's own sums over the stacks. */
export type TrendSource = "build" | "page";

export type LiveTrendElement = HTMLDivElement & {
  value: RoiTrendRow[];
  redrawMs: number;
  source: TrendSource;
  update(features: RoiFeature[]): void;
  /** The page's own trend of the ROIs as they are, with its masks and the stacks it summed (fetched if need be). */
  computed(): Promise<{rows: RoiTrendRow[]; masks: RoiFrameMask[]; stacks: ImageStack[]}>;
};

const roiKey = (roi: PolygonRoi) => JSON.stringify([roi.name, roi.polygons]);

export function liveRoiTrend(analysis: RunAnalysis, options: LiveTrendOptions): LiveTrendElement {
  const {region, ion, normalisation, width, totalIonCounts, grid} = options;
  const observationNames = new Map(observationsOf(analysis, region).map((p) => [p.frame, `${p.number}`]));
  const runRoiKeys = featuresToRois(options.runFeatures, region).map(roiKey).join("\n");
  const buildRows = options.buildRows.filter((r) => r.ion === ion);
  const element = document.createElement("div") as LiveTrendElement;
  element.className = "operando-live-trend";
  const chart = document.createElement("div");
  const status = Object.assign(document.createElement("p"), {className: "operando-live-trend-status"});
  status.style.maxWidth = "none";
  element.append(status, chart);
  element.value = [];
  element.redrawMs = 0;
  let stacks: ImageStack[] | undefined;
  let stacksLoading: Promise<ImageStack[]> | undefined;
  let latest: RoiFeature[] = options.runFeatures;
  let redrawOnLoad = false;
  let maskCache = new Map<string, RoiFrameMask[]>();

  const loadedStacks = () => (stacksLoading ??= options.loadStacks().then((loaded) => (stacks = loaded)));
  const masksOf = (rois: PolygonRoi[]) => {
    // Only ROIs that changed get new masks (a drag moves one ROI; the others keep theirs).
    const next = new Map<string, RoiFrameMask[]>();
    const masks = rois.flatMap((roi) => {
      const own = maskCache.get(roiKey(roi)) ?? roiFrameMasks([roi], [grid], analysis.driftPx, new Map(), analysis.driftSdPx);
      next.set(roiKey(roi), own);
      return own;
    });
    maskCache = next;
    return masks;
  };
  const draw = (rows: RoiTrendRow[], rois: PolygonRoi[], source: TrendSource) => {
    const points = normaliseTrendRows(rows.filter((r) => r.ion === ion), normalisation, {observationNames, totalIonCounts, pristineFrame: grid.frames[0]});
    chart.replaceChildren(points.length > 0
      ? trendChart(points, {width, quantity: trendQuantity[normalisation], roiColors: options.roiColors?.(rois.map((r) => r.name)), xLabel: "observation point (numbered as on the charge–discharge curve)"})
      : Object.assign(document.createElement("p"), {textContent: "No closed ROI: draw one on the image (click to add vertices, double-click to close)."}));
    element.value = rows;
    element.source = source;
    element.dataset.source = source;
    status.textContent = source === "build"
      ? `The build's trend of the run's own ROIs (roi-trends). Edit an ROI and the page computes it from every frame of ${ion}, which it fetches then.`
      : "";
    element.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const compute = (loaded: ImageStack[], features: RoiFeature[]) => {
    const rois = featuresToRois(features, region);
    const masks = masksOf(rois);
    return {masks, rows: roiTrends(loaded, masks)};
  };
  element.update = (features) => {
    latest = features;
    const rois = featuresToRois(features, region);
    if (!stacks && rois.map(roiKey).join("\n") === runRoiKeys && hasEveryCell(buildRows, rois, grid.frames)) {
      draw(buildRows.filter((r) => rois.some((roi) => roi.name === r.roi)), rois, "build");
      return;
    }
    if (!stacks) {
      status.textContent = `Fetching every frame of ${ion} (${grid.frames.length} frames) for the trend of these ROIs…`;
      // One redraw once they are in, of the ROIs as they are then, however many edits came meanwhile.
      if (!redrawOnLoad) {
        redrawOnLoad = true;
        loadedStacks().then(() => element.update(latest), (error: Error) => (status.textContent = `The frames could not be fetched: ${error.message}`));
      }
      return;
    }
    const started = performance.now();
    draw(compute(stacks, features).rows, rois, "page");
    element.redrawMs = performance.now() - started;
  };
  element.computed = async () => {
    const loaded = await loadedStacks();
    const {masks, rows} = compute(loaded, latest);
    return {rows, masks, stacks: loaded};
  };
  return element;
}

/** Whether the build's rows hold every (ROI, frame) cell of these ROIs. */
function hasEveryCell(rows: RoiTrendRow[], rois: PolygonRoi[], frames: number[]): boolean {
  const cells = new Set(rows.map((r) => `${r.roi}\n${r.frame}`));
  return rois.every((roi) => frames.every((frame) => cells.has(`${roi.name}\n${frame}`)));
}

/** The last redraw's time when the page computed it ("12.3 ms"), else "none yet" (the build's trend is drawn). */
export function redrawTimeText(trend: LiveTrendElement): string {
  return trend.source === "page" ? `${trend.redrawMs.toFixed(1)} ms` : "none yet";
}

/** The trend's rows as the ROI trend table of `npm run roi` (lib/roi/trend-table.ts), the ROIs as GeoJSON and the chart, each downloadable. */
export function trendDownloads(trend: LiveTrendElement, {rows, rois, run, region, ion}: {rows: RoiTrendRow[]; rois: RoiFeature[]; run: string; region: string; ion: string}): DocumentFragment {
  const downloads = document.createDocumentFragment();
  downloads.append(tableDownloads(roiTrendTable(rows), {name: `${run}-${region}-roi-trend`}),
    jsonDownload({type: "FeatureCollection", features: rois}, {name: `${run}-${region}-rois`, label: "ROI polygons (GeoJSON)"}),
    figureDownloads(trend, {name: `${run}-${region}-${ion}-roi-trend`}));
  return downloads;
}
