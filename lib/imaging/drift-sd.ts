/**
 * The registration's own uncertainty, measured per frame from the data by binomial thinning
 * (lib/imaging/thinning.ts): the reference and the moving frame are each split into two independent Poisson
 * halves, half 1 of the moving frame is registered on half 1 of the reference and half 2 on half 2. The two
 * drifts d1, d2 are independent estimates at half the counts; a registration's noise variance scales as
 * 1 / counts, so var(d1 - d2) = 2 var_half = 4 var_full, and per axis
 *   sdPx^2 = mean over splits and both axes of (d1 - d2)^2 / 4.
 * Several splits (default 4) average the split's own randomness. What thinning cannot see are errors common to
 * both halves: a change of the sample between frames that looks like a shift, and the sub-pixel refinement's
 * bias. They are added in quadrature as a floor, `REGISTRATION_FLOOR_SD_PX`.
 */
import type {Raster} from "./raster.js";
import {registerOnTemplates, registrationTemplate, type RegistrationOptions, type RegistrationTemplate} from "./register.js";
import {thinnedHalves} from "./thinning.js";

export interface ThinningOptions extends RegistrationOptions {
  /** Number of independent splits (default 4). */
  splits?: number;
  /** Seed of the splits (the same seed gives the same uncertainties). */
  seed?: number;
  /** Added in quadrature to the thinning estimate (default REGISTRATION_FLOOR_SD_PX). */
  floorSdPx?: number;
}

export const DEFAULT_THINNING_SPLITS = 4;

/**
 * Standard uncertainty (px per axis) of the error thinning cannot see, measured once by registering the
 * reference dataset's noise-free expected total-ion images: 0.023 px RMS and 0.045 px at most on the positive
 * region (NCA particles change contrast with state of charge), 0.006 px RMS on the negative; noise-free blurred
 * blobs register within 0.05 px. 0.03 px covers the RMS of both.
 */
export const REGISTRATION_FLOOR_SD_PX = 0.03;
/** The seed of the binomial thinning when none is given: the same drift uncertainty on every build of a run. */
export const DEFAULT_THINNING_SEED = 0x5eed;

/**
 * Halves of the reference frame, prepared for registration (`registrationTemplate`) once for every moving frame
 * of a region (split k: seed + 7919 k).
 */
export function referenceHalves(reference: Raster, options: ThinningOptions = {}): [RegistrationTemplate, RegistrationTemplate][] {
  const {splits = DEFAULT_THINNING_SPLITS, seed = DEFAULT_THINNING_SEED, ...registration} = options;
  if (!(Number.isInteger(splits) && splits >= 1)) throw new RangeError(`thinning: splits ${splits} is not an integer >= 1`);
  return Array.from({length: splits}, (_, k) => {
    const [first, second] = thinnedHalves(reference, seed + 7919 * k);
    return [registrationTemplate(first, registration), registrationTemplate(second, registration)];
  });
}

/**
 * Standard uncertainty per axis (px) of the drift of `moving` against the reference whose halves are given.
 * The thinning estimate with the floor in quadrature; NaN when a half has no contrast to register (too few counts to measure the uncertainty).
 */
export function driftSdByThinning(halves: [RegistrationTemplate, RegistrationTemplate][], moving: Raster, movingSeed: number,
  options: {floorSdPx?: number} = {}): number {
  const {floorSdPx = REGISTRATION_FLOOR_SD_PX} = options;
  const estimates = registerOnTemplates(halves.flatMap(([reference1, reference2], k) => {
    const [moving1, moving2] = thinnedHalves(moving, movingSeed + 104729 * (k + 1));
    return [{template: reference1, moving: moving1}, {template: reference2, moving: moving2}];
  }));
  let sumSquares = 0;
  for (let k = 0; k < halves.length; k++) {
    const [first, second] = [estimates[2 * k], estimates[2 * k + 1]];
    if (!first.ok || !second.ok) return NaN;
    sumSquares += (first.driftPx[0] - second.driftPx[0]) ** 2 + (first.driftPx[1] - second.driftPx[1]) ** 2;
  }
  return Math.sqrt(sumSquares / (2 * halves.length) / 4 + floorSdPx ** 2);
}
