/**
 * A pixel mask as row spans: pixels `x0[i] <= x < x1[i]` of row `y[i]`, sorted by y then x0, never overlapping.
 * Spans are what the ROI sum walks (contiguous memory) and what the SQL joins on; dense masks and index lists
 * are derived from them.
 */

export interface RowSpans {
  width: number;
  height: number;
  y: Int32Array;
  x0: Int32Array;
  x1: Int32Array;
}

export function spanPixelCount(spans: RowSpans): number {
  let count = 0;
  for (let i = 0; i < spans.y.length; i++) count += spans.x1[i] - spans.x0[i];
  return count;
}

/** Runs of non-zero pixels of a dense mask (`mask[y * width + x]`). */
export function spansFromMask(mask: ArrayLike<number>, width: number, height: number): RowSpans {
  const ys: number[] = [];
  const x0s: number[] = [];
  const x1s: number[] = [];
  for (let y = 0; y < height; y++) {
    let x = 0;
    while (x < width) {
      while (x < width && !mask[y * width + x]) x++;
      if (x === width) break;
      const start = x;
      while (x < width && mask[y * width + x]) x++;
      ys.push(y);
      x0s.push(start);
      x1s.push(x);
    }
  }
  return {width, height, y: Int32Array.from(ys), x0: Int32Array.from(x0s), x1: Int32Array.from(x1s)};
}

export function spansToMask(spans: RowSpans): Uint8Array {
  const mask = new Uint8Array(spans.width * spans.height);
  for (let i = 0; i < spans.y.length; i++) mask.fill(1, spans.y[i] * spans.width + spans.x0[i], spans.y[i] * spans.width + spans.x1[i]);
  return mask;
}

/** Flat pixel indices `y * width + x`, ascending. */
export function spansToIndices(spans: RowSpans): Int32Array {
  const indices = new Int32Array(spanPixelCount(spans));
  let k = 0;
  for (let i = 0; i < spans.y.length; i++) {
    for (let x = spans.x0[i]; x < spans.x1[i]; x++) indices[k++] = spans.y[i] * spans.width + x;
  }
  return indices;
}

/**
 * Pixels with label `label` in a label map of the reference frame, seen in a frame drifted by `driftPx`:
 * pixel (x, y) belongs when its centre, moved back by the drift, falls in a reference pixel with that label.
 * This is the pixel-centre rule of lib/roi/rasterise.ts applied to the label's pixel squares.
 */
export function labelSpans(
  labels: ArrayLike<number>, width: number, height: number, label: number, driftPx: [number, number] = [0, 0]
): RowSpans {
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sourceY = Math.floor(y + 0.5 - driftPx[1]);
    if (sourceY < 0 || sourceY >= height) continue;
    for (let x = 0; x < width; x++) {
      const sourceX = Math.floor(x + 0.5 - driftPx[0]);
      if (sourceX >= 0 && sourceX < width && labels[sourceY * width + sourceX] === label) mask[y * width + x] = 1;
    }
  }
  return spansFromMask(mask, width, height);
}
