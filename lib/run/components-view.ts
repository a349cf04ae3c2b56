// What the components page shows of a region around its components (lib/run/components.ts): where each frame lies
// in the cycle, the score images' pixel size and the drifts the registration is unsure of (the build writes them
// beside the region's PCA, so that the page needs no other table), the table of mean scores per frame, and why a
// region has no components.
import type {Table} from "apache-arrow";
import {observationsOf, unreliableDrifts, type RunAnalysis} from "./analysis.js";
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

/** The run's timeline as the components page draws it around a region's components. */
export interface ComponentsContext {
  /** Every observation point of the region, in order. */
  places: FramePlace[];
  /** The region's pixel size, [x, y] µm, before the matrix's binning. */
  pixelSizeUm: [number, number];
  /** The region's frames whose drift the registration is unsure of (the matrix is registered by it). */
  unreliableDrifts: {region: string; frame: number; reason: string}[];
}

export function componentsContext(analysis: RunAnalysis, images: Table, region: string): ComponentsContext {
  const grid = regionGeometry(images, region);
  return {
    places: observationsOf(analysis, region).map((p) => ({frame: p.frame, number: p.number, stateOfCharge: p.atMiddle.stateOfCharge})),
    pixelSizeUm: [grid.pixelWidthUm, grid.pixelHeightUm],
    unreliableDrifts: unreliableDrifts(analysis).filter((d) => d.region === region)
  };
}

/** Why a region with these ions (besides the total-ion image: lib/run/components.ts componentIons) has no components, or null when it has. */
export function noComponentsReason(componentIons: string[]): string | null {
  return componentIons.length >= 2 ? null : `This region has ${componentIons.length} ion image(s) besides the total-ion image; components need at least two.`;
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
