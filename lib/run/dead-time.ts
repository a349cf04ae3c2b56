// The dead-time page of a run: one frame of one ion corrected pixel by pixel for the detector's dead time, the
// trends of its region's ROIs with and without the correction, and what they say in numbers.
import {deadTimeCorrectImage, type DeadTimeImage} from "../imaging/dead-time.js";
import type {ImageStack, Raster} from "../imaging/raster.js";
import {hasPulses, manifestPulses, roiDeadTimeTrends, type RoiDeadTimeRow} from "../roi/dead-time-trend.js";
import type {TrendPoint} from "../roi/trend-normalise.js";
import type {Roi} from "../roi/types.js";
import {chartRows, imageOf, observationsOf, registeredMasks, stackOf, type RunAnalysis} from "./analysis.js";

/** Pulses per pixel of a (region, frame, ion): the manifest's (`manifestPulses` of lib/roi/dead-time-trend.ts). */
export type PulsesPerPixel = (region: string, frame: number, ion: string) => number;

/** The manifest's pulses per pixel; null when it gives them nowhere, with what to add to it in a sentence. */
export function deadTimePulses(manifest: Parameters<typeof hasPulses>[0] & Parameters<typeof manifestPulses>[0]): {pulsesOf: PulsesPerPixel | null; unfilled: string | null} {
  return hasPulses(manifest)
    ? {pulsesOf: manifestPulses(manifest), unfilled: null}
    : {pulsesOf: null, unfilled: "This run's manifest gives no pulses per pixel, so its counts cannot be corrected for the detector's dead time. Add \"detector\": {\"pulsesPerPixel\": n} (shots per pixel × scans) to the manifest, or pulsesPerPixel to a frame whose count differs; npm run roi then writes the corrected counts too."};
}

export interface DeadTimeFrame {
  region: string;
  ion: string;
  /** The observation point (numbered from 1, as on the curve) and its frame. */
  point: number;
  frame: number;
  stack: ImageStack;
  pulsesPerPixel: number;
  observed: Raster;
  /** Every pixel corrected, and the pixels too close to saturation to correct. */
  correction: DeadTimeImage;
}

/** The frame of an observation point of a (region, ion) whose stack `analysis.stacks` holds, corrected at its pulses per pixel. */
export function deadTimeFrame(analysis: RunAnalysis, {region, ion, point}: {region: string; ion: string; point: number}, pulsesOf: PulsesPerPixel): DeadTimeFrame {
  const observation = observationsOf(analysis, region).find((o) => o.number === point);
  if (!observation) throw new RangeError(`region "${region}" has no observation point ${point}`);
  const {frame} = observation;
  const stack = stackOf(analysis, region, ion);
  const pulsesPerPixel = pulsesOf(region, frame, ion);
  const observed = imageOf(stack, frame);
  return {region, ion, point, frame, stack, pulsesPerPixel, observed, correction: deadTimeCorrectImage(observed, pulsesPerPixel)};
}

/** The image to draw: the corrected counts (a pixel that counted on every pulse has no finite correction: NaN, left blank), or the counts as observed. */
export function deadTimeImageShown(frame: DeadTimeFrame, corrected: boolean): Raster {
  const {width, height} = frame.observed;
  return corrected ? {width, height, data: Float64Array.from(frame.correction.data, (v) => (Number.isFinite(v) ? v : NaN))} : frame.observed;
}

export interface DeadTimeTrend {
  region: string;
  ion: string;
  /** The region's ROIs. */
  rois: Roi[];
  /** Why there is no trend (the region has no ROIs), in a sentence. */
  unfilled: string | null;
  rows: RoiDeadTimeRow[];
  /** The lowest and highest ROI counts as observed, in percent of their corrected counts; null when no row has both. */
  observedPercentOfCorrected: [number, number] | null;
  /** The (ROI, frame) cells that hold a pixel too close to saturation to correct, and their ROIs' names. */
  saturatedCells: number;
  saturatedRois: string[];
}

/** Every registered ROI of the region over every frame of its (region, ion) stack, with and without the correction. */
export function deadTimeTrend(analysis: RunAnalysis, {region, ion}: {region: string; ion: string}, pulsesOf: PulsesPerPixel): DeadTimeTrend {
  const stack = stackOf(analysis, region, ion);
  const rois = analysis.rois.filter((r) => r.region === region);
  const rows = rois.length > 0 ? roiDeadTimeTrends([stack], registeredMasks(analysis, rois), pulsesOf) : [];
  const percents = rows.map((r) => 100 * (r.counts / r.correctedCounts)).filter(Number.isFinite);
  const saturated = rows.filter((r) => r.saturatedPixels > 0);
  return {
    region,
    ion,
    rois,
    unfilled: rois.length > 0 ? null : "This region has no ROIs in the run's ROI file, so there is no trend to correct; draw some in the Explorer and run npm run roi.",
    rows,
    observedPercentOfCorrected: percents.length > 0 ? [Math.min(...percents), Math.max(...percents)] : null,
    saturatedCells: saturated.length,
    saturatedRois: [...new Set(saturated.map((r) => r.roi))]
  };
}

/** The trend rows as chart points: corrected counts per µm² or as observed, each with its 95% interval; cells with saturated pixels flagged. */
export function deadTimeTrendPoints(analysis: RunAnalysis, rows: RoiDeadTimeRow[], corrected: boolean): TrendPoint[] {
  return chartRows(analysis, rows, corrected
    ? (r) => ({value: r.correctedCountsPerUm2, low: r.correctedCountsPerUm2Low, high: r.correctedCountsPerUm2High, flagged: r.saturatedPixels > 0})
    : (r) => ({value: r.countsPerUm2, low: r.countsPerUm2Low, high: r.countsPerUm2High, flagged: r.saturatedPixels > 0}));
}
