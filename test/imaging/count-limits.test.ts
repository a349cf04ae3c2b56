import {describe, expect, it} from "vitest";
import {countPercentileLimits, percentileLimits} from "@operando/lib/imaging/color-limits";


// A deterministic generator (mulberry32), so that the test sees the same counts every run.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("countPercentileLimits", () => {
  it("equals sorting all values of all images together, for integer counts", () => {
    const next = random(7);
    const images = [0, 1, 2].map((k) => Uint16Array.from({length: 1000 + 37 * k}, () => Math.floor(next() ** 3 * (50 + 400 * k))));
    const all = Float64Array.from(images.flatMap((image) => Array.from(image)));
    for (const percentiles of [[1, 99.5], [0, 100], [5, 50], [33.3, 66.6]] as [number, number][]) {
      expect(countPercentileLimits(images, percentiles)).toEqual(percentileLimits(all, percentiles));
    }
  });

  it("falls back to sorting for values that are not counts (fractions, NaN), with the same answer", () => {
    const images = [Float64Array.from([0.5, 1.5, NaN, 3]), Float64Array.from([2, 4])];
    expect(countPercentileLimits(images, [0, 100])).toEqual([0.5, 4]);
    expect(countPercentileLimits([], [1, 99])).toEqual([NaN, NaN]);
  });
});
