/** Registration says when it is unsure (issue 11 item 4): search bound, poor match, drifts by hand, registration off. */
import {describe, expect, it} from "vitest";
import {RELATIVE_POOR_MATCH, regionDriftsFromSaved, registerRegions, savedRegionDrifts} from "@operando/lib/imaging/drift";
import {POOR_MATCH_NCC, estimateDriftPx} from "@operando/lib/imaging/register";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import {frameRaster} from "@operando/lib/imaging/raster";
import {poissonImage, randomBlobs, renderBlobs} from "./synthetic.js";
import {seededRandom} from "../seeded-random.js";
import {syntheticRun} from "../roi/synthetic-run.js";

const width = 160;
const height = 96;

function pair(seed: number, shiftPx: [number, number]) {
  const random = seededRandom(seed);
  const blobs = randomBlobs(40, width, height, random);
  return {
    reference: {data: poissonImage(renderBlobs(blobs, width, height, 2), random), width, height},
    moving: {data: poissonImage(renderBlobs(blobs, width, height, 2, shiftPx), random), width, height}
  };
}

describe("estimateDriftPx flags", () => {
  it("a good pair is reliable, with its peak NCC in the reason", () => {
    const {reference, moving} = pair(11, [3.4, -2.2]);
    const estimate = estimateDriftPx(reference, moving, {maxShiftPx: 12});
    expect(estimate).toMatchObject({ok: true, atSearchBound: false, poorMatch: false, reliable: true, source: "registered"});
    expect(estimate.peakNcc).toBeGreaterThan(POOR_MATCH_NCC);
    expect(estimate.reason).toBe(`peak NCC ${estimate.peakNcc.toFixed(2)}, inside the ±12 px search`);
  });

  for (const seed of [21, 22, 23]) {
    it(`a shift larger than the search bound is flagged at the bound and not reliable (seed ${seed})`, () => {
      const {reference, moving} = pair(seed, [18.3, 4.1]);
      const estimate = estimateDriftPx(reference, moving, {maxShiftPx: 12});
      expect(estimate.atSearchBound).toBe(true);
      expect(estimate.reliable).toBe(false);
      expect(estimate.reason).toMatch(/search bound \(±12 px\)/);
      // The same pair with a wide enough search is found and reliable.
      const wide = estimateDriftPx(reference, moving, {maxShiftPx: 24});
      expect(wide.reliable).toBe(true);
      expect(Math.abs(wide.driftPx[0] - 18.3)).toBeLessThan(0.5);
    });
  }

  it("a featureless noise pair is a poor match, not reliable", () => {
    const random = seededRandom(5);
    const flat = new Float64Array(width * height).fill(20);
    const estimate = estimateDriftPx({data: poissonImage(flat, random), width, height}, {data: poissonImage(flat, random), width, height});
    expect(estimate.ok).toBe(true);
    expect(estimate.peakNcc).toBeLessThan(0.1);
    expect(estimate.poorMatch).toBe(true);
    expect(estimate.reliable).toBe(false);
    expect(estimate.reason).toMatch(/below 0\.3: the frames match poorly/);
  });

  it("a frame with no counts is neither ok nor reliable", () => {
    const {reference} = pair(3, [0, 0]);
    const estimate = estimateDriftPx(reference, {data: new Uint16Array(width * height), width, height});
    expect(estimate).toMatchObject({ok: false, reliable: false, driftPx: [0, 0]});
  });
});

describe("registerRegions: drifts by hand and registration off", () => {
  const driftPx: [number, number][] = [[0, 0], [2.5, -1.5], [-3.2, 2.1]];
  const run = syntheticRun({seed: 8, width: 96, height: 64, driftPx});
  const stacks = stacksFromTables(run.images, run.pixels);

  it("registers every frame, the reference frame marked as such", () => {
    const [positive] = registerRegions(stacks).filter((d) => d.region === "positive");
    expect(positive.byFrame.get(0)).toMatchObject({source: "reference", reliable: true, driftPx: [0, 0]});
    for (const frame of [1, 2]) {
      const estimate = positive.byFrame.get(frame)!;
      expect(estimate).toMatchObject({source: "registered", reliable: true});
      expect(Math.abs(estimate.driftPx[0] - driftPx[frame][0])).toBeLessThan(0.5);
    }
  });

  it("a drift given by hand replaces that frame's registration and is marked manual; the others are registered", () => {
    const drifts = registerRegions(stacks, "total", {manualDriftPx: [{region: "negative", frame: 2, driftPx: [7, -4]}]});
    const negative = drifts.find((d) => d.region === "negative")!;
    expect(negative.byFrame.get(2)).toMatchObject({driftPx: [7, -4], source: "manual", reliable: true, reason: "drift given by hand"});
    expect(negative.byFrame.get(1)!.source).toBe("registered");
    expect(drifts.find((d) => d.region === "positive")!.byFrame.get(2)!.source).toBe("registered");
  });

  it("registration off gives drift 0 for every frame of that region, marked off", () => {
    const drifts = registerRegions(stacks, "total", {registrationOff: ["positive"]});
    const positive = drifts.find((d) => d.region === "positive")!;
    for (const estimate of positive.byFrame.values()) expect(estimate).toMatchObject({driftPx: [0, 0], source: "off"});
    expect(drifts.find((d) => d.region === "negative")!.byFrame.get(1)!.source).toBe("registered");
  });

  it("refuses a hand-given drift for an unknown region or frame, or for the reference frame", () => {
    expect(() => registerRegions(stacks, "total", {manualDriftPx: [{region: "middle", frame: 1, driftPx: [1, 1]}]})).toThrow(/region "middle" has no images/);
    expect(() => registerRegions(stacks, "total", {manualDriftPx: [{region: "positive", frame: 9, driftPx: [1, 1]}]})).toThrow(/no frame 9/);
    expect(() => registerRegions(stacks, "total", {manualDriftPx: [{region: "positive", frame: 0, driftPx: [1, 1]}]})).toThrow(/reference frame/);
  });
});

describe("registerRegions: a frame that matches far worse than the others", () => {
  // One stack of frames drifting by a pixel or two, and one frame moved 45 px: beyond the ±19 px search of a
  // 160 x 96 image, so only a side peak lies inside it, at NCC 0.40 (seed 4), above POOR_MATCH_NCC.
  const random = seededRandom(4);
  const blobs = randomBlobs(40, width, height, random);
  const shifts: [number, number][] = [[0, 0], [1, 1], [45, 0], [-1, 2]];
  const images = shifts.map((shift) => poissonImage(renderBlobs(blobs, width, height, 2, shift), random));
  const data = new Uint16Array(images.length * width * height);
  images.forEach((image, slot) => data.set(image, slot * width * height));
  const stack = {run: "r", region: "field", ion: "total", width, height, pixelWidthUm: 0.5, pixelHeightUm: 0.5, frames: [0, 1, 2, 3], data};

  it("is a poor match, not reliable, though its peak NCC is above the absolute threshold and inside the search", () => {
    const moved = estimateDriftPx(frameRaster(stack, 0), frameRaster(stack, 2));
    expect(moved).toMatchObject({reliable: true, atSearchBound: false});
    expect(moved.peakNcc).toBeGreaterThan(POOR_MATCH_NCC);
    const [field] = registerRegions([stack]);
    const flagged = field.byFrame.get(2)!;
    expect(flagged).toMatchObject({poorMatch: true, reliable: false, source: "registered"});
    expect(flagged.reason).toMatch(/^peak NCC 0\.\d\d is under half the region's median 0\.9\d: this frame matches poorly$/);
    for (const frame of [1, 3]) expect(field.byFrame.get(frame)).toMatchObject({poorMatch: false, reliable: true});
    expect(flagged.peakNcc).toBeLessThan(RELATIVE_POOR_MATCH * field.byFrame.get(1)!.peakNcc);
  });
});

describe("savedRegionDrifts / regionDriftsFromSaved", () => {
  it("round-trip through JSON, a NaN peak NCC as null", () => {
    const run = syntheticRun({seed: 9, width: 64, height: 48, driftPx: [[0, 0], [1.5, 0.5]]});
    const drifts = registerRegions(stacksFromTables(run.images, run.pixels), "total", {manualDriftPx: [{region: "positive", frame: 1, driftPx: [2, 1]}]});
    const json = JSON.parse(JSON.stringify(savedRegionDrifts(drifts)));
    expect(json[0].frames[1]).toMatchObject({frame: 1, peakNcc: null, source: "manual"});
    const back = regionDriftsFromSaved(json);
    expect(back.map((d) => [...d.byFrame.entries()])).toEqual(drifts.map((d) => [...d.byFrame.entries()]));
  });
});
