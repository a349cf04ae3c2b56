import {describe, expect, it} from "vitest";
import {alignToReference, changeMap} from "@operando/lib/imaging/change";
import {registeredSum} from "@operando/lib/imaging/particles";
import {alignToReferenceSubPixel} from "@operando/lib/imaging/shift";
import {poissonImage, renderBlobs} from "./synthetic.js";
import {seededRandom} from "../seeded-random.js";

const width = 64;
const height = 40;
const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe("alignToReferenceSubPixel (count-preserving sub-pixel shift)", () => {
  const random = seededRandom(12);
  const frame = {data: poissonImage(new Float64Array(width * height).fill(9), random), width, height};

  it("equals the whole-pixel version for integer drifts, with coverage 1 where that one has a value", () => {
    for (const drift of [[0, 0], [3, -2], [-5, 7]] as [number, number][]) {
      const whole = alignToReference(frame, drift);
      const sub = alignToReferenceSubPixel(frame, drift);
      for (let i = 0; i < width * height; i++) {
        if (whole.data[i] < 0) {
          expect(sub.coverage[i]).toBe(0);
          expect(sub.data[i]).toBe(0);
        } else {
          expect(sub.coverage[i]).toBe(1);
          expect(sub.data[i]).toBe(whole.data[i]);
        }
      }
    }
  });

  it("keeps the total except what leaves the field of view", () => {
    const drift: [number, number] = [2.4, -1.7];
    // A frame whose counts lie away from the edges loses nothing.
    const blob = {data: renderBlobs([{xPx: 32, yPx: 20, sigmaPx: 3, amplitude: 100}], width, height, 0), width, height};
    expect(sum(alignToReferenceSubPixel(blob, drift).data)).toBeCloseTo(sum(blob.data), 6);
    // A flat frame keeps the area that stays inside: (64 - 2.4) x (40 - 1.7) pixels' worth.
    expect(sum(alignToReferenceSubPixel({data: new Float64Array(width * height).fill(1), width, height}, drift).data))
      .toBeCloseTo((width - 2.4) * (height - 1.7), 9);
  });

  it("moves a blob's centroid by exactly the sub-pixel drift", () => {
    const truth = [30.37, 18.81];
    const drift: [number, number] = [3.62, -2.29];
    const frameBlob = renderBlobs([{xPx: truth[0], yPx: truth[1], sigmaPx: 2.5, amplitude: 50}], width, height, 0, drift);
    const aligned = alignToReferenceSubPixel({data: frameBlob, width, height}, drift);
    const centroid = (data: ArrayLike<number>) => {
      let [m, mx, my] = [0, 0, 0];
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
        const v = data[y * width + x];
        m += v;
        mx += v * (x + 0.5);
        my += v * (y + 0.5);
      }
      return [mx / m, my / m];
    };
    const before = centroid(frameBlob);
    const after = centroid(aligned.data);
    expect(after[0]).toBeCloseTo(before[0] - drift[0], 9);
    expect(after[1]).toBeCloseTo(before[1] - drift[1], 9);
    expect(Math.abs(after[0] - truth[0])).toBeLessThan(0.01);
    expect(Math.abs(after[1] - truth[1])).toBeLessThan(0.01);
    // The whole-pixel version is off by the rounding.
    const whole = centroid(alignToReference({data: frameBlob, width, height}, drift).data.map((v) => Math.max(0, v)));
    expect(Math.abs(whole[0] - truth[0])).toBeGreaterThan(0.3);
  });
});

describe("sub-pixel shifts in change maps and the summed image", () => {
  it("changeMap with subPixel: a frame that is the reference moved by a sub-pixel drift has ratio 1 inside, masked at the uncovered edge", () => {
    const blob = renderBlobs([{xPx: 30, yPx: 20, sigmaPx: 6, amplitude: 400}], width, height, 50);
    const drift: [number, number] = [1.5, 0.5];
    const moved = renderBlobs([{xPx: 30, yPx: 20, sigmaPx: 6, amplitude: 400}], width, height, 50, drift);
    const map = changeMap({data: moved, width, height}, {data: blob, width, height}, {driftPx: drift, subPixel: true});
    expect(map.mask[0]).toBe(1);
    expect(map.mask[width - 1]).toBe(0); // the moved frame does not reach the last column fully
    const inside = Array.from(map.data).filter((v, i) => map.mask[i] === 1);
    // Bilinear sharing smooths a little: ratios within 2% of 1 on a smooth blob (whole pixels: off by the rounding).
    expect(Math.max(...inside.map((v) => Math.abs(v - 1)))).toBeLessThan(0.02);
    const whole = changeMap({data: moved, width, height}, {data: blob, width, height}, {driftPx: drift});
    expect(Math.max(...Array.from(whole.data).filter((v, i) => whole.mask[i] === 1).map((v) => Math.abs(v - 1)))).toBeGreaterThan(0.05);
  });

  it("registeredSum with subPixel keeps each frame's counts that stay in view", () => {
    const stack = {run: "r", region: "a", ion: "x", width, height, pixelWidthUm: 1, pixelHeightUm: 1, frames: [0, 1],
      data: new Uint16Array(2 * width * height)};
    const blob = renderBlobs([{xPx: 30, yPx: 20, sigmaPx: 3, amplitude: 1000}], width, height, 0);
    stack.data.set(blob.map(Math.round), 0);
    stack.data.set(renderBlobs([{xPx: 30, yPx: 20, sigmaPx: 3, amplitude: 1000}], width, height, 0, [2.5, 1.5]).map(Math.round), width * height);
    const summed = registeredSum(stack, (frame) => (frame === 0 ? [0, 0] : [2.5, 1.5]), {subPixel: true});
    expect(sum(summed.data)).toBeCloseTo(sum(stack.data), 6);
  });
});
