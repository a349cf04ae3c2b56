import {describe, expect, it} from "vitest";
import {binRaster} from "@operando/lib/imaging/bin";
import {alignToReference, changeMap} from "@operando/lib/imaging/change";
import {normalisationUnit, normaliseStack} from "@operando/lib/imaging/normalise";
import {frameRaster, pixelCentreUm, rasterTotal, sumFrames, type ImageStack} from "@operando/lib/imaging/raster";
import {gaussianSmooth} from "@operando/lib/imaging/smooth";
import {poissonImage, randomBlobs, renderBlobs} from "./synthetic.js";
import {seededRandom} from "../seeded-random.js";

const random = seededRandom(21);
const odd = {data: poissonImage(renderBlobs(randomBlobs(10, 37, 23, random), 37, 23, 3), random), width: 37, height: 23};

function stack(frames: Uint16Array[], ion = "58Ni+"): ImageStack {
  const data = new Uint16Array(frames.length * 6);
  frames.forEach((f, i) => data.set(f, i * 6));
  return {run: "r", region: "positive", ion, width: 3, height: 2, pixelWidthUm: 0.5, pixelHeightUm: 0.25, frames: frames.map((_, i) => i), data};
}

describe("binRaster", () => {
  it("keeps the total exactly, ragged edges included, and says how many pixels each bin holds", () => {
    for (const factor of [2, 4]) {
      const binned = binRaster(odd, factor);
      expect(binned.width).toBe(Math.ceil(37 / factor));
      expect(binned.height).toBe(Math.ceil(23 / factor));
      expect(rasterTotal(binned)).toBe(rasterTotal(odd));
      expect(binned.pixelsPerBin[0]).toBe(factor * factor);
      expect(binned.pixelsPerBin[binned.width * binned.height - 1]).toBe((37 % factor || factor) * (23 % factor || factor));
      expect(Array.from(binned.pixelsPerBin).reduce((a, b) => a + b, 0)).toBe(37 * 23);
    }
  });

  it("sums each 2x2 block, and crop mode drops the ragged remainder", () => {
    const image = {data: Uint16Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]), width: 5, height: 3};
    expect(Array.from(binRaster(image, 2).data)).toEqual([1 + 2 + 6 + 7, 3 + 4 + 8 + 9, 5 + 10, 11 + 12, 13 + 14, 15]);
    const cropped = binRaster(image, 2, "crop");
    expect([cropped.width, cropped.height, ...cropped.data]).toEqual([2, 1, 16, 24]);
    expect(() => binRaster(image, 1.5)).toThrow(RangeError);
  });
});

describe("gaussianSmooth", () => {
  it("keeps a flat image flat (edges renormalised) and nearly keeps the total of a blob image", () => {
    const flat = gaussianSmooth({data: new Float64Array(20 * 10).fill(7), width: 20, height: 10}, 2);
    expect(Array.from(flat.data).every((v) => Math.abs(v - 7) < 1e-5)).toBe(true);
    const smooth = gaussianSmooth(odd, 1);
    expect(Math.abs(rasterTotal(smooth) - rasterTotal(odd)) / rasterTotal(odd)).toBeLessThan(0.02);
  });

  it("spreads an impulse as a normalised Gaussian with the given sigma", () => {
    const data = new Float64Array(41 * 41);
    data[20 * 41 + 20] = 1;
    const smooth = gaussianSmooth({data, width: 41, height: 41}, 2).data;
    let variance = 0;
    for (let x = 0; x < 41; x++) variance += smooth[20 * 41 + x] * (x - 20) ** 2;
    const rowSum = Array.from(smooth.subarray(20 * 41, 21 * 41)).reduce((a, b) => a + b, 0);
    expect(variance / rowSum).toBeCloseTo(4, 1);
  });
});

describe("normaliseStack", () => {
  const ni = stack([Uint16Array.from([1, 2, 3, 4, 5, 6]), Uint16Array.from([2, 4, 6, 8, 10, 12])]);
  const total = stack([Uint16Array.from([10, 10, 10, 10, 10, 10]), Uint16Array.from([20, 20, 20, 20, 20, 20])], "total");

  it("gives raw counts, counts per um2, total-ion fraction and relative-to-pristine values", () => {
    expect(Array.from(normaliseStack(ni, "counts"))).toEqual([1, 2, 3, 4, 5, 6, 2, 4, 6, 8, 10, 12]);
    expect(normaliseStack(ni, "countsPerUm2")[0]).toBeCloseTo(1 / 0.125, 6);
    const fraction = normaliseStack(ni, "totalIonFraction", {totalIon: total});
    expect(fraction[0]).toBeCloseTo(1 / 60, 6);
    expect(fraction[6]).toBeCloseTo(2 / 120, 6);
    const relative = normaliseStack(ni, "relativeToPristine");
    expect(Array.from(relative.subarray(0, 6)).reduce((a, b) => a + b, 0) / 6).toBeCloseTo(1, 6);
    expect(relative[6]).toBeCloseTo(2 / 3.5, 6);
    expect(normalisationUnit.countsPerUm2).toBe("counts/um2");
  });

  it("refuses a total-ion normalisation without the total-ion stack", () => {
    expect(() => normaliseStack(ni, "totalIonFraction")).toThrow(/total-ion stack/);
  });

  it("sums frames and places pixel centres in um", () => {
    expect(Array.from(sumFrames(ni).data)).toEqual([3, 6, 9, 12, 15, 18]);
    expect(pixelCentreUm(ni, 1, 1)).toEqual([0.75, 0.375]);
    expect(Array.from(frameRaster(ni, 1).data)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(() => frameRaster(ni, 2)).toThrow(RangeError);
  });
});

describe("changeMap", () => {
  it("gives ratio and difference where counts suffice and masks where they do not", () => {
    const reference = {data: Uint16Array.from([100, 100, 2, 0, 50, 9]), width: 3, height: 2};
    const frame = {data: Uint16Array.from([150, 50, 2, 10, 50, 9]), width: 3, height: 2};
    const ratio = changeMap(frame, reference);
    expect(Array.from(ratio.mask)).toEqual([1, 1, 0, 0, 1, 1]);
    expect(ratio.data[0]).toBeCloseTo(1.5, 6);
    expect(ratio.data[2]).toBeNaN();
    const difference = changeMap(frame, reference, {mode: "difference"});
    expect(difference.data[1]).toBe(-50);
    expect(changeMap(frame, reference, {maxRelativeError: 0.4}).mask[5]).toBe(0); // sqrt(2/9) = 0.47
  });

  it("aligns the frame by its rounded drift before comparing", () => {
    const random2 = seededRandom(4);
    const blobs = randomBlobs(15, 40, 30, random2);
    const reference = {data: renderBlobs(blobs, 40, 30, 50), width: 40, height: 30};
    const moved = {data: renderBlobs(blobs, 40, 30, 50, [3, -2]), width: 40, height: 30};
    const ratio = changeMap(moved, reference, {driftPx: [3.2, -1.9]});
    for (let i = 0; i < ratio.data.length; i++) if (ratio.mask[i]) expect(ratio.data[i]).toBeCloseTo(1, 6);
    expect(Array.from(ratio.mask).filter((m) => m).length).toBe(37 * 28);
    expect(alignToReference(moved, [3, -2]).data[0]).toBe(-1);
  });
});
