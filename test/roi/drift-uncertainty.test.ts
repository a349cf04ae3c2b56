import {describe, expect, it} from "vitest";
import {boundaryWeights, registrationVariance} from "@operando/lib/roi/drift-uncertainty";
import {widenInterval, poissonInterval} from "@operando/lib/roi/interval";
import {rasteriseRings} from "@operando/lib/roi/rasterise";
import {spansToMask} from "@operando/lib/roi/spans";
import type {Ring} from "@operando/lib/roi/types";
import {seededRandom} from "../seeded-random.js";

const grid = {width: 80, height: 60, pixelWidthUm: 0.5, pixelHeightUm: 0.5};
const polygon: Ring[] = [[[5.13, 4.07], [30.4, 6.2], [26.1, 22.9], [9.3, 19.75]]];

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe("boundaryWeights", () => {
  it("gives each pixel the probability that a drift error of the stated size moves it across the edge", () => {
    const sdPx = 0.3;
    const drift: [number, number] = [1.2, -0.7];
    const {index, weight} = boundaryWeights(polygon, grid, drift, sdPx);
    const reference = spansToMask(rasteriseRings(polygon, grid, drift));
    const flips = new Float64Array(grid.width * grid.height);
    const random = seededRandom(17);
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const moved = spansToMask(rasteriseRings(polygon, grid, [drift[0] + sdPx * gaussian(random), drift[1] + sdPx * gaussian(random)]));
      for (let i = 0; i < moved.length; i++) if (moved[i] !== reference[i]) flips[i]++;
    }
    // Pixels that flip are all listed, and the predicted flip rate matches the simulated one.
    const listed = new Map(Array.from(index, (i, k) => [i, weight[k]]));
    let predicted = 0;
    let observed = 0;
    flips.forEach((count, i) => {
      if (count > trials * 0.01) expect(listed.has(i)).toBe(true);
      observed += count / trials;
    });
    for (const w of weight) predicted += w;
    expect(Math.abs(predicted - observed) / observed).toBeLessThan(0.15);
  });

  it("is empty without drift uncertainty, and sums weight * counts^2", () => {
    expect(boundaryWeights(polygon, grid, [0, 0], 0).index.length).toBe(0);
    const boundary = {index: Int32Array.from([0, 2]), weight: Float64Array.from([0.5, 0.25])};
    expect(registrationVariance(Uint16Array.from([9, 99, 1, 4]), 1, boundary)).toBe(0.5 * 99 * 99 + 0.25 * 4 * 4);
  });
});

describe("widenInterval", () => {
  it("leaves the Poisson interval alone without extra error and widens both sides in quadrature with it", () => {
    const poisson = poissonInterval(400);
    expect(widenInterval(400, poisson, 0)).toEqual(poisson);
    const wide = widenInterval(400, poisson, 30);
    expect(wide.high - 400).toBeCloseTo(Math.hypot(poisson.high - 400, 1.959964 * 30), 4);
    expect(400 - wide.low).toBeCloseTo(Math.hypot(400 - poisson.low, 1.959964 * 30), 4);
    expect(widenInterval(2, poissonInterval(2), 50).low).toBe(0);
  });
});
