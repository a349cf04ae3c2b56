/**
 * Seeded pseudo-random numbers for the reference dataset: xoshiro128** seeded through splitmix32, so the
 * same seed gives the same numbers on every platform (32-bit integer arithmetic only, via Math.imul).
 * Streams are derived from a seed and keys (`deriveSeed`) so that every image draws from its own
 * stream and the output does not depend on the order in which images are generated.
 */

export interface Random {
  /** Next unsigned 32-bit integer. */
  nextUint32(): number;
  /** Uniform in [0, 1), 32 bits of resolution. */
  uniform(): number;
  /** Standard normal (Box-Muller, one value per call). */
  normal(): number;
  /** Poisson deviate of mean `mean` (exact: inversion below 10, transformed rejection PTRS above). */
  poisson(mean: number): number;
  /** Binomial deviate: successes in `trials` independent trials of probability `p` (exact, waiting times). */
  binomial(trials: number, p: number): number;
}

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/** FNV-1a over the keys, mixed into the seed: an independent stream per (seed, keys). */
export function deriveSeed(seed: number, ...keys: (string | number)[]): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (const char of keys.join("\u0000")) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return splitmix32(hash ^ Math.imul(seed >>> 0, 0x27d4eb2d))[1];
}

// log(k!) for small k exactly, Stirling series above (error < 1e-10 for k >= 10).
const LOG_FACTORIAL: number[] = [0];
for (let k = 1; k < 10; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
function logFactorial(k: number): number {
  if (k < 10) return LOG_FACTORIAL[k];
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const words = new Uint32Array(4);
  for (let i = 0; i < 4; i++) [state, words[i]] = splitmix32(state);
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
  let s0 = words[0], s1 = words[1], s2 = words[2], s3 = words[3];

  function nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  }
  const uniform = () => nextUint32() / 4294967296;
  const normal = () => {
    const u = 1 - uniform(); // (0, 1]
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };

  function poissonInversion(mean: number): number {
    // Sequential search of the cumulative distribution; exact, fast for small means.
    const u = uniform();
    let k = 0;
    let p = Math.exp(-mean);
    let cumulative = p;
    while (u >= cumulative && k < 1000) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }

  function poissonPtrs(mean: number): number {
    // Hörmann (1993), "The transformed rejection method for generating Poisson random variables" (PTRS).
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = uniform() - 0.5;
      const v = uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) return k;
    }
  }

  function poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`poisson: mean ${mean} is not a finite non-negative number`);
    if (mean === 0) return 0;
    return mean < 10 ? poissonInversion(mean) : poissonPtrs(mean);
  }

  function binomial(trials: number, p: number): number {
    if (!(Number.isInteger(trials) && trials >= 0) || !(p >= 0 && p <= 1)) throw new RangeError(`binomial: ${trials} trials of p = ${p}`);
    if (p > 0.5) return trials - binomial(trials, 1 - p);
    if (p === 0) return 0;
    // Devroye's second waiting-time method: geometric gaps between successes until the trials run out;
    // O(trials * p) uniforms, no underflow for any number of trials.
    const logQ = Math.log1p(-p);
    let successes = 0;
    let used = 0;
    for (;;) {
      used += Math.floor(Math.log(1 - uniform()) / logQ) + 1;
      if (used > trials) return successes;
      successes++;
    }
  }

  return {nextUint32, uniform, normal, poisson, binomial};
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
