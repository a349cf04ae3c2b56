import {describe, expect, it} from "vitest";
import {quantileSorted} from "d3";
import {colorDomain, percentileLimits, sharedColorDomain, smallestPositive} from "@operando/lib/imaging/color-limits";
import {seededRandom} from "../seeded-random.js";

const ramp = Float64Array.from({length: 101}, (_, i) => i); // 0..100: percentile p is the value p

describe("percentileLimits", () => {
  it("returns the values at the percentiles of a ramp", () => {
    expect(percentileLimits(ramp, [1, 99.5])).toEqual([1, 99.5]);
    expect(percentileLimits(ramp, [0, 100])).toEqual([0, 100]);
  });

  it("interpolates between order statistics like NumPy's default, whatever the input order", () => {
    expect(percentileLimits([4, 1, 3, 2], [50, 50])).toEqual([2.5, 2.5]);
    expect(percentileLimits([4, 1, 3, 2], [25, 75])).toEqual([1.75, 3.25]);
  });

  it("equals d3's quantile of the sorted values, on values with many ties and on spread ones", () => {
    const random = seededRandom(7);
    for (const [length, levels] of [[1, 3], [2, 2], [17, 4], [1000, 5], [4096, 0]]) {
      const values = Float64Array.from({length}, () => (levels > 0 ? Math.floor(random() * levels) : random() * 1e3 - 500));
      const sorted = Array.from(values).sort((a, b) => a - b);
      for (const percentiles of [[0, 100], [1, 99.5], [25, 75], [50, 50], [0.1, 99.9]] as [number, number][]) {
        expect(percentileLimits(values, percentiles), `${length} values, ${percentiles}`).toEqual(percentiles.map((p) => quantileSorted(sorted, p / 100)));
      }
    }
  });

  it("ignores NaN and infinities", () => {
    expect(percentileLimits([NaN, 1, Infinity, 3, -Infinity], [0, 100])).toEqual([1, 3]);
  });

  it("is [NaN, NaN] without a finite value, and rejects percentiles out of order or range", () => {
    expect(percentileLimits([NaN], [1, 99])).toEqual([NaN, NaN]);
    expect(() => percentileLimits(ramp, [99, 1])).toThrow(RangeError);
    expect(() => percentileLimits(ramp, [-1, 50])).toThrow(RangeError);
    expect(() => percentileLimits(ramp, [1, 101])).toThrow(RangeError);
  });

  it("does not reorder the caller's array", () => {
    const counts = Uint16Array.of(5, 1, 3);
    percentileLimits(counts, [0, 100]);
    expect([...counts]).toEqual([5, 1, 3]);
  });
});

describe("colorDomain", () => {
  it("takes a given domain over the percentile limits", () => {
    expect(colorDomain(ramp, {domain: [10, 20]})).toEqual([10, 20]);
    expect(colorDomain(ramp, {percentiles: [5, 95]})).toEqual([5, 95]);
    expect(colorDomain(ramp)).toEqual([1, 99.5]);
  });

  it("starts a log scale over counts with zeros at the smallest positive count", () => {
    const counts = Uint16Array.of(0, 0, 0, 0, 0, 0, 0, 0, 3, 50);
    expect(smallestPositive(counts)).toBe(3);
    expect(colorDomain(counts, {type: "log", percentiles: [0, 100]})).toEqual([3, 50]);
  });

  it("keeps a blank image drawable: [0, 1] linear, [1, 10] log", () => {
    const blank = new Uint16Array(16);
    expect(colorDomain(blank)).toEqual([0, 1]);
    expect(colorDomain(blank, {type: "log"})).toEqual([1, 10]);
    expect(colorDomain(Uint16Array.of(7, 7, 7))).toEqual([7, 8]);
  });

  it("shares one domain over several images: the limits of their values together", () => {
    const low = Float64Array.from({length: 51}, (_, i) => i);
    const high = Float64Array.from({length: 50}, (_, i) => 51 + i);
    expect(sharedColorDomain([low, high], {percentiles: [1, 99.5]})).toEqual(colorDomain(ramp));
  });
});
