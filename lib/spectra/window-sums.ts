// Sums of a spectrum's intensities inside mass windows. On an ascending m/z axis (the usual case, and
// what imzML's "increasing m/z scan" says) each window is an index range found by binary search;
// otherwise every value is compared with every window.
import type {MassWindow} from "./mass-window.js";

export function isAscending(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i] >= values[i - 1])) return false;
  return true;
}

/** First index whose value is >= `bound` (or > `bound` when `after`), on ascending values. */
function searchIndex(values: ArrayLike<number>, bound: number, after: boolean): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (after ? values[middle] <= bound : values[middle] < bound) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** `[start, end)` index pairs, one per window, of ascending `mzU` values inside each window (inclusive bounds). */
export function windowRanges(mzU: ArrayLike<number>, windows: readonly MassWindow[]): Uint32Array {
  const ranges = new Uint32Array(windows.length * 2);
  windows.forEach((window, w) => {
    ranges[2 * w] = searchIndex(mzU, window.lowU, false);
    ranges[2 * w + 1] = Math.max(ranges[2 * w], searchIndex(mzU, window.highU, true));
  });
  return ranges;
}

/** Adds each range's sum of `intensity` to `sums[w]`. */
export function addRangeSums(intensity: ArrayLike<number>, ranges: Uint32Array, sums: Float64Array): void {
  for (let w = 0; w < sums.length; w++) {
    let sum = 0;
    for (let i = ranges[2 * w], end = ranges[2 * w + 1]; i < end; i++) sum += intensity[i];
    sums[w] += sum;
  }
}

export function sumOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum;
}

/** Adds each window's sum of `intensity` to `sums[w]`, for m/z values in any order. */
export function addWindowSums(mzU: ArrayLike<number>, intensity: ArrayLike<number>, windows: readonly MassWindow[], sums: Float64Array): void {
  if (isAscending(mzU)) {
    addRangeSums(intensity, windowRanges(mzU, windows), sums);
    return;
  }
  for (let i = 0; i < mzU.length; i++) {
    for (let w = 0; w < windows.length; w++) {
      if (mzU[i] >= windows[w].lowU && mzU[i] <= windows[w].highU) sums[w] += intensity[i];
    }
  }
}
