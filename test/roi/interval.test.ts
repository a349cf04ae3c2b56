import {describe, expect, it} from "vitest";
import {gammaQuantile, logGamma, poissonInterval, ratioInterval, regularizedGammaP} from "@operando/lib/roi/interval";
import {createRandom} from "@operando/lib/model/random";
import {poisson} from "../imaging/synthetic.js";
import {seededRandom} from "../seeded-random.js";

describe("poissonInterval (exact Garwood interval)", () => {
  it("matches published Garwood limits", () => {
    // Garwood (1936) / Gehrels (1986) table, 95% central: n -> [low, high].
    const table: [number, number, number][] = [[0, 0, 3.689], [1, 0.0253, 5.572], [2, 0.242, 7.225], [5, 1.623, 11.668], [10, 4.795, 18.390]];
    for (const [n, low, high] of table) {
      const interval = poissonInterval(n);
      expect(interval.low).toBeCloseTo(low, 3);
      expect(interval.high).toBeCloseTo(high, 3);
    }
  });

  it("approaches n ± 1.96 sqrt(n) at large counts", () => {
    const n = 1_000_000;
    const {low, high} = poissonInterval(n);
    expect(Math.abs(low - (n - 1.96 * Math.sqrt(n)))).toBeLessThan(2);
    expect(Math.abs(high - (n + 1.96 * Math.sqrt(n)))).toBeLessThan(3);
  });

  it("has exact coverage of at least 95% for every mean (summed over the Poisson distribution)", () => {
    const limits = Array.from({length: 400}, (_, n) => poissonInterval(n));
    for (const mean of [0.05, 0.3, 1, 2.5, 7, 15.3, 40, 99.9, 180]) {
      let coverage = 0;
      for (let n = 0; n < 400; n++) {
        if (limits[n].low <= mean && mean <= limits[n].high) coverage += Math.exp(n * Math.log(mean) - mean - logGamma(n + 1));
      }
      expect(coverage).toBeGreaterThanOrEqual(0.95);
      if (mean >= 15) expect(coverage).toBeLessThan(0.975);
    }
  });

  it("covers the true mean in about 95% of simulated counts", () => {
    const random = seededRandom(11);
    for (const mean of [3, 30, 3000]) {
      let covered = 0;
      const trials = 2000;
      for (let t = 0; t < trials; t++) {
        const {low, high} = poissonInterval(poisson(mean, random));
        if (low <= mean && mean <= high) covered++;
      }
      expect(covered / trials).toBeGreaterThan(0.94);
      expect(covered / trials).toBeLessThan(0.995);
    }
  });

  it("rejects counts that are not non-negative integers", () => {
    expect(() => poissonInterval(-1)).toThrow(RangeError);
    expect(() => poissonInterval(2.5)).toThrow(RangeError);
  });
});

describe("incomplete gamma", () => {
  it("inverts P(a, x) and matches the exponential distribution at a = 1", () => {
    expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 14);
    for (const a of [0.5, 1, 3, 50, 5000]) {
      for (const p of [0.025, 0.5, 0.975]) expect(regularizedGammaP(a, gammaQuantile(p, a))).toBeCloseTo(p, 10);
    }
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
  });
});

describe("ratioInterval", () => {
  // Coverage by simulation: Poisson counts a and b of known means, each with the library's 95% interval; the ratio's
  // interval must hold the true ratio about 95% of the time (a delta-method rule is approximate: 93 to 98.5%).
  it.each([
    {meanA: 400, meanB: 200},
    {meanA: 60, meanB: 90},
    {meanA: 2500, meanB: 2600}
  ])("holds the true ratio of Poisson means $meanA / $meanB in about 95% of 4,000 draws", ({meanA, meanB}) => {
    const random = createRandom(meanA * 31 + meanB);
    let held = 0;
    const draws = 4000;
    for (let k = 0; k < draws; k++) {
      const [a, b] = [random.poisson(meanA), random.poisson(meanB)];
      const interval = (n: number) => ({value: n, ...poissonInterval(n)});
      const ratio = ratioInterval(interval(a), interval(b));
      if (ratio.low <= meanA / meanB && meanA / meanB <= ratio.high) held++;
    }
    expect(held / draws).toBeGreaterThan(0.93);
    expect(held / draws).toBeLessThan(0.985);
  });

  it("is undefined (NaN) for a zero divisor, and keeps a zero numerator's upper bound", () => {
    expect(ratioInterval({value: 1, low: 0.5, high: 2}, {value: 0, low: 0, high: 3}).value).toBeNaN();
    const zero = ratioInterval({value: 0, low: 0, high: 3.689}, {value: 10, low: 8, high: 12});
    expect([zero.value, zero.low]).toEqual([0, 0]);
    expect(zero.high).toBeGreaterThan(0);
  });
});
