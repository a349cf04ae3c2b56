// What the components page shows of a region around its components (lib/run/components.ts): the ions that enter,
// where each frame lies in the cycle, the score images' pixel size, the table of mean scores per frame, and why a
// region has no components.
import type {Table} from "apache-arrow";
import {TOTAL_ION} from "../imaging/raster.js";
import {observationsOf, type RunAnalysis} from "./analysis.js";
import type {ComponentsSummary} from "./components.js";
import {regionGeometry} from "./run-roles.js";

/** A frame where the score trend places it. */
export interface FramePlace {
  frame: number;
  /** Observation point number (as on the charge-discharge curve). */
  number: number;
  /** State of charge at the frame's middle, 0-1. */
  stateOfCharge: number;
}

export interface ComponentsView {
  /** The ions that enter: the build's PCA's, else every ion of the region with images but the total-ion image. */
  ions: string[];
  points: ReturnType<typeof observationsOf>;
  places: FramePlace[];
  /** The region's pixel size, [x, y] µm, before the matrix's binning. */
  pixelSizeUm: [number, number];
  /** Why the region has no components (fewer than two ions), in a sentence; null when it has. */
  unfilled: string | null;
}

/** The page of one region, from the build's PCA of it (null when the build made none) and its ions with images. */
export function componentsView(analysis: RunAnalysis, images: Table, region: string, pca: ComponentsSummary | null, regionIons: string[]): ComponentsView {
  const ions = pca?.matrix.ions ?? regionIons.filter((ion) => ion !== TOTAL_ION);
  const points = observationsOf(analysis, region);
  const grid = regionGeometry(images, region);
  return {
    ions, points,
    places: points.map((p) => ({frame: p.frame, number: p.number, stateOfCharge: p.atMiddle.stateOfCharge})),
    pixelSizeUm: [grid.pixelWidthUm, grid.pixelHeightUm],
    unfilled: pca ? null : `This region has ${ions.length} ion image(s) besides the total-ion image; components need at least two.`
  };
}

/** The slot of a frame in the result's matrix (its score images' index), -1 when the matrix lacks it. */
export function frameSlot(result: ComponentsSummary, frame: number): number {
  return result.matrix.frames.indexOf(frame);
}

/** Each component's mean score per frame with its standard error and the frame's state of charge (NaN for a frame with no place). */
export function componentScoreRows(result: ComponentsSummary, places: FramePlace[]): {method: string; component: number; frame: number; state_of_charge: number;
  mean_score: number; mean_score_standard_error: number}[] {
  const placeOf = new Map(places.map((p) => [p.frame, p]));
  return result.perFrame.flatMap((frames, c) => frames.map((f, slot) => ({
    method: result.method, component: c + 1, frame: result.matrix.frames[slot],
    state_of_charge: placeOf.get(result.matrix.frames[slot])?.stateOfCharge ?? NaN,
    mean_score: f.mean, mean_score_standard_error: f.standardError
  })));
}
