/**
 * The ROI trend table: for each ROI, ion and frame, the counts under the registered mask, the mask's area,
 * counts per um2 and its 95% interval: the exact Poisson interval of the counts (lib/roi/interval.ts), widened by
 * the registration's uncertainty where the drift is uncertain (lib/roi/drift-uncertainty.ts), divided by the area.
 * Defined answers: an empty mask (ROI outside the image, or too thin to hold a pixel centre) gives counts 0,
 * area 0 and NaN for counts per um2 and its interval; a frame with no counts gives 0 with the interval
 * [0, 3.689 / area].
 */
import type {ImageStack} from "../imaging/raster.js";
import {stackRegistrationVariance, stackRoiCounts, type RoiFrameMask} from "./aggregate.js";
import {poissonInterval, widenInterval} from "./interval.js";

export interface RoiTrendRow {
  roi: string;
  region: string;
  ion: string;
  frame: number;
  counts: number;
  areaUm2: number;
  countsPerUm2: number;
  countsPerUm2Low: number;
  countsPerUm2High: number;
  driftXPx: number;
  driftYPx: number;
  driftSdPx: number;
  /** Standard deviation of the counts from the drift's uncertainty (0 when there is none). */
  registrationSdCounts: number;
}

/** A row from a count and its mask; shared by the TypeScript and the SQL paths. */
export function trendRow(mask: RoiFrameMask, ion: string, counts: number, registrationVariance = 0, confidence = 0.95): RoiTrendRow {
  const registrationSdCounts = Math.sqrt(registrationVariance);
  const {low, high} = widenInterval(counts, poissonInterval(counts, confidence), registrationSdCounts, confidence);
  const area = mask.areaUm2;
  return {
    roi: mask.roi, region: mask.region, ion, frame: mask.frame, counts, areaUm2: area,
    countsPerUm2: area > 0 ? counts / area : NaN,
    countsPerUm2Low: area > 0 ? low / area : NaN,
    countsPerUm2High: area > 0 ? high / area : NaN,
    driftXPx: mask.driftPx[0], driftYPx: mask.driftPx[1], driftSdPx: mask.driftSdPx, registrationSdCounts
  };
}

/** Every (ROI, ion, frame) cell of the trend table: ROI (mask order), then ion (stack order), then frame. */
export function trendCells(stacks: ImageStack[], masks: RoiFrameMask[]): {stack: ImageStack; mask: RoiFrameMask}[] {
  const cells: {stack: ImageStack; mask: RoiFrameMask}[] = [];
  for (const roi of new Set(masks.map((m) => m.roi))) {
    const roiMasks = masks.filter((m) => m.roi === roi);
    for (const stack of stacks) {
      if (stack.region !== roiMasks[0].region) continue;
      for (const mask of roiMasks) if (stack.frames.includes(mask.frame)) cells.push({stack, mask});
    }
  }
  return cells;
}

/** The trend row of one cell: its counts and the registration's share of their spread. */
export function cellTrendRow(stack: ImageStack, mask: RoiFrameMask, confidence = 0.95): RoiTrendRow {
  const counts = stackRoiCounts(stack, mask.frame, mask.spans);
  return trendRow(mask, stack.ion, counts, stackRegistrationVariance(stack, mask.frame, mask), confidence);
}

/** Rows ordered by ROI (mask order), then ion (stack order), then frame. */
export function roiTrends(stacks: ImageStack[], masks: RoiFrameMask[], confidence = 0.95): RoiTrendRow[] {
  return trendCells(stacks, masks).map(({stack, mask}) => cellTrendRow(stack, mask, confidence));
}
