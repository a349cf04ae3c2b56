import {describe, expect, it} from "vitest";
import {driftSdByThinning, referenceHalves} from "@operando/lib/imaging/drift-sd";
import {estimateDriftPx} from "@operando/lib/imaging/register";
import {thinnedHalves} from "@operando/lib/imaging/thinning";
import {poissonImage, randomBlobs, renderBlobs} from "./synthetic.js";
import {seededRandom} from "../seeded-random.js";

describe("thinnedHalves", () => {
  it("splits every count: halves add up to the image, each Binomial(n, 1/2) (mean n/2, variance n/4)", () => {
    const width = 200;
    const height = 100;
    const image = {data: new Uint16Array(width * height).fill(100), width, height};
    image.data[7] = 33;
    const [first, second] = thinnedHalves(image, 1);
    for (let i = 0; i < image.data.length; i++) expect(first.data[i] + second.data[i]).toBe(image.data[i]);
    const values = Array.from(first.data.subarray(8));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
    expect(mean).toBeCloseTo(50, 0);
    expect(variance).toBeGreaterThan(25 * 0.95);
    expect(variance).toBeLessThan(25 * 1.05);
    expect(thinnedHalves(image, 1)[0].data).toEqual(first.data);
    expect(thinnedHalves(image, 2)[0].data).not.toEqual(first.data);
  });

  it("refuses values that are not counts", () => {
    expect(() => thinnedHalves({data: [1, 2.5], width: 2, height: 1}, 1)).toThrow(/not a count/);
  });
});

describe("driftSdByThinning", () => {
  it("matches the spread of the registration's error over repeated low-count images (known shift)", () => {
    const width = 160;
    const height = 96;
    const random = seededRandom(17);
    const blobs = randomBlobs(30, width, height, random);
    const shift: [number, number] = [2.3, -1.6];
    const referenceExpected = renderBlobs(blobs, width, height, 1).map((v) => v * 0.3);
    const movingExpected = renderBlobs(blobs, width, height, 1, shift).map((v) => v * 0.3);
    const errors: number[] = [];
    const estimates: number[] = [];
    for (let trial = 0; trial < 24; trial++) {
      const reference = {data: poissonImage(referenceExpected, random), width, height};
      const moving = {data: poissonImage(movingExpected, random), width, height};
      const {driftPx} = estimateDriftPx(reference, moving);
      errors.push(driftPx[0] - shift[0], driftPx[1] - shift[1]);
      estimates.push(driftSdByThinning(referenceHalves(reference, {seed: trial}), moving, 1000 + trial, {floorSdPx: 0}));
    }
    const trueSd = Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / errors.length);
    const measuredSd = Math.sqrt(estimates.reduce((a, s) => a + s * s, 0) / estimates.length);
    expect(trueSd).toBeGreaterThan(0.05); // low counts: the noise is what is measured
    expect(measuredSd / trueSd).toBeGreaterThan(0.7);
    expect(measuredSd / trueSd).toBeLessThan(1.4);
  });

  it("adds the floor in quadrature", () => {
    const width = 96;
    const height = 64;
    const random = seededRandom(4);
    const blobs = randomBlobs(20, width, height, random);
    const reference = {data: poissonImage(renderBlobs(blobs, width, height, 2), random), width, height};
    const moving = {data: poissonImage(renderBlobs(blobs, width, height, 2, [1, 1]), random), width, height};
    const halves = referenceHalves(reference);
    const bare = driftSdByThinning(halves, moving, 5, {floorSdPx: 0});
    expect(driftSdByThinning(halves, moving, 5, {floorSdPx: 0.2})).toBeCloseTo(Math.hypot(bare, 0.2), 12);
  });
});
