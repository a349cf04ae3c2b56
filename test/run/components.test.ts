import {describe, expect, it} from "vitest";
import {scoresPerFrame} from "@operando/lib/multivariate/frame-matrix";
import {componentBinFactor, componentIons, frameScores, regionComponents} from "@operando/lib/run/components";
import {componentFrameScoresFromTable, componentFrameTable, componentsSummaryFromJson, componentsSummaryJson} from "@operando/lib/run/components-file";
import {scoreImage} from "@operando/lib/multivariate/frame-matrix";
import {tableFromIPC, tableToIPC} from "apache-arrow";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {seededRandom} from "../seeded-random.js";

/** Two phases (left and right halves) with opposite ion ratios; the right half's A rises frame by frame. */
function twoPhaseStacks(width: number, height: number, frames: number): ImageStack[] {
  const random = seededRandom(5);
  const poisson = (mean: number) => {
    let [k, p, l] = [0, 1, Math.exp(-mean)];
    do {
      k++;
      p *= random();
    } while (p > l);
    return k - 1;
  };
  const stack = (ion: string, mean: (x: number, slot: number) => number): ImageStack => {
    const data = new Uint32Array(frames * width * height);
    for (let s = 0; s < frames; s++) for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[s * width * height + y * width + x] = poisson(mean(x, s));
    return {run: "t", region: "r", ion, width, height, pixelWidthUm: 1, pixelHeightUm: 1, frames: Array.from({length: frames}, (_, i) => i), data};
  };
  return [
    stack("A", (x, s) => (x < width / 2 ? 4 : 20 + 4 * s)),
    stack("B", (x) => (x < width / 2 ? 20 : 4)),
    stack("total", (x) => 30)
  ];
}

describe("the components of a region (lib/run/components.ts)", () => {
  it("takes every ion but the total-ion image, and bins a large stack to at most the rows asked for", () => {
    const stacks = twoPhaseStacks(16, 8, 3);
    expect(componentIons(stacks, "r")).toEqual(["A", "B"]);
    expect(componentBinFactor({width: 256, height: 96, frames: new Array(17)}, 250_000)).toBe(2);
    expect(componentBinFactor({width: 512, height: 512, frames: new Array(100)}, 40_000)).toBe(32);
    expect(componentBinFactor({width: 16, height: 8, frames: [0]}, 250_000)).toBe(1);
  });

  it("PCA's first component tells the phases apart; its score per frame follows the rising ion, with standard errors", () => {
    const stacks = twoPhaseStacks(32, 16, 4);
    const result = regionComponents(stacks, "r", () => [0, 0], "pca");
    expect(result.matrix.ions).toEqual(["A", "B"]);
    const perPixel = result.matrix.pixels.length;
    const left = result.scores[0];
    const right = result.scores[(perPixel - 1) * result.components]; // the last pixel of frame 0 is on the right
    expect(Math.sign(left)).not.toBe(Math.sign(right));
    expect(result.perFrame[0]).toHaveLength(4);
    for (const f of result.perFrame[0]) expect(f.standardError).toBeGreaterThan(0);
    const nmf = regionComponents(stacks, "r", () => [0, 0], "nmf");
    for (const spectrum of nmf.loadings) expect(spectrum.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it("reads back from the build's files as the page draws it: the same layout, loadings and per-frame scores, and each frame's float32 score images", () => {
    const result = regionComponents(twoPhaseStacks(32, 16, 4), "r", () => [0, 0], "pca");
    const context = {places: [{frame: 0, number: 1, stateOfCharge: 0.25}], pixelSizeUm: [0.5, 0.5] as [number, number], unreliableDrifts: [{region: "r", frame: 2, reason: "a poor match"}]};
    const {summary, context: contextBack} = componentsSummaryFromJson(componentsSummaryJson(result, context), "components-0.json");
    const {scores: original, ...expected} = result;
    expect(summary).toEqual(expected);
    expect(contextBack).toEqual(context);
    const throughFile = (slot: number) => tableFromIPC(tableToIPC(componentFrameTable(result, slot), "stream"));
    for (let slot = 0; slot < 4; slot++) {
      const frame = result.matrix.frames[slot];
      const scores = componentFrameScoresFromTable(throughFile(slot), summary, frame, `components-0-${frame}.arrow.gz`);
      for (let c = 0; c < result.components; c++) expect(scoreImage(summary.matrix, scores, 2, c, 0)).toEqual(scoreImage(result.matrix, Float32Array.from(original), 2, c, slot));
      expect(scores).toEqual(Float32Array.from(frameScores(result, slot)));
    }
    expect(() => componentFrameScoresFromTable(throughFile(1), summary, result.matrix.frames[2], "f.arrow.gz")).toThrow(`f.arrow.gz: the scores of frame ${result.matrix.frames[1]}, not of frame ${result.matrix.frames[2]}`);
    expect(() => componentFrameScoresFromTable(tableFromIPC(tableToIPC(componentFrameTable(result, 0).select(["score_1"]), "stream")), summary, result.matrix.frames[0], "f.arrow.gz")).toThrow('f.arrow.gz: needs a float32 column "score_2"');
    expect(() => componentsSummaryFromJson('{"matrix": {}}', "runs/x/pixels/components-0.json")).toThrow("runs/x/pixels/components-0.json: not a components summary");
    const {context: _context, ...withoutContext} = JSON.parse(componentsSummaryJson(result, context));
    expect(() => componentsSummaryFromJson(JSON.stringify(withoutContext), "components-0.json")).toThrow("components-0.json: the components summary has no context");
  });

  it("refuses a region with fewer than two ions besides the total-ion image", () => {
    const stacks = twoPhaseStacks(8, 4, 2).filter((s) => s.ion !== "B");
    expect(() => regionComponents(stacks, "r", () => [0, 0], "pca")).toThrow('region "r" has 1 ion(s) besides the total-ion image; components need at least two');
  });

  it("per frame: the mean of the frame's scores and its standard error (sd / sqrt(n))", () => {
    const matrix = {frames: [0, 1], pixels: Int32Array.of(0, 1, 2, 3)};
    // One component; frame 0 scores 1, 2, 3, 4 and frame 1 all 5.
    const [component] = scoresPerFrame(matrix, Float64Array.of(1, 2, 3, 4, 5, 5, 5, 5), 1);
    expect(component[0].mean).toBe(2.5);
    expect(component[0].standardError).toBeCloseTo(Math.sqrt(5 / 3) / 2, 12);
    expect(component[1]).toEqual({mean: 5, standardError: 0});
  });
});
