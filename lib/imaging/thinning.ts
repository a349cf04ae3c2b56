/**
 * Binomial thinning: each count of an image goes to one of two halves with probability 1/2, independently.
 * For Poisson counts of mean m the halves are independent Poisson images of mean m / 2 each, so two halves of
 * the same frame are two independent measurements of it at half the dose (used to measure the registration's
 * noise, lib/imaging/register.ts). Seeded (xorshift128), so the same seed gives the same halves everywhere.
 */
import type {Raster} from "./raster.js";

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** xorshift128 (Marsaglia 2003) seeded through splitmix32: 32 random bits per call. */
export function randomBits(seed: number): () => number {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let x = next();
  let y = next();
  let z = next();
  let w = next() || 1;
  return () => {
    const t = x ^ (x << 11);
    x = y;
    y = z;
    z = w;
    w = (w ^ (w >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return w;
  };
}

/** The two halves of an image of non-negative integer counts (the second is the rest of the first). */
export function thinnedHalves(image: Raster, seed: number): [Raster<Float64Array>, Raster<Float64Array>] {
  const {width, height} = image;
  const bits = randomBits(seed);
  const first = new Float64Array(width * height);
  const second = new Float64Array(width * height);
  for (let i = 0; i < first.length; i++) {
    const counts = image.data[i];
    if (!(Number.isInteger(counts) && counts >= 0)) throw new RangeError(`thinnedHalves: pixel ${i} holds ${counts}, not a count`);
    // Binomial(counts, 1/2) = the number of set bits among `counts` random bits.
    let kept = 0;
    let left = counts;
    for (; left >= 32; left -= 32) kept += popcount32(bits());
    if (left > 0) kept += popcount32(bits() >>> (32 - left));
    first[i] = kept;
    second[i] = counts - kept;
  }
  return [{data: first, width, height}, {data: second, width, height}];
}
