// The image the explorer shows: one frame of one ion, normalised (lib/imaging/normalise), optionally moved onto
// the reference frame by its whole-pixel drift (so that ROIs drawn in reference coordinates sit on it), and
// binned (lib/imaging/bin, counts summed; per-area quantities divided by the pixels in each bin). Or, as a change
// map, the frame's counts over the pristine frame's per pixel (or bin), the frame moved by its sub-pixel drift with
// the counts kept and low counts masked (lib/imaging/change.ts).
import {binRaster} from "../imaging/bin.js";
import {alignToReference, changeMap} from "../imaging/change.js";
import {normaliseStack, type Normalisation} from "../imaging/normalise.js";
import {frameRaster, type Raster} from "../imaging/raster.js";
import {stackOf, type RunAnalysis} from "./analysis.js";

export interface ExplorerImageOptions {
  region: string;
  ion: string;
  frame: number;
  normalisation: Normalisation;
  /** 1, 2 or 4. */
  binFactor: number;
  /** Move the frame onto the reference frame (frame 0) by its drift, rounded to whole pixels. */
  registered: boolean;
  /** Instead, the change map frame / pristine frame (the first), per pixel or bin; `normalisation` is then not used. */
  changeFromPristine?: boolean;
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
  const pixelSizeUm: [number, number] = [stack.pixelWidthUm * binFactor, stack.pixelHeightUm * binFactor];
  const bin = binFactor > 1 ? `${binFactor}×${binFactor} px` : "pixel";
  if (options.changeFromPristine) {
    // Binned first (counts summed) so that fewer pixels fall under the low-count rule; the drift in binned pixels.
    const counts = (s: number) => binRaster(frameRaster(stack, s), binFactor);
    const [dx, dy] = analysis.driftPx(region, frame);
    const ratio = changeMap(counts(slot), counts(0), {driftPx: [dx / binFactor, dy / binFactor], subPixel: true});
    return {image: {data: Float64Array.from(ratio.data), width: ratio.width, height: ratio.height}, pixelSizeUm,
      quantity: `${ion} counts / pristine counts, per ${bin}`};
  }
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
  return {image, pixelSizeUm, quantity: quantity.replace("{ion}", ion).replace("{bin}", bin)};
}
