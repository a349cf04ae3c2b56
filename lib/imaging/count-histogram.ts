/**
 * The histogram of a stack's counts: how many pixels hold each count value. Percentile limits of many images read
 * off it in one pass (no sort), and the build writes one per stack and binning (`count-histograms.json`), so that a
 * page that draws a stack's frames one panel at a time still gives every frame the colour scale of all of them.
 */
import {binRaster} from "./bin.js";
import {frameRaster, type ImageStack} from "./raster.js";

/** The binnings the pages offer (1 x 1, 2 x 2, 4 x 4), for which the build writes each stack's histogram. */
export const PAGE_BIN_FACTORS = [1, 2, 4] as const;

export interface CountHistogram {
  /** The distinct count values, ascending. */
  values: number[];
  /** The number of pixels with each value. */
  pixels: number[];
}

/** Up to this value the histogram is counted in a dense array (8 MB); above, in a map of the values present. */
const DENSE_MAX_VALUE = 1 << 20;

/** The histogram of the values of all images together, or null when a value is not a non-negative integer count. */
export function countHistogram(images: readonly ArrayLike<number>[]): CountHistogram | null {
  let max = 0;
  for (const image of images) {
    for (let i = 0; i < image.length; i++) {
      const v = image[i];
      if (!(v >= 0 && Number.isSafeInteger(v))) return null;
      if (v > max) max = v;
    }
  }
  const histogram: CountHistogram = {values: [], pixels: []};
  if (max < DENSE_MAX_VALUE) {
    const dense = new Float64Array(max + 1);
    for (const image of images) for (let i = 0; i < image.length; i++) dense[image[i]]++;
    dense.forEach((pixels, value) => {
      if (pixels > 0) {
        histogram.values.push(value);
        histogram.pixels.push(pixels);
      }
    });
    return histogram;
  }
  const sparse = new Map<number, number>();
  for (const image of images) for (let i = 0; i < image.length; i++) sparse.set(image[i], (sparse.get(image[i]) ?? 0) + 1);
  for (const value of [...sparse.keys()].sort((a, b) => a - b)) {
    histogram.values.push(value);
    histogram.pixels.push(sparse.get(value)!);
  }
  return histogram;
}

/** The histogram of every frame of a stack, binned by `binFactor` (counts summed, lib/imaging/bin.ts). */
export function stackCountHistogram(stack: ImageStack, binFactor: number): CountHistogram {
  const frames = stack.frames.map((_, slot) => (binFactor > 1 ? binRaster(frameRaster(stack, slot), binFactor) : frameRaster(stack, slot)).data);
  // Counts are integers, and so are their sums over a bin.
  return countHistogram(frames)!;
}

/**
 * The values at two percentiles (0..100), interpolating linearly between order statistics (as d3.quantile and
 * NumPy's default, over every pixel the histogram holds). [NaN, NaN] for an empty histogram.
 */
export function histogramPercentiles(histogram: CountHistogram, [lowPercent, highPercent]: [number, number]): [number, number] {
  if (!(lowPercent >= 0 && highPercent <= 100 && lowPercent <= highPercent)) {
    throw new RangeError(`histogramPercentiles: percentiles must satisfy 0 <= low <= high <= 100, got [${lowPercent}, ${highPercent}]`);
  }
  const {values, pixels} = histogram;
  const total = pixels.reduce((sum, n) => sum + n, 0);
  if (total === 0) return [NaN, NaN];
  // The k-th smallest value (0-based).
  const orderStatistic = (k: number): number => {
    let seen = 0;
    for (let j = 0; j < values.length; j++) {
      seen += pixels[j];
      if (seen > k) return values[j];
    }
    return values[values.length - 1];
  };
  const at = (p: number): number => {
    const position = (total - 1) * p;
    const below = Math.floor(position);
    const a = orderStatistic(below);
    const b = orderStatistic(Math.min(below + 1, total - 1));
    return a + (b - a) * (position - below);
  };
  return [at(lowPercent / 100), at(highPercent / 100)];
}
