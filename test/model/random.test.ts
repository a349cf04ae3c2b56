import {describe, expect, it} from "vitest";
import {createRandom, deriveSeed} from "@operando/lib/model/random";

function moments(values: number[]): {mean: number; variance: number} {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return {mean, variance};
}

describe("seeded random numbers", () => {
  it("repeat exactly for the same seed and differ for another", () => {
    const a = createRandom(42), b = createRandom(42), c = createRandom(43);
    const first = Array.from({length: 100}, () => a.nextUint32());
    expect(Array.from({length: 100}, () => b.nextUint32())).toEqual(first);
    expect(Array.from({length: 100}, () => c.nextUint32())).not.toEqual(first);
  });

  it("derive independent streams from keys", () => {
    expect(deriveSeed(1, "counts", "positive", 3)).toBe(deriveSeed(1, "counts", "positive", 3));
    expect(deriveSeed(1, "counts", "positive", 3)).not.toBe(deriveSeed(1, "counts", "positive", 4));
    expect(deriveSeed(1, "counts", "positive", 3)).not.toBe(deriveSeed(2, "counts", "positive", 3));
  });

  it("draw uniform numbers in [0, 1) with mean 1/2 and variance 1/12", () => {
    const random = createRandom(7);
    const values = Array.from({length: 50_000}, () => random.uniform());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const {mean, variance} = moments(values);
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / values.length));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it("draw standard normals", () => {
    const random = createRandom(8);
    const {mean, variance} = moments(Array.from({length: 50_000}, () => random.normal()));
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(50_000));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / 50_000));
  });

  // Both sampler branches (inversion below 10, PTRS above): mean and variance equal the Poisson mean within
  // four standard errors; Var(sample variance) of a Poisson sample is (mu + 2 mu^2) / n.
  it.each([0.05, 0.8, 3, 9.9, 10.1, 37, 480, 5000])("draw Poisson counts of mean %s with variance equal to the mean", (mu) => {
    const random = createRandom(deriveSeed(11, mu));
    const n = 40_000;
    const values = Array.from({length: n}, () => random.poisson(mu));
    expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const {mean, variance} = moments(values);
    expect(Math.abs(mean - mu)).toBeLessThan(4 * Math.sqrt(mu / n));
    expect(Math.abs(variance - mu)).toBeLessThan(4 * Math.sqrt((mu + 2 * mu * mu) / n));
  });

  it("give Poisson probabilities of the exact distribution for small means", () => {
    const random = createRandom(12);
    const mu = 2.5;
    const n = 100_000;
    const histogram = new Array(12).fill(0);
    for (let i = 0; i < n; i++) histogram[Math.min(11, random.poisson(mu))]++;
    let p = Math.exp(-mu);
    for (let k = 0; k < 8; k++) {
      expect(Math.abs(histogram[k] / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
      p *= mu / (k + 1);
    }
  });

  it("refuse a negative or non-finite Poisson mean", () => {
    const random = createRandom(1);
    expect(() => random.poisson(-1)).toThrow(RangeError);
    expect(() => random.poisson(Number.NaN)).toThrow(RangeError);
    expect(random.poisson(0)).toBe(0);
  });
});
