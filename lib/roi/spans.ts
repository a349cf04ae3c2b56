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
  const ys: number[] = [];
  const x0s: number[] = [];
  const x1s: number[] = [];
  const box = labelBoxes(labels, width, height).get(label);
  if (box) {
    // Only rows and columns whose centres, moved back by the drift, can land in the label's box (with a pixel
    // of margin each side); the exact test below decides.
    const yStart = Math.max(0, box.y0 + Math.floor(driftPx[1]) - 1);
    const yEnd = Math.min(height, box.y1 + Math.ceil(driftPx[1]) + 2);
    const xStart = Math.max(0, box.x0 + Math.floor(driftPx[0]) - 1);
    const xEnd = Math.min(width, box.x1 + Math.ceil(driftPx[0]) + 2);
    for (let y = yStart; y < yEnd; y++) {
      const sourceY = Math.floor(y + 0.5 - driftPx[1]);
      if (sourceY < 0 || sourceY >= height) continue;
      let runStart = -1;
      for (let x = xStart; x <= xEnd; x++) {
        const sourceX = Math.floor(x + 0.5 - driftPx[0]);
        const inside = x < xEnd && sourceX >= 0 && sourceX < width && labels[sourceY * width + sourceX] === label;
        if (inside && runStart < 0) runStart = x;
        else if (!inside && runStart >= 0) {
          ys.push(y);
          x0s.push(runStart);
          x1s.push(x);
          runStart = -1;
        }
      }
    }
  }
  return {width, height, y: Int32Array.from(ys), x0: Int32Array.from(x0s), x1: Int32Array.from(x1s)};
}

interface LabelBox {
  x0: number;
  y0: number;
  /** Inclusive. */
  x1: number;
  y1: number;
}

const boxCache = new WeakMap<object, Map<number, LabelBox>>();

/** The bounding box of every label of a label map, found in one pass and kept with the map (label maps are not changed once made). */
function labelBoxes(labels: ArrayLike<number>, width: number, height: number): Map<number, LabelBox> {
  const cached = boxCache.get(labels as object);
  if (cached) return cached;
  const boxes = new Map<number, LabelBox>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const label = labels[y * width + x];
      const box = boxes.get(label);
      if (!box) boxes.set(label, {x0: x, y0: y, x1: x, y1: y});
      else {
        if (x < box.x0) box.x0 = x;
        if (x > box.x1) box.x1 = x;
        box.y1 = y;
      }
    }
  }
  boxCache.set(labels as object, boxes);
  return boxes;
}
