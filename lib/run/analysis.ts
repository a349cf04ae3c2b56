// The analysis every page of a run starts from, in one place: image stacks from the loaders' tables, the
// drift of every frame (registration on the total-ion image), each observation point placed on the cycling
// record and named, and the run's ROIs. The pages, `npm run roi` and the tests start from here.
import type {Table} from "apache-arrow";
import {frameCurvePosition, type CurvePosition} from "../echem/curve.js";
import {cyclingSeriesFromTable} from "../echem/series.js";
import {frameTimesFromTable} from "../frames/frame-times.js";
import {framesOnCurve, type FrameOnCurve} from "../frames/frames-on-curve.js";
import {driftLookup, driftSdLookup, regionDriftsFromSaved, registerRegions, type RegionDrift, type SavedRegionDrift} from "../imaging/drift.js";
import {frameRaster, type ImageStack, type Raster} from "../imaging/raster.js";
import {particleOutlines} from "../imaging/particles.js";
import type {RegionLabels} from "../imaging/segmentation-file.js";
import type {Segmentation} from "../imaging/segment.js";
import {roiFrameMasks, type RegionGrid, type RoiFrameMask} from "../roi/aggregate.js";
import {roisFromGeoJson} from "../roi/geojson.js";
import type {RoiTrendRow} from "../roi/trend.js";
import type {TrendPoint} from "../roi/trend-normalise.js";
import {roiRings, type PolygonRoi, type Roi} from "../roi/types.js";
import {regionGridsOf} from "./roi-trends.js";
import {stateFrames, type StateFrame} from "./state-frames.js";

export interface ManifestSummary {
  run: string;
  title?: string;
  sample?: string;
  synthetic?: boolean;
  regions: {id: string; label?: string; fieldOfViewUm: [number, number]; pixels: [number, number]}[];
  ions: {id: string; massU?: number; regions?: string[]}[];
  potentiostat?: {file: string; timeZone?: string; clockOffsetS?: number; clockOffsetUncertaintyS?: number};
  figures?: {reproducesReferenceStudy?: boolean};
}

/** A (region, frame) on the cycling record, and where the middle of the frame falls on the charge–discharge curve. */
export interface ObservationPoint extends FrameOnCurve {
  curvePosition: CurvePosition;
}

export interface RunTables {
  manifest: ManifestSummary;
  /** The stacks the page draws (src/components/run-stacks.ts), not necessarily every stack of the run. */
  stacks: ImageStack[];
  /** Every (region, frame) on the cycling record (`runObservations`; the build writes them as observations.json). */
  observations: ObservationPoint[];
  rois?: unknown;
  /** The registration of the build; without it the frames of `stacks` are registered here (on their total-ion images). */
  drift?: SavedRegionDrift[];
}

export interface RunAnalysis {
  manifest: ManifestSummary;
  stacks: ImageStack[];
  drifts: RegionDrift[];
  driftPx: (region: string, frame: number) => [number, number];
  driftSdPx: (region: string, frame: number) => number;
  /** Every (region, frame) placed on the cycling record, in time order. */
  observations: ObservationPoint[];
  rois: Roi[];
}

/**
 * Every (region, frame) of the frames table placed on the cycling record and named, in time order; `clockOffsetS`
 * is the potentiostat's clock minus the SIMS clock (the manifest's potentiostat.clockOffsetS).
 */
export function runObservations(cycling: Table, frames: Table, clockOffsetS?: number): ObservationPoint[] {
  const series = cyclingSeriesFromTable(cycling);
  return framesOnCurve(series, frameTimesFromTable(frames, clockOffsetS)).sort((a, b) => a.startUnixS - b.startUnixS)
    .map((o) => ({...o, curvePosition: frameCurvePosition(series, o)}));
}

export function analyseRun(tables: RunTables): RunAnalysis {
  const {stacks, observations} = tables;
  const drifts = tables.drift ? regionDriftsFromSaved(tables.drift) : registerRegions(stacks);
  const regionIds = tables.manifest.regions.map((r) => r.id);
  // A run without an ROI file has an empty collection (the build writes one), which has no ROIs to read.
  const hasRois = (tables.rois as {features?: unknown[]} | undefined)?.features?.length;
  const rois = hasRois ? roisFromGeoJson(tables.rois, regionIds) : [];
  return {manifest: tables.manifest, stacks, drifts, driftPx: driftLookup(drifts), driftSdPx: driftSdLookup(drifts), observations, rois};
}

/** Frames whose drift the registration is not sure of (at its search bound, or a poor match), with why. */
export function unreliableDrifts(analysis: RunAnalysis): {region: string; frame: number; reason: string}[] {
  return analysis.drifts.flatMap((d) => [...d.byFrame].filter(([, e]) => !e.reliable).map(([frame, e]) => ({region: d.region, frame, reason: e.reason})));
}

export function stackOf(analysis: RunAnalysis, region: string, ion: string): ImageStack {
  const stack = analysis.stacks.find((s) => s.region === region && s.ion === ion);
  if (!stack) throw new RangeError(`this run has no ${ion} images of region "${region}"`);
  return stack;
}

export function imageOf(stack: ImageStack, frame: number): Raster {
  const slot = stack.frames.indexOf(frame);
  if (slot < 0) throw new RangeError(`${stack.region}/${stack.ion} has no frame ${frame}`);
  return frameRaster(stack, slot);
}

/** The observation points of one region, in time order, numbered 1, 2, … as on the paper's curve. */
export function observationsOf(analysis: RunAnalysis, region: string): (ObservationPoint & {number: number})[] {
  return analysis.observations.filter((o) => o.region === region).map((o, i) => ({...o, number: i + 1}));
}

/** The frames of a region that stand for before charging, charged and discharged (lib/run/state-frames.ts). */
export function stateFramesOf(analysis: RunAnalysis, region: string): StateFrame[] {
  return stateFrames(observationsOf(analysis, region));
}

export function regionGrids(analysis: RunAnalysis): RegionGrid[] {
  return regionGridsOf(analysis.stacks);
}

/** The registered mask of every ROI in every frame of its region. */
export function registeredMasks(analysis: RunAnalysis, rois: Roi[] = analysis.rois): RoiFrameMask[] {
  return roiFrameMasks(rois, regionGrids(analysis), analysis.driftPx, new Map(), analysis.driftSdPx);
}

/** ROI polygons as outlines in um, translated by a frame's drift, for drawing on that frame's image. */
export function roiOutlinesUm(analysis: RunAnalysis, roi: Roi, frame: number): [number, number][][] {
  const stack = analysis.stacks.find((s) => s.region === roi.region)!;
  const [dx, dy] = analysis.driftPx(roi.region, frame);
  const shift = ([x, y]: [number, number]): [number, number] => [x + dx * stack.pixelWidthUm, y + dy * stack.pixelHeightUm];
  return roi.kind === "particle" ? [] : roiRings(roi).map((ring) => ring.map(shift));
}

/** A region's particles as the build segmented them (lib/imaging/segmentation-file.ts), with their outlines in um. */
export function regionParticles(segmented: RegionLabels): {segmentation: Segmentation; outlines: PolygonRoi[]} {
  const {segmentation, region, pixelWidthUm, pixelHeightUm} = segmented;
  return {segmentation, outlines: particleOutlines(segmentation, segmentation.count, region, pixelWidthUm, pixelHeightUm)};
}

/**
 * Trend rows as points of a trend chart, the observation point's number as its name: counts per um², or
 * another value of the row with its interval (`measure`, e.g. the dead-time corrected counts per um²).
 */
export function chartRows<Row extends RoiTrendRow>(analysis: RunAnalysis, rows: Row[],
  measure: (row: Row) => Pick<TrendPoint, "value" | "low" | "high" | "flagged"> = (row) => ({value: row.countsPerUm2, low: row.countsPerUm2Low, high: row.countsPerUm2High})): TrendPoint[] {
  return rows.map((row) => {
    const number = observationsOf(analysis, row.region).find((o) => o.frame === row.frame)?.number ?? row.frame + 1;
    return {roi: row.roi, ion: row.ion, frame: row.frame, observationName: String(number), ...measure(row)};
  });
}
