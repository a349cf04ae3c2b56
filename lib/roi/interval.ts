/**
 * Poisson uncertainty of a count: the exact (Garwood 1936) central interval,
 *   lower = Gamma^-1(alpha/2; n, 1)       (= chi2^-1(alpha/2; 2n) / 2, and 0 when n = 0)
 *   upper = Gamma^-1(1 - alpha/2; n + 1, 1) (= chi2^-1(1 - alpha/2; 2n + 2) / 2)
 * which covers the true mean with probability >= 1 - alpha for every mean (it is conservative at low counts).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];

/** ln Gamma(x) for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Regularised lower incomplete gamma P(a, x), a > 0, x >= 0 (series below a + 1, continued fraction above). */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1e7; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.min(1, sum * Math.exp(logPrefix));
  }
  // Modified Lentz for the continued fraction of Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1e7; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.max(0, 1 - Math.exp(logPrefix) * h);
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** x with P(a, x) = p: Wilson-Hilferty start, then safeguarded Newton steps. */
export function gammaQuantile(p: number, a: number): number {
  if (!(p > 0 && p < 1) || !(a > 0)) throw new RangeError(`gammaQuantile: needs 0 < p < 1 and a > 0 (p=${p}, a=${a})`);
  const z = normalQuantile(p);
  const base = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
  // Wilson-Hilferty, or P(a, x) ≈ x^a / Gamma(a + 1) in the far lower tail where it breaks down.
  let x = base > 0.1 ? a * base ** 3 : Math.pow(p * Math.exp(logGamma(a + 1)), 1 / a);
  let low = 0;
  let high = Infinity;
  for (let i = 0; i < 200; i++) {
    const error = regularizedGammaP(a, x) - p;
    if (error > 0) high = Math.min(high, x);
    else low = Math.max(low, x);
    const density = Math.exp((a - 1) * Math.log(x) - x - logGamma(a));
    let next = x - error / density;
    if (!(next > low && next < high)) next = Number.isFinite(high) ? (low + high) / 2 : 2 * x;
    if (Math.abs(next - x) <= 1e-12 * Math.max(1, x)) return next;
    x = next;
  }
  return x;
}

export interface CountInterval {
  low: number;
  high: number;
}

/** Exact central (1 - alpha) interval for the mean of a Poisson count `n` (an integer >= 0). */
export function poissonInterval(n: number, confidence = 0.95): CountInterval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`poissonInterval: count ${n} is not a non-negative integer`);
  const alpha = 1 - confidence;
  return {
    low: n === 0 ? 0 : gammaQuantile(alpha / 2, n),
    high: gammaQuantile(1 - alpha / 2, n + 1)
  };
}

/**
 * The exact Poisson interval of `n` widened by an independent error of standard deviation `sd` (e.g. from the
 * registration): each side's half-width combined in quadrature with 1.96 sd (the normal quantile of the same
 * confidence). With sd = 0 it is the Poisson interval unchanged.
 */
export function widenInterval(n: number, interval: CountInterval, sd: number, confidence = 0.95): CountInterval {
  if (!(sd > 0)) return interval;
  const spread = -normalQuantile((1 - confidence) / 2) * sd;
  return {
    low: Math.max(0, n - Math.hypot(n - interval.low, spread)),
    high: n + Math.hypot(interval.high - n, spread)
  };
}

/**
 * a / b with a 95% interval from each one's own interval (the one rule for every ratio or change against a
 * reference frame the pages show: trends relative to pristine, the direction tables, particle trends), by the delta method on the relative half-widths
 * (lower bound: a's lower half with b's upper half; upper bound: the reverse). NaN when b is not positive.
 */
export function ratioInterval(a: {value: number; low: number; high: number}, b: {value: number; low: number; high: number}): {value: number; low: number; high: number} {
  if (!(b.value > 0)) return {value: NaN, low: NaN, high: NaN};
  const value = a.value / b.value;
  const relative = (half: number, of: number) => (of > 0 ? half / of : 0);
  const down = Math.hypot(relative(a.value - a.low, a.value), relative(b.high - b.value, b.value));
  const up = Math.hypot(relative(a.high - a.value, a.value), relative(b.value - b.low, b.value));
  if (a.value === 0) return {value: 0, low: 0, high: a.high / b.value};
  return {value, low: Math.max(0, value * (1 - down)), high: value * (1 + up)};
}
