import {describe, expect, it} from "vitest";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {explorerImage} from "@operando/lib/run/explorer-image";
import type {RunAnalysis} from "@operando/lib/run/analysis";

// Two frames of 4 x 2 pixels of 0.5 um; frame 1 is frame 0 shifted right by one pixel (drift [1, 0]).
const stack = (ion: string, frames: number[][]): ImageStack => ({run: "t", region: "positive", ion, width: 4, height: 2,
  pixelWidthUm: 0.5, pixelHeightUm: 0.5, frames: [0, 1], data: Uint16Array.from(frames.flat())});
const nickel = stack("58Ni+", [[1, 2, 3, 4, 5, 6, 7, 8], [0, 1, 2, 3, 0, 5, 6, 7]]);
const total = stack("total", [[10, 10, 10, 10, 10, 10, 10, 10], [20, 20, 20, 20, 20, 20, 20, 20]]);
const analysis = {stacks: [nickel, total], driftPx: (_region: string, frame: number) => (frame === 1 ? [1, 0] : [0, 0])} as unknown as RunAnalysis;
const base = {region: "positive", ion: "58Ni+", frame: 1, binFactor: 1, registered: false} as const;

describe("explorerImage", () => {
  it("shows counts per µm² of the chosen frame as acquired", () => {
    const {image, quantity, pixelSizeUm} = explorerImage(analysis, {...base, normalisation: "countsPerUm2"});
    expect(Array.from(image.data)).toEqual([0, 4, 8, 12, 0, 20, 24, 28]);
    expect(quantity).toBe("58Ni+ counts/µm²");
    expect(pixelSizeUm).toEqual([0.5, 0.5]);
  });

  it("moves the frame onto the reference frame by its drift, leaving pixels it did not see empty (NaN)", () => {
    const {image} = explorerImage(analysis, {...base, normalisation: "counts", registered: true});
    expect(Array.from(image.data.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(image.data[3]).toBeNaN();
  });

  it("bins by summing counts, and averages per-area quantities over the pixels of each bin", () => {
    const counts = explorerImage(analysis, {...base, frame: 0, normalisation: "counts", binFactor: 2});
    expect(Array.from(counts.image.data)).toEqual([1 + 2 + 5 + 6, 3 + 4 + 7 + 8]);
    expect(counts.pixelSizeUm).toEqual([1, 1]);
    expect(counts.quantity).toBe("58Ni+ counts per 2×2 px");
    const relative = explorerImage(analysis, {...base, frame: 0, normalisation: "relativeToPristine", binFactor: 2});
    expect(relative.image.data[0]).toBeCloseTo(3.5 / 4.5, 6); // mean of 1, 2, 5, 6 over the pristine mean 4.5
  });

  it("divides by the frame's total-ion counts for the TIC-normalised image", () => {
    const {image} = explorerImage(analysis, {...base, normalisation: "totalIonFraction"});
    expect(image.data[1]).toBeCloseTo(1 / 160, 8);
  });

  it("as a change map: frame over pristine per pixel, moved by the drift with the counts kept, low counts left blank", () => {
    // Frame 1 is frame 0 moved right by one pixel with twice the counts, but for one pixel of 2 counts (too few).
    const bright = stack("58Ni+", [[100, 200, 300, 400, 500, 600, 700, 800], [0, 200, 400, 600, 0, 1000, 2, 1400]]);
    const run = {...analysis, stacks: [bright, total]} as unknown as RunAnalysis;
    const {image, quantity} = explorerImage(run, {...base, normalisation: "counts", changeFromPristine: true});
    expect(quantity).toBe("58Ni+ counts / pristine counts, per pixel");
    expect(Array.from(image.data.subarray(0, 3))).toEqual([2, 2, 2]);
    expect(image.data[3]).toBeNaN(); // the moved frame does not cover the last column
    expect(Array.from(image.data.subarray(4, 7))).toEqual([2, NaN, 2]); // 2 counts: relative error above 0.5
    const binned = explorerImage(run, {...base, normalisation: "counts", binFactor: 2, changeFromPristine: true});
    expect(binned.quantity).toBe("58Ni+ counts / pristine counts, per 2×2 px");
  });
});
