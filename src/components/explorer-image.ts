// The image the explorer shows: one frame of one ion, normalised (lib/imaging/normalise), optionally moved onto
// the reference frame by its whole-pixel drift (so that ROIs drawn in reference coordinates sit on it), and
// binned (lib/imaging/bin, counts summed; per-area quantities divided by the pixels in each bin).
import {binRaster} from "@operando/lib/imaging/bin";
import {alignToReference} from "@operando/lib/imaging/change";
import {normaliseStack, type Normalisation} from "@operando/lib/imaging/normalise";
import type {Raster} from "@operando/lib/imaging/raster";
import {stackOf, type RunAnalysis} from "./run-analysis.js";

export interface ExplorerImageOptions {
  region: string;
  ion: string;
  frame: number;
  normalisation: Normalisation;
  /** 1, 2 or 4. */
  binFactor: number;
  /** Move the frame onto the reference frame (frame 0) by its drift, rounded to whole pixels. */
  registered: boolean;
}

export interface ExplorerImage {
  image: Raster<Float64Array>;
  pixelSizeUm: [number, number];
  /** Colour-bar label: quantity and unit. */
  quantity: string;
}

/** Per pixel (or per bin): how the value of each normalisation reads, and whether a bin sums or averages it. */
export const normalisationLabels: Record<Normalisation, {quantity: string; perArea: boolean}> = {
  counts: {quantity: "{ion} counts per {bin}", perArea: false},
  countsPerUm2: {quantity: "{ion} counts/µm²", perArea: true},
  totalIonFraction: {quantity: "{ion} / total-ion counts, per {bin}", perArea: false},
  relativeToPristine: {quantity: "{ion} × pristine mean", perArea: true}
};

export function explorerImage(analysis: RunAnalysis, options: ExplorerImageOptions): ExplorerImage {
  const {region, ion, frame, normalisation, binFactor, registered} = options;
  const stack = stackOf(analysis, region, ion);
  const slot = stack.frames.indexOf(frame);
  if (slot < 0) throw new RangeError(`${region}/${ion} has no frame ${frame}`);
  const totalIon = normalisation === "totalIonFraction" ? stackOf(analysis, region, "total") : undefined;
  const normalised = normaliseStack(stack, normalisation, {totalIon, pristineFrame: stack.frames[0]});
  const size = stack.width * stack.height;
  let image: Raster<Float64Array> = {data: Float64Array.from(normalised.subarray(slot * size, (slot + 1) * size)), width: stack.width, height: stack.height};
  if (registered) {
    const aligned = alignToReference(image, analysis.driftPx(region, frame));
    // Pixels the frame did not see after the shift are marked -1 by alignToReference: no value, not zero.
    for (let i = 0; i < aligned.data.length; i++) if (aligned.data[i] < 0) aligned.data[i] = NaN;
    image = aligned;
  }
  const {quantity, perArea} = normalisationLabels[normalisation];
  if (binFactor > 1) {
    const binned = binRaster(image, binFactor);
    if (perArea) for (let i = 0; i < binned.data.length; i++) binned.data[i] /= binned.pixelsPerBin[i];
    image = binned;
  }
  const bin = binFactor > 1 ? `${binFactor}×${binFactor} px` : "pixel";
  return {
    image,
    pixelSizeUm: [stack.pixelWidthUm * binFactor, stack.pixelHeightUm * binFactor],
    quantity: quantity.replace("{ion}", ion).replace("{bin}", bin)
  };
}
