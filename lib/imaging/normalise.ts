/**
 * Normalisations of an image stack, each returning Float32 values and the unit they are in:
 * - "counts": raw counts per pixel.
 * - "countsPerUm2": counts / pixel area.
 * - "totalIonFraction": counts / (the same frame's total-ion counts summed over the whole image): the ion's
 *   share of everything the frame detected, so frames of different dose or overall yield compare.
 * - "relativeToPristine": counts / (the pristine frame's mean counts per pixel of the same ion), so the pristine
 *   frame averages 1. A scalar per ion; the per-pixel comparison is a change map (lib/imaging/change.ts).
 */
import {frameRaster, rasterTotal, type ImageStack} from "./raster.js";

export type Normalisation = "counts" | "countsPerUm2" | "totalIonFraction" | "relativeToPristine";

export interface NormaliseOptions {
  /** Needed for "totalIonFraction": the total-ion stack of the same region (same frames). */
  totalIon?: ImageStack;
  /** Needed for "relativeToPristine": the pristine frame's index. Default: the stack's first frame. */
  pristineFrame?: number;
}

export const normalisationUnit: Record<Normalisation, string> = {
  counts: "counts",
  countsPerUm2: "counts/um2",
  totalIonFraction: "fraction of total-ion counts",
  relativeToPristine: "x pristine mean"
};

/** One factor per slot; the stack's values times that factor. */
function slotFactors(stack: ImageStack, mode: Normalisation, options: NormaliseOptions): number[] {
  const slots = stack.frames.map((_, slot) => slot);
  switch (mode) {
    case "counts":
      return slots.map(() => 1);
    case "countsPerUm2":
      return slots.map(() => 1 / (stack.pixelWidthUm * stack.pixelHeightUm));
    case "totalIonFraction": {
      const total = options.totalIon;
      if (!total || total.region !== stack.region) throw new RangeError(`normaliseStack: "totalIonFraction" needs the total-ion stack of region ${stack.region}`);
      return stack.frames.map((frame) => {
        const slot = total.frames.indexOf(frame);
        if (slot < 0) throw new RangeError(`normaliseStack: total-ion stack has no frame ${frame}`);
        const sum = rasterTotal(frameRaster(total, slot));
        return sum > 0 ? 1 / sum : NaN;
      });
    }
    case "relativeToPristine": {
      const pristine = options.pristineFrame ?? stack.frames[0];
      const slot = stack.frames.indexOf(pristine);
      if (slot < 0) throw new RangeError(`normaliseStack: no pristine frame ${pristine} in ${stack.region}/${stack.ion}`);
      const mean = rasterTotal(frameRaster(stack, slot)) / (stack.width * stack.height);
      return slots.map(() => (mean > 0 ? 1 / mean : NaN));
    }
  }
}

/** The whole stack normalised (`frames x height x width`, like `stack.data`). NaN where the divisor is 0. */
export function normaliseStack(stack: ImageStack, mode: Normalisation, options: NormaliseOptions = {}): Float32Array {
  const factors = slotFactors(stack, mode, options);
  const size = stack.width * stack.height;
  const out = new Float32Array(stack.data.length);
  factors.forEach((factor, slot) => {
    for (let i = slot * size; i < (slot + 1) * size; i++) out[i] = stack.data[i] * factor;
  });
  return out;
}
