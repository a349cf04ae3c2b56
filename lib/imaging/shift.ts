/**
 * A frame moved onto the reference grid by a sub-pixel drift, keeping counts: each pixel's counts are moved as
 * a unit square by -driftPx and shared among the (up to) four reference pixels it overlaps in proportion to the
 * overlap areas (bilinear area weighting). The total is kept except what moves out of the field of view; the
 * centroid of content that stays inside moves by exactly -driftPx. For a whole-pixel drift it is the same as
 * `alignToReference` (lib/imaging/change.ts) wherever that one has a value.
 *
 * `coverage` says how much of each reference pixel the moved frame covers (1 inside, less at an edge the frame
 * moved away from, 0 where the frame saw nothing): such pixels hold only part of their counts.
 */
import type {Raster} from "./raster.js";

export interface ShiftedImage extends Raster<Float64Array> {
  /** Share of each pixel's area covered by the moved frame, in [0, 1]. */
  coverage: Float64Array;
}

/** aligned(x, y) ≈ frame(x + dx, y + dy) (docs/data-model.md), counts kept. */
export function alignToReferenceSubPixel(frame: Raster, driftPx: [number, number]): ShiftedImage {
  const {width, height} = frame;
  const [dx, dy] = driftPx;
  if (!Number.isFinite(dx) || !Number.isFinite(dy)) throw new RangeError(`alignToReferenceSubPixel: drift [${driftPx}] is not finite`);
  const data = new Float64Array(width * height);
  const coverage = new Float64Array(width * height);
  // Source pixel sx lands on [sx - dx, sx - dx + 1): target x0 = floor(sx - dx) gets 1 - fx, x0 + 1 gets fx.
  const x0Offset = Math.floor(-dx);
  const fx = -dx - x0Offset;
  const y0Offset = Math.floor(-dy);
  const fy = -dy - y0Offset;
  const weights = [(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy];
  const offsets: [number, number][] = [[0, 0], [1, 0], [0, 1], [1, 1]];
  for (let k = 0; k < 4; k++) {
    const weight = weights[k];
    if (weight === 0) continue;
    const tx = x0Offset + offsets[k][0];
    const ty = y0Offset + offsets[k][1];
    for (let sy = Math.max(0, -ty); sy < Math.min(height, height - ty); sy++) {
      const sourceRow = sy * width;
      const targetRow = (sy + ty) * width + tx;
      for (let sx = Math.max(0, -tx); sx < Math.min(width, width - tx); sx++) {
        data[targetRow + sx] += weight * frame.data[sourceRow + sx];
        coverage[targetRow + sx] += weight;
      }
    }
  }
  return {data, width, height, coverage};
}
