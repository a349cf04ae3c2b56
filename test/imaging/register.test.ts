import {describe, expect, it} from "vitest";
import {estimateDriftPx, registerFrames, registerOnTemplates, registrationTemplate} from "@operando/lib/imaging/register";
import {fft1d, fft2d} from "@operando/lib/imaging/fft";
import {poissonImage, randomBlobs, renderBlobs} from "./synthetic.js";
import {seededRandom} from "../seeded-random.js";

describe("fft", () => {
  it("fft1d matches a direct DFT and inverts back", () => {
    const random = seededRandom(3);
    const n = 16;
    const re = Float64Array.from({length: n}, random);
    const im = Float64Array.from({length: n}, random);
    const [re0, im0] = [re.slice(), im.slice()];
    fft1d(re, im, n);
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      for (let t = 0; t < n; t++) {
        const angle = (-2 * Math.PI * k * t) / n;
        sr += re0[t] * Math.cos(angle) - im0[t] * Math.sin(angle);
        si += re0[t] * Math.sin(angle) + im0[t] * Math.cos(angle);
      }
      expect(re[k]).toBeCloseTo(sr, 10);
      expect(im[k]).toBeCloseTo(si, 10);
    }
    fft1d(re, im, n, true);
    for (let t = 0; t < n; t++) expect(re[t]).toBeCloseTo(re0[t], 12);
  });

  it("fft2d matches a direct 2-D DFT on a non-square array and inverts back", () => {
    const random = seededRandom(5);
    const [width, height] = [8, 4];
    const re = Float64Array.from({length: width * height}, random);
    const im = Float64Array.from({length: width * height}, random);
    const [re0, im0] = [re.slice(), im.slice()];
    fft2d(re, im, width, height);
    for (let ky = 0; ky < height; ky++) {
      for (let kx = 0; kx < width; kx++) {
        let [sr, si] = [0, 0];
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const angle = -2 * Math.PI * (kx * x / width + ky * y / height);
            sr += re0[y * width + x] * Math.cos(angle) - im0[y * width + x] * Math.sin(angle);
            si += re0[y * width + x] * Math.sin(angle) + im0[y * width + x] * Math.cos(angle);
          }
        }
        expect(re[ky * width + kx]).toBeCloseTo(sr, 10);
        expect(im[ky * width + kx]).toBeCloseTo(si, 10);
      }
    }
    fft2d(re, im, width, height, true);
    for (let i = 0; i < re.length; i++) expect(re[i]).toBeCloseTo(re0[i], 12);
  });

  it("fft2d of a single impulse is flat and rejects sizes that are not powers of two", () => {
    const re = new Float64Array(8 * 4);
    const im = new Float64Array(8 * 4);
    re[0] = 1;
    fft2d(re, im, 8, 4);
    expect(Array.from(re).every((v) => Math.abs(v - 1) < 1e-12)).toBe(true);
    expect(() => fft1d(new Float64Array(6), new Float64Array(6), 6)).toThrow(/power of two/);
  });
});

describe("estimateDriftPx", () => {
  const width = 256;
  const height = 96;
  const shifts: [number, number][] = [[0, 0], [3.3, -1.7], [-7.6, 4.45], [12.2, 8.8], [0.5, 0.5], [-15.75, -6.1]];

  for (const seed of [42, 43, 44]) {
    it(`recovers known sub-pixel shifts within 0.5 px on Poisson-noisy images (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const blobs = randomBlobs(60, width, height, random);
      const reference = {data: poissonImage(renderBlobs(blobs, width, height, 2), random), width, height};
      for (const shift of shifts) {
        const moving = {data: poissonImage(renderBlobs(blobs, width, height, 2, shift), random), width, height};
        const {driftPx, ok} = estimateDriftPx(reference, moving);
        expect(ok).toBe(true);
        expect(Math.abs(driftPx[0] - shift[0])).toBeLessThan(0.5);
        expect(Math.abs(driftPx[1] - shift[1])).toBeLessThan(0.5);
      }
    });
  }

  it("registers two frames packed in one complex FFT as it registers each alone, on two references of their own", () => {
    const random = seededRandom(11);
    const [blobsA, blobsB] = [randomBlobs(60, width, height, random), randomBlobs(40, width, height, random)];
    const [shiftA, shiftB]: [number, number][] = [[4.3, -2.2], [-9.6, 6.35]];
    const image = (blobs: typeof blobsA, shift?: [number, number]) => ({data: poissonImage(renderBlobs(blobs, width, height, 2, shift), random), width, height});
    const [referenceA, referenceB, movingA, movingB] = [image(blobsA), image(blobsB), image(blobsA, shiftA), image(blobsB, shiftB)];
    const [pairedA, pairedB] = registerOnTemplates([{template: registrationTemplate(referenceA), moving: movingA}, {template: registrationTemplate(referenceB), moving: movingB}]);
    for (const [paired, alone, shift] of [[pairedA, estimateDriftPx(referenceA, movingA), shiftA], [pairedB, estimateDriftPx(referenceB, movingB), shiftB]] as const) {
      expect(Math.abs(paired.driftPx[0] - shift[0])).toBeLessThan(0.5);
      expect(Math.abs(paired.driftPx[1] - shift[1])).toBeLessThan(0.5);
      expect(paired.driftPx[0]).toBeCloseTo(alone.driftPx[0], 9);
      expect(paired.driftPx[1]).toBeCloseTo(alone.driftPx[1], 9);
      expect(paired.peakNcc).toBeCloseTo(alone.peakNcc, 12);
    }
  });

  it("is accurate to 0.1 px on noise-free images", () => {
    const random = seededRandom(7);
    const blobs = randomBlobs(60, width, height, random);
    const reference = {data: renderBlobs(blobs, width, height, 2), width, height};
    for (const shift of shifts) {
      const {driftPx} = estimateDriftPx(reference, {data: renderBlobs(blobs, width, height, 2, shift), width, height});
      expect(Math.abs(driftPx[0] - shift[0])).toBeLessThan(0.1);
      expect(Math.abs(driftPx[1] - shift[1])).toBeLessThan(0.1);
    }
  });

  it("reports a frame with no counts as not registered, with zero drift", () => {
    const random = seededRandom(1);
    const blobs = randomBlobs(20, 64, 32, random);
    const frames = [
      {data: poissonImage(renderBlobs(blobs, 64, 32, 1), random), width: 64, height: 32},
      {data: new Uint16Array(64 * 32), width: 64, height: 32}
    ];
    const estimates = registerFrames(frames);
    expect(estimates[0]).toMatchObject({driftPx: [0, 0], ok: true});
    expect(estimates[1]).toMatchObject({driftPx: [0, 0], ok: false});
  });

  it("finds the same drift when the moving frame is brighter overall (normalised correlation)", () => {
    const random = seededRandom(5);
    const blobs = randomBlobs(60, width, height, random);
    const reference = {data: poissonImage(renderBlobs(blobs, width, height, 2), random), width, height};
    const brighter = renderBlobs(blobs, width, height, 2, [4.4, -2.2]).map((v) => 1.5 * v);
    const {driftPx} = estimateDriftPx(reference, {data: poissonImage(brighter, random), width, height});
    expect(Math.abs(driftPx[0] - 4.4)).toBeLessThan(0.5);
    expect(Math.abs(driftPx[1] + 2.2)).toBeLessThan(0.5);
  });

  it("refuses images of different sizes", () => {
    const a = {data: new Uint16Array(4), width: 2, height: 2};
    const b = {data: new Uint16Array(6), width: 3, height: 2};
    expect(() => estimateDriftPx(a, b)).toThrow(/differ in size/);
  });
});
