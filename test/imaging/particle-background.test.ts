import {describe, expect, it} from "vitest";
import {BACKGROUND_GREY_LEVELS, particleBackground} from "@operando/lib/imaging/particle-background";
import {percentileLimits} from "@operando/lib/imaging/color-limits";
import type {Segmentation} from "@operando/lib/imaging/segment";

// A 20 x 10 sum rising left to right (0..199 by pixel index) with a 3 x 3 particle at (5..7, 2..4).
const width = 20;
const height = 10;
const summed = {width, height, data: Float64Array.from({length: width * height}, (_, i) => i)};
const labels = new Int32Array(width * height);
for (let y = 2; y <= 4; y++) for (let x = 5; x <= 7; x++) labels[y * width + x] = 1;
const segmentation: Segmentation = {width, height, data: labels, count: 1, threshold: 0, pixelCounts: [9]};

describe("particleBackground", () => {
  it("maps the sum between its 1st and 99.5th percentiles onto grey levels 40-190, clipped, and 0 in the particles' pixels", () => {
    const background = particleBackground(summed, segmentation);
    const [low, high] = percentileLimits(summed.data, [1, 99.5]);
    expect(background.sumLimits).toEqual([low, high]);
    const [darkest, brightest] = BACKGROUND_GREY_LEVELS;
    expect(background.data[0]).toBe(darkest);
    expect(background.data[width * height - 1]).toBe(brightest);
    for (let i = 0; i < width * height; i++) {
      const expected = labels[i] > 0 ? 0 : Math.round(darkest + (brightest - darkest) * Math.min(1, Math.max(0, (i - low) / (high - low))));
      expect(background.data[i]).toBe(expected);
    }
    expect(background.data.filter((level) => level === 0)).toHaveLength(9);
  });

  it("draws a sum of one value at one grey level, and refuses a segmentation of another size", () => {
    const flat = particleBackground({width, height, data: new Float32Array(width * height).fill(7)}, segmentation);
    expect(new Set(flat.data.filter((_, i) => labels[i] === 0))).toEqual(new Set([BACKGROUND_GREY_LEVELS[0]]));
    expect(() => particleBackground({width: 10, height, data: new Float64Array(10 * height)}, segmentation)).toThrow("particleBackground: a 10 x 10 sum under a 20 x 10 segmentation");
  });
});
