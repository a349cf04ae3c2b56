/**
 * ROI trends with the detector's dead-time correction (lib/imaging/dead-time.ts): per (ROI, ion, frame), the
 * trend row of lib/roi/trend.ts and the corrected counts, applied pixel by pixel under the mask, with their
 * interval (the observed interval, widened by registration, scaled by the correction's gain) and the pixels too
 * close to saturation to correct. Frames whose pulses per pixel are unknown get NaN corrections.
 */
import {roiDeadTime, roiDeadTimeInterval} from "../imaging/dead-time.js";
import {TOTAL_ION, type ImageStack} from "../imaging/raster.js";
import type {RoiFrameMask} from "./aggregate.js";
import {poissonInterval, widenInterval} from "./interval.js";
import {cellTrendRow, trendCells, type RoiTrendRow} from "./trend.js";

export interface RoiDeadTimeRow extends RoiTrendRow {
  pulsesPerPixel: number;
  correctedCounts: number;
  correctedCountsPerUm2: number;
  correctedCountsPerUm2Low: number;
  correctedCountsPerUm2High: number;
  /** Pixels of the mask whose counts exceed MAX_CORRECTABLE_SATURATION of the pulses: the correction is not trusted. */
  saturatedPixels: number;
}

/** Rows in the order of roiTrends (ROI, then ion, then frame); `pulsesPerPixel` NaN where unknown. */
export function roiDeadTimeTrends(stacks: ImageStack[], masks: RoiFrameMask[], pulsesPerPixel: (region: string, frame: number, ion: string) => number,
  confidence = 0.95): RoiDeadTimeRow[] {
  return trendCells(stacks, masks).map(({stack, mask}) => {
    const row = cellTrendRow(stack, mask, confidence);
    const pulses = pulsesPerPixel(mask.region, mask.frame, stack.ion);
    if (!(pulses > 0)) {
      return {...row, pulsesPerPixel: NaN, correctedCounts: NaN, correctedCountsPerUm2: NaN, correctedCountsPerUm2Low: NaN, correctedCountsPerUm2High: NaN, saturatedPixels: NaN};
    }
    const slot = stack.frames.indexOf(mask.frame);
    const corrected = roiDeadTime(stack.data, slot * stack.width * stack.height, mask.spans, pulses);
    const observed = widenInterval(row.counts, poissonInterval(row.counts, confidence), row.registrationSdCounts, confidence);
    const {low, high} = roiDeadTimeInterval(corrected, observed);
    const area = mask.areaUm2;
    return {
      ...row, pulsesPerPixel: pulses, correctedCounts: corrected.correctedCounts,
      correctedCountsPerUm2: area > 0 ? corrected.correctedCounts / area : NaN,
      correctedCountsPerUm2Low: area > 0 ? low / area : NaN,
      correctedCountsPerUm2High: area > 0 ? high / area : NaN,
      saturatedPixels: corrected.saturatedPixels
    };
  });
}

/** Whether a manifest gives the pulses per pixel anywhere (`detector`, or any frame). */
export function hasPulses(manifest: {detector?: {pulsesPerPixel?: number}; frames: {pulsesPerPixel?: number}[]}): boolean {
  return manifest.detector?.pulsesPerPixel !== undefined || manifest.frames.some((f) => f.pulsesPerPixel !== undefined);
}

/**
 * Pulses per pixel of each (region, frame) from a manifest's `frames[].pulsesPerPixel`, else its
 * `detector.pulsesPerPixel`; NaN when neither is given, and for the total-ion image: the detector counts one ion
 * of each mass per pulse, so a sum over masses has no dead time of its own to correct.
 */
export function manifestPulses(manifest: {detector?: {pulsesPerPixel?: number}; frames: {index: number; region: string; pulsesPerPixel?: number}[]}):
  (region: string, frame: number, ion: string) => number {
  const byFrame = new Map(manifest.frames.map((f) => [`${f.region}\u0000${f.index}`, f.pulsesPerPixel]));
  const fallback = manifest.detector?.pulsesPerPixel ?? NaN;
  return (region, frame, ion) => (ion === TOTAL_ION ? NaN : byFrame.get(`${region}\u0000${frame}`) ?? fallback);
}
