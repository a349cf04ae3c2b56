// Percentile limits of non-negative integer counts over many images at once, from a histogram of the counts:
// O(n) instead of sorting every value, and the same numbers as percentileLimits (color-limits.ts) over all
// values together (linear interpolation between order statistics). Pure, unit-tested in Node.
import {percentileLimits} from "./color-limits.js";

const maxHistogramValue = 1 << 20;

/** Falls back to sorting (percentileLimits) when a value is not a non-negative integer below 2^20. */
export function countPercentileLimits(images: ArrayLike<number>[], [lowPercent, highPercent]: [number, number]): [number, number] {
  let max = 0;
  let total = 0;
  for (const image of images) {
    for (let i = 0; i < image.length; i++) {
      const v = image[i];
      if (!(v >= 0 && v < maxHistogramValue && Number.isInteger(v))) return percentileLimits(concatenate(images), [lowPercent, highPercent]);
      if (v > max) max = v;
    }
    total += image.length;
  }
  if (total === 0) return [NaN, NaN];
  const histogram = new Float64Array(max + 1);
  for (const image of images) for (let i = 0; i < image.length; i++) histogram[image[i]]++;
  // Value of the k-th smallest (0-based) from the cumulative histogram.
  const orderStatistic = (k: number): number => {
    let seen = 0;
    for (let v = 0; v <= max; v++) {
      seen += histogram[v];
      if (seen > k) return v;
    }
    return max;
  };
  const at = (p: number): number => {
    const position = (total - 1) * p;
    const below = Math.floor(position);
    const a = orderStatistic(below);
    const b = orderStatistic(Math.min(below + 1, total - 1));
    return a + (b - a) * (position - below);
  };
  if (!(lowPercent >= 0 && highPercent <= 100 && lowPercent <= highPercent)) return percentileLimits([], [lowPercent, highPercent]);
  return [at(lowPercent / 100), at(highPercent / 100)];
}

function concatenate(images: ArrayLike<number>[]): Float64Array {
  const all = new Float64Array(images.reduce((n, image) => n + image.length, 0));
  let offset = 0;
  for (const image of images) {
    for (let i = 0; i < image.length; i++) all[offset + i] = image[i];
    offset += image.length;
  }
  return all;
}
