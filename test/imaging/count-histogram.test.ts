import {describe, expect, it} from "vitest";
import {binRaster} from "@operando/lib/imaging/bin";
import {countHistogram, histogramPercentiles, stackCountHistogram} from "@operando/lib/imaging/count-histogram";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {percentileLimits} from "@operando/lib/imaging/color-limits";
import {seededRandom} from "../seeded-random.js";

describe("count histograms", () => {
  it("give the percentiles of sorting every value, for small counts and for counts past the dense array", () => {
    const next = seededRandom(11);
    for (const scale of [40, 3_000_000]) {
      const images = [0, 1].map(() => Float64Array.from({length: 700}, () => Math.floor(next() ** 4 * scale)));
      const histogram = countHistogram(images)!;
      expect(histogram.pixels.reduce((a, b) => a + b, 0)).toBe(1400);
      expect([...histogram.values].sort((a, b) => a - b)).toEqual(histogram.values);
      const all = Float64Array.from(images.flatMap((image) => Array.from(image)));
      for (const percentiles of [[1, 99.5], [0, 100], [50, 50]] as [number, number][]) {
        expect(histogramPercentiles(histogram, percentiles)).toEqual(percentileLimits(all, percentiles));
      }
    }
    expect(countHistogram([Float64Array.from([1, 2.5])])).toBeNull();
    expect(countHistogram([Float64Array.from([1, -1])])).toBeNull();
    expect(histogramPercentiles({values: [], pixels: []}, [1, 99])).toEqual([NaN, NaN]);
    expect(() => histogramPercentiles({values: [1], pixels: [1]}, [60, 40])).toThrow("percentiles must satisfy");
  });

  it("of a stack, binned, hold every bin of every frame", () => {
    const next = seededRandom(3);
    const [width, height, frames] = [10, 7, 3];
    const stack: ImageStack = {run: "r", region: "a", ion: "7Li+", width, height, pixelWidthUm: 1, pixelHeightUm: 1, frames: [0, 2, 5],
      data: Uint16Array.from({length: width * height * frames}, () => Math.floor(next() * 30))};
    const binned = [0, 1, 2].map((slot) => binRaster({data: stack.data.subarray(slot * width * height, (slot + 1) * width * height), width, height}, 2).data);
    expect(stackCountHistogram(stack, 2)).toEqual(countHistogram(binned));
    expect(stackCountHistogram(stack, 1)).toEqual(countHistogram([stack.data]));
  });
});
