/**
 * Change maps between two frames of one region (e.g. charged vs pristine), per pixel, after moving the frame
 * by its drift rounded to whole pixels (so counts stay integer counts), or with `subPixel` by the drift itself
 * with the count-preserving rule of lib/imaging/shift.ts (pixels not fully covered by the moved frame are masked).
 *
 * Low-count rule: a pixel is masked (value NaN, mask 0) when either count is 0 or when the relative standard
 * error of the ratio, sqrt(1/a + 1/b) for Poisson counts a and b, exceeds `maxRelativeError` (default 0.5,
 * i.e. at least about 8 counts in each). The same mask applies to the difference, so both maps show only pixels
 * where the counts say something. Bin first (lib/imaging/bin.ts) to unmask more at low counts.
 */
import type {Raster} from "./raster.js";
import {alignToReferenceSubPixel} from "./shift.js";

export interface ChangeOptions {
  mode?: "ratio" | "difference";
  maxRelativeError?: number;
  /** Drift of `frame` against the reference (docs/data-model.md); rounded to whole pixels unless `subPixel`. */
  driftPx?: [number, number];
  /** Move the frame by the sub-pixel drift, counts kept (default false: whole pixels). */
  subPixel?: boolean;
}

export interface ChangeMap extends Raster<Float32Array> {
  /** 1 where the value is defined, 0 where masked (low counts, or no overlap after the shift). */
  mask: Uint8Array;
}

/** `frame` resampled onto the reference grid: aligned(x, y) = frame(x + round(dx), y + round(dy)); -1 outside. */
export function alignToReference(frame: Raster, driftPx: [number, number]): Raster<Float64Array> {
  const {width, height} = frame;
  const [dx, dy] = [Math.round(driftPx[0]), Math.round(driftPx[1])];
  const data = new Float64Array(width * height).fill(-1);
  for (let y = 0; y < height; y++) {
    const sy = y + dy;
    if (sy < 0 || sy >= height) continue;
    for (let x = 0; x < width; x++) {
      const sx = x + dx;
      if (sx >= 0 && sx < width) data[y * width + x] = frame.data[sy * width + sx];
    }
  }
  return {data, width, height};
}

/** -1 (no value) where the moved frame covers only part of the pixel. */
function fullyCovered(shifted: ReturnType<typeof alignToReferenceSubPixel>): Raster<Float64Array> {
  const data = shifted.data.map((value, i) => (shifted.coverage[i] > 1 - 1e-9 ? value : -1));
  return {data, width: shifted.width, height: shifted.height};
}

export function changeMap(frame: Raster, reference: Raster, options: ChangeOptions = {}): ChangeMap {
  const {mode = "ratio", maxRelativeError = 0.5, driftPx = [0, 0], subPixel = false} = options;
  if (frame.width !== reference.width || frame.height !== reference.height) throw new RangeError("changeMap: frames differ in size");
  const aligned = subPixel ? fullyCovered(alignToReferenceSubPixel(frame, driftPx)) : alignToReference(frame, driftPx);
  const size = frame.width * frame.height;
  const data = new Float32Array(size).fill(NaN);
  const mask = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const a = aligned.data[i];
    const b = reference.data[i];
    if (!(a > 0 && b > 0) || Math.sqrt(1 / a + 1 / b) > maxRelativeError) continue;
    data[i] = mode === "ratio" ? a / b : a - b;
    mask[i] = 1;
  }
  return {data, width: frame.width, height: frame.height, mask};
}
