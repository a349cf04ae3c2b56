/**
 * Detector dead time and saturation. A TOF detector counts at most one ion of a mass per primary pulse, so of
 * `pulses` pulses that reached a pixel, a mass whose ions arrive as Poisson(lambda / pulses) per pulse is seen in
 * Binomial(pulses, 1 - exp(-lambda / pulses)) of them. Inverting the expectation gives the Poisson dead-time
 * correction of the SIMS literature (ISO 17862; Stephan, Zehnpfenning & Benninghoven 1994):
 *   N_true = -n ln(1 - N_obs / n),   n = pulses (shots per pixel x scans).
 * Counts above MAX_CORRECTABLE_SATURATION of the pulses are flagged: there each observed count stands for
 * 1 / (1 - N/n) >= 10 true ones, and at N = n the correction is infinite.
 */
import type {RowSpans} from "../roi/spans.js";
import type {Raster} from "./raster.js";

/** Observed counts over pulses above which a pixel is too close to saturation to correct. */
export const MAX_CORRECTABLE_SATURATION = 0.9;

/** True counts for observed counts out of `pulses`; Infinity when every pulse counted (N_obs >= n). */
export function deadTimeCorrected(observed: number, pulses: number): number {
  if (!(pulses > 0)) throw new RangeError(`deadTimeCorrected: ${pulses} pulses is not a number > 0`);
  if (!(observed >= 0)) throw new RangeError(`deadTimeCorrected: observed counts ${observed} is not a number >= 0`);
  return observed >= pulses ? Infinity : -pulses * Math.log1p(-observed / pulses);
}

export interface CountInterval {
  low: number;
  high: number;
}

/**
 * An interval of observed counts mapped to true counts by transforming its ends (the correction is monotonic);
 * an upper end at or above the pulse count becomes Infinity (the data cannot bound the true counts).
 */
export function deadTimeCorrectedInterval(interval: CountInterval, pulses: number): CountInterval {
  return {low: deadTimeCorrected(Math.min(interval.low, pulses), pulses), high: deadTimeCorrected(Math.min(interval.high, pulses), pulses)};
}

export interface DeadTimeImage extends Raster<Float64Array> {
  /** 1 where the observed counts exceed MAX_CORRECTABLE_SATURATION of the pulses. */
  saturated: Uint8Array;
  saturatedCount: number;
}

/** Every pixel corrected, with the pixels too close to saturation marked. */
export function deadTimeCorrectImage(image: Raster, pulses: number, maxSaturation = MAX_CORRECTABLE_SATURATION): DeadTimeImage {
  const size = image.width * image.height;
  const data = new Float64Array(size);
  const saturated = new Uint8Array(size);
  let saturatedCount = 0;
  for (let i = 0; i < size; i++) {
    const observed = image.data[i];
    data[i] = deadTimeCorrected(observed, pulses);
    if (observed > maxSaturation * pulses) {
      saturated[i] = 1;
      saturatedCount++;
    }
  }
  return {data, width: image.width, height: image.height, saturated, saturatedCount};
}

export interface RoiDeadTime {
  observedCounts: number;
  /**
   * Sum of the corrected pixels (the correction is not linear, so it is applied per pixel, then summed), less
   * the correction's own bias: it is convex, so each pixel's corrected count is high on average by about
   * (1/2) f''(N) var(N) = (N/n) / (2 (1 - N/n)) (binomial variance). At 7Li+ rates that is about one count a
   * pixel, one standard deviation of a thousand-pixel ROI's counts, so the ROI sum subtracts it.
   */
  correctedCounts: number;
  /**
   * Scale from the observed counts' Poisson spread to the corrected counts' spread (delta method with the
   * binomial variance of each pixel): gain^2 = sum N_p / (1 - N_p / n) / sum N_p; 1 without saturation.
   */
  gain: number;
  /** Pixels of the ROI above MAX_CORRECTABLE_SATURATION (the ROI's correction is then not trusted). */
  saturatedPixels: number;
}

/** Dead-time correction of one frame's counts under a mask (`offset` = the frame's start in the stack). */
export function roiDeadTime(data: ArrayLike<number>, offset: number, spans: RowSpans, pulses: number,
  maxSaturation = MAX_CORRECTABLE_SATURATION): RoiDeadTime {
  let observedCounts = 0;
  let correctedCounts = 0;
  let correctedVariance = 0;
  let saturatedPixels = 0;
  for (let i = 0; i < spans.y.length; i++) {
    const row = offset + spans.y[i] * spans.width;
    for (let k = row + spans.x0[i]; k < row + spans.x1[i]; k++) {
      const observed = data[k];
      observedCounts += observed;
      const fraction = Math.min(observed, pulses) / pulses;
      // A pixel that counted on every pulse has no finite correction (Infinity), and no finite bias to take off.
      correctedCounts += fraction < 1 ? deadTimeCorrected(observed, pulses) - fraction / (2 * (1 - fraction)) : Infinity;
      correctedVariance += observed / (1 - fraction);
      if (observed > maxSaturation * pulses) saturatedPixels++;
    }
  }
  const gain = observedCounts > 0 ? Math.sqrt(correctedVariance / observedCounts) : 1;
  return {observedCounts, correctedCounts, gain, saturatedPixels};
}

/**
 * The corrected counts' interval from the observed counts' interval (e.g. Garwood, widened by registration):
 * each side's half-width times the gain. Infinite when a pixel counted on every pulse.
 */
export function roiDeadTimeInterval(roi: RoiDeadTime, observedInterval: CountInterval): CountInterval {
  const {observedCounts: n, correctedCounts: c, gain} = roi;
  return {low: Math.max(0, c - gain * (n - observedInterval.low)), high: c + gain * (observedInterval.high - n)};
}
