// The summed spectrum of many spectra. On one common m/z axis (imzML continuous mode) the intensities
// add up element by element. Spectra with their own m/z values (processed mode) are summed onto the
// exact m/z values that occur (their union: right for IONTOF's processed exports, whose values all lie
// on one global grid) or, given a bin width, into bins [k w, (k + 1) w) reported at their centres.

export interface Spectrum {
  mzU: Float64Array;
  counts: Float64Array;
}

export interface SpectrumSum {
  add(mzU: ArrayLike<number>, intensity: ArrayLike<number>): void;
  result(): Spectrum;
}

/** More distinct m/z values than this needs a bin width (the union would not be a useful spectrum). */
export const MAX_UNION_VALUES = 5_000_000;

/** Sums on a fixed axis: every added spectrum must have exactly the axis's length. */
export function axisSum(axisU: ArrayLike<number>): SpectrumSum {
  const counts = new Float64Array(axisU.length);
  return {
    add(mzU, intensity) {
      if (intensity.length !== counts.length) throw new RangeError(`axisSum: ${intensity.length} intensities for an axis of ${counts.length}`);
      for (let i = 0; i < counts.length; i++) counts[i] += intensity[i];
    },
    result: () => ({mzU: Float64Array.from(axisU), counts})
  };
}

/**
 * Sums onto the union of the m/z values (no `binWidthU`) or into bins of `binWidthU`. Consecutive spectra
 * with the same m/z values (the usual case) reuse the slots found for the previous one.
 */
export function unionSum(binWidthU?: number): SpectrumSum {
  if (binWidthU !== undefined && !(binWidthU > 0 && Number.isFinite(binWidthU))) throw new RangeError(`bin width ${binWidthU} u is not a positive number`);
  const keyOf = binWidthU === undefined ? (mz: number) => mz : (mz: number) => Math.floor(mz / binWidthU);
  const slotOf = new Map<number, number>();
  let counts = new Float64Array(1024);
  let previousMz = new Float64Array(0);
  let previousSlots = new Int32Array(0);

  const sameAsPrevious = (mzU: ArrayLike<number>) => {
    if (mzU.length !== previousMz.length) return false;
    for (let i = 0; i < mzU.length; i++) if (mzU[i] !== previousMz[i]) return false;
    return true;
  };
  const slotsFor = (mzU: ArrayLike<number>) => {
    const slots = new Int32Array(mzU.length);
    for (let i = 0; i < mzU.length; i++) {
      if (!Number.isFinite(mzU[i])) throw new RangeError(`m/z value ${mzU[i]} is not a finite number`);
      const key = keyOf(mzU[i]);
      let slot = slotOf.get(key);
      if (slot === undefined) {
        slot = slotOf.size;
        if (slot >= MAX_UNION_VALUES) throw new RangeError(`more than ${MAX_UNION_VALUES} distinct m/z values: give a bin width`);
        slotOf.set(key, slot);
        if (slot >= counts.length) {
          const grown = new Float64Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      slots[i] = slot;
    }
    return slots;
  };

  return {
    add(mzU, intensity) {
      if (!sameAsPrevious(mzU)) {
        previousSlots = slotsFor(mzU);
        previousMz = Float64Array.from(mzU);
      }
      for (let i = 0; i < previousSlots.length; i++) counts[previousSlots[i]] += intensity[i];
    },
    result() {
      const keys = Float64Array.from(slotOf.keys()).sort();
      const sorted = new Float64Array(keys.length);
      keys.forEach((key, i) => (sorted[i] = counts[slotOf.get(key)!]));
      const mzU = binWidthU === undefined ? keys : keys.map((k) => (k + 0.5) * binWidthU);
      return {mzU, counts: sorted};
    }
  };
}
