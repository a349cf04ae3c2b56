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
  for (let y = 0; y < usedHeight; y++) {
    const row = Math.floor(y / factor) * width;
    for (let x = 0; x < usedWidth; x++) {
      const bin = row + Math.floor(x / factor);
      data[bin] += image.data[y * image.width + x];
      pixelsPerBin[bin]++;
    }
  }
  return {data, width, height, pixelsPerBin};
}
