/**
 * Binning by an integer factor (2 for 2x2, 4 for 4x4) that keeps counts: each output pixel is the sum of the
 * input pixels it covers. Ragged edge (width or height not a multiple of the factor):
 * - "keep" (default): the last column/row of bins is partial, so the total is kept exactly; `pixelsPerBin`
 *   says how many input pixels each bin holds, so that per-area values divide by the right area.
 * - "crop": the leftover columns/rows are dropped (the total then drops by their counts).
 */
import type {Raster} from "./raster.js";

export interface BinnedRaster extends Raster<Float64Array> {
  pixelsPerBin: Uint16Array;
}

export function binRaster(image: Raster, factor: number, edge: "keep" | "crop" = "keep"): BinnedRaster {
  if (!Number.isInteger(factor) || factor < 1 || factor > 255) throw new RangeError(`binRaster: factor ${factor} is not an integer in 1..255`);
  const round = edge === "keep" ? Math.ceil : Math.floor;
  const width = round(image.width / factor);
  const height = round(image.height / factor);
  const data = new Float64Array(width * height);
  const pixelsPerBin = new Uint16Array(width * height);
  const usedWidth = Math.min(image.width, width * factor);
  const usedHeight = Math.min(image.height, height * factor);
  // A bin at a time along each row (no division per pixel), adding its pixels in the same order as one at a time.
  for (let y = 0; y < usedHeight; y++) {
    const start = y * image.width;
    for (let x0 = 0, bin = Math.floor(y / factor) * width; x0 < usedWidth; x0 += factor, bin++) {
      const x1 = Math.min(x0 + factor, usedWidth);
      let sum = data[bin];
      for (let x = x0; x < x1; x++) sum += image.data[start + x];
      data[bin] = sum;
      pixelsPerBin[bin] += x1 - x0;
    }
  }
  return {data, width, height, pixelsPerBin};
}
