// Colour-scale limits of an image: a domain given by the caller, or percentile limits of its values.
import {countHistogram, histogramPercentiles} from "./count-histogram.js";

export type ColorScaleType = "linear" | "log";

/**
 * The values at two percentiles (0..100) of the finite values, interpolating linearly between order
 * statistics (as d3.quantile and NumPy's default). [NaN, NaN] when there is no finite value.
 */
export function percentileLimits(values: ArrayLike<number>, [lowPercent, highPercent]: [number, number]): [number, number] {
  if (!(lowPercent >= 0 && highPercent <= 100 && lowPercent <= highPercent)) {
    throw new RangeError(`percentileLimits: percentiles must satisfy 0 <= low <= high <= 100, got [${lowPercent}, ${highPercent}]`);
  }
  const finite = finiteValues(values);
  return [quantile(finite, lowPercent / 100), quantile(finite, highPercent / 100)];
}

function finiteValues(values: ArrayLike<number>): Float64Array {
  const finite = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite[n++] = values[i];
  return finite.subarray(0, n);
}

/** Interpolated between the order statistics around (n - 1) p, found by selection (O(n); `values` is reordered). */
function quantile(values: Float64Array, p: number): number {
  if (values.length === 0) return NaN;
  const position = (values.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, values.length - 1);
  const low = select(values, below);
  // After selecting `below`, every value after it is at least it: the next order statistic is their smallest.
  let high = low;
  if (above > below) {
    high = Infinity;
    for (let i = above; i < values.length; i++) if (values[i] < high) high = values[i];
  }
  return low + (high - low) * (position - below);
}

/** The k-th smallest value (0-based), moving it to index k with the smaller values before it (Hoare's selection). */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i++] = values[j];
        values[j--] = t;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}

/**
 * percentileLimits of many images together, from a histogram of the counts when every value is a non-negative
 * integer (lib/imaging/count-histogram.ts): O(n) instead of sorting every value (sorting a 512 x 512
 * image was most of a figure's drawing), and the same numbers. Other values are sorted.
 */
export function countPercentileLimits(images: ArrayLike<number>[], percentiles: [number, number]): [number, number] {
  const histogram = countHistogram(images);
  if (!histogram) return percentileLimits(concatenate(images), percentiles);
  return histogramPercentiles(histogram, percentiles);
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

/** The smallest positive finite value, or NaN: the floor of a log scale over counts that include zeros. */
export function smallestPositive(values: ArrayLike<number>): number {
  let smallest = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > 0 && values[i] < smallest) smallest = values[i];
  return smallest === Infinity ? NaN : smallest;
}

export interface ColorDomainOptions {
  type?: ColorScaleType;
  /** Explicit [low, high]; wins over `percentiles`. */
  domain?: [number, number];
  /** Percentile limits (0..100) used when no domain is given; default [1, 99.5]. */
  percentiles?: [number, number];
}

/**
 * A usable colour domain: increasing, finite, and for a log scale positive. An image with one value (or
 * none) gets a domain around it, so that a blank image still draws with a colour bar.
 */
export function colorDomain(values: ArrayLike<number>, options: ColorDomainOptions = {}): [number, number] {
  return sharedColorDomain([values], options);
}

/** Colour domain shared by several images (one row of a grid): the limits over all their values together. */
export function sharedColorDomain(images: ArrayLike<number>[], {type = "linear", domain, percentiles = [1, 99.5]}: ColorDomainOptions = {}): [number, number] {
  let [low, high] = domain ?? countPercentileLimits(images, percentiles);
  if (type === "log") {
    // Without a domain, the floor is the smallest positive value of any image.
    const floor = domain ? low : Math.min(...images.map(smallestPositive).filter(Number.isFinite));
    if (!(low > 0)) low = Number.isFinite(floor) && floor > 0 ? floor : 1;
    if (!(high > low)) high = low * 10;
    return [low, high];
  }
  if (!Number.isFinite(low)) low = 0;
  if (!(high > low)) high = low + 1;
  return [low, high];
}
