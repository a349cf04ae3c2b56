/**
 * Particle segmentation on an immobile-ion image (e.g. 58Ni+ summed over registered frames): Gaussian smoothing
 * (sigma 1 px, against counting noise), Otsu's threshold (Otsu 1979: the level that maximises the between-class
 * variance of a 256-bin histogram), then 4-connected components, or, with `split` (the default), touching
 * particles split at their necks by a distance-transform watershed (lib/imaging/watershed.ts); pieces under
 * `minAreaPx` are dropped. Labels are 1..n; 0 is background.
 */
import type {Raster} from "./raster.js";
import {gaussianSmooth} from "./smooth.js";
import {connectedComponents} from "./connected.js";
import {splitTouching, type SplitOptions} from "./watershed.js";

export function otsuThreshold(values: ArrayLike<number>, bins = 256): number {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  if (!(max > min)) return max;
  const histogram = new Float64Array(bins);
  const scale = bins / (max - min);
  for (let i = 0; i < values.length; i++) histogram[Math.min(bins - 1, Math.floor((values[i] - min) * scale))]++;
  let total = 0;
  let weightedTotal = 0;
  for (let b = 0; b < bins; b++) {
    total += histogram[b];
    weightedTotal += b * histogram[b];
  }
  let below = 0;
  let weightedBelow = 0;
  let best = -1;
  let bestBin = 0;
  for (let b = 0; b < bins - 1; b++) {
    below += histogram[b];
    weightedBelow += b * histogram[b];
    const above = total - below;
    if (below === 0 || above === 0) continue;
    const meanBelow = weightedBelow / below;
    const meanAbove = (weightedTotal - weightedBelow) / above;
    const between = below * above * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      bestBin = b;
    }
  }
  return min + (bestBin + 1) / scale; // values >= this are foreground
}

export interface SegmentOptions {
  smoothSigmaPx?: number;
  /** Foreground where the smoothed value >= threshold. Default: Otsu's threshold of the smoothed image. */
  threshold?: number;
  minAreaPx?: number;
  /** Split touching particles (watershed on the distance transform). Default true. */
  split?: boolean | SplitOptions;
}

export interface Segmentation extends Raster<Int32Array> {
  count: number;
  threshold: number;
  pixelCounts: number[];
}

export function segmentParticles(image: Raster, options: SegmentOptions = {}): Segmentation {
  const {smoothSigmaPx = 1, minAreaPx = 20} = options;
  const {width, height} = image;
  const smoothed = gaussianSmooth(image, smoothSigmaPx).data;
  const threshold = options.threshold ?? otsuThreshold(smoothed);
  const foreground = new Uint8Array(width * height);
  for (let i = 0; i < foreground.length; i++) foreground[i] = smoothed[i] >= threshold ? 1 : 0;
  const split = options.split ?? true;
  const {labels, count} = split
    ? splitTouching(foreground, width, height, split === true ? {} : split)
    : connectedComponents(foreground, width, height);
  const sizes = new Array<number>(count + 1).fill(0);
  for (let i = 0; i < labels.length; i++) sizes[labels[i]]++;
  const relabel = new Int32Array(count + 1);
  const pixelCounts: number[] = [];
  for (let label = 1; label <= count; label++) {
    if (sizes[label] >= minAreaPx) {
      pixelCounts.push(sizes[label]);
      relabel[label] = pixelCounts.length;
    }
  }
  for (let i = 0; i < labels.length; i++) labels[i] = relabel[labels[i]];
  return {data: labels, width, height, count: pixelCounts.length, threshold, pixelCounts};
}
