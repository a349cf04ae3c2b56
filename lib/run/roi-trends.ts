/**
 * The ROI trend table of a run (docs/analysis.md), the same rows wherever it is made: `npm run roi` for any ROI
 * file, and the build for the run's own ROIs (`roi-trends.arrow`, which the figure pages draw their trends from).
 * Masks follow each frame's drift; the interval is widened by the drift's uncertainty; with the pulses per pixel
 * known, the dead-time columns come too (lib/roi/dead-time-trend.ts).
 */
import type {ImageStack, Raster} from "../imaging/raster.js";
import {roiFrameMasks, type RegionGrid} from "../roi/aggregate.js";
import {roiDeadTimeTrends, type RoiDeadTimeRow} from "../roi/dead-time-trend.js";
import {roiTrends, type RoiTrendRow} from "../roi/trend.js";
import type {Roi} from "../roi/types.js";

/** The pixel grid and frames of every region that has a stack (the first stack of each region). */
export function regionGridsOf(stacks: ImageStack[]): RegionGrid[] {
  const grids = new Map<string, RegionGrid>();
  for (const s of stacks) {
    if (!grids.has(s.region)) grids.set(s.region, {region: s.region, width: s.width, height: s.height, pixelWidthUm: s.pixelWidthUm, pixelHeightUm: s.pixelHeightUm, frames: s.frames});
  }
  return [...grids.values()];
}

export interface RunTrendOptions {
  driftPx: (region: string, frame: number) => [number, number];
  driftSdPx: (region: string, frame: number) => number;
  /** Particle label maps per region, for particle ROIs. */
  labels?: Map<string, Raster>;
  /** Pulses per pixel of (region, frame, ion); with it, the dead-time columns. */
  pulsesPerPixel?: (region: string, frame: number, ion: string) => number;
}

export function runRoiTrends(stacks: ImageStack[], rois: Roi[], options: RunTrendOptions): RoiTrendRow[] | RoiDeadTimeRow[] {
  const masks = roiFrameMasks(rois, regionGridsOf(stacks), options.driftPx, options.labels ?? new Map(), options.driftSdPx);
  return options.pulsesPerPixel ? roiDeadTimeTrends(stacks, masks, options.pulsesPerPixel) : roiTrends(stacks, masks);
}
