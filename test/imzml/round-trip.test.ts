// Writer -> reader in both modes: the values, pixels, pixel size and UUID come back, and the ion images
// equal the window sums computed directly from the spectra that were written.
import {deflateSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {forEachSpectrum, ibdFromBytes, imzmlIonImages, summedSpectrum, type IbdSource, type NumberType} from "@operando/loaders/imzml/index";
import {writeImzml, type SpectrumToWrite} from "@operando/loaders/imzml/write";
import {seededRandom} from "../seeded-random.js";
import {openPair} from "./helpers.js";

const WIDTH = 7;
const HEIGHT = 5;

/** A sparse image (about 70% of pixels) of Poisson-like integer counts; processed spectra each with their own m/z values. */
function makeSpectra(mode: "continuous" | "processed", seed: number): {spectra: SpectrumToWrite[]; axis: number[]} {
  const random = seededRandom(seed);
  const axis = Array.from({length: 60}, (_, i) => 1 + i * 0.5 + random() * 0.1);
  const spectra: SpectrumToWrite[] = [];
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      if (random() < 0.3) continue;
      const mzU = mode === "continuous" ? axis : axis.filter(() => random() < 0.6).map((m) => m + random() * 0.01);
      spectra.push({x, y, mzU: mode === "processed" ? mzU : undefined, intensity: mzU.map(() => Math.floor(-Math.log(1 - random()) * 20))});
    }
  }
  return {spectra, axis};
}

const asType = (values: ArrayLike<number>, type: NumberType) => (type === "float32" ? Array.from(values, Math.fround) : Array.from(values));

/** A reader that answers asynchronously, as a browser File slice does, and notes the largest piece asked for. */
function asyncSource(bytes: Uint8Array): IbdSource & {largestRead: number} {
  const source = {name: "async.ibd", byteLength: bytes.length, largestRead: 0, read: async (offset: number, length: number) => {
    source.largestRead = Math.max(source.largestRead, length);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return bytes.slice(offset, offset + length);
  }};
  return source;
}

describe.each([
  ["processed", "float64", "float32", false],
  ["processed", "float32", "int32", false],
  ["processed", "float64", "int64", true],
  ["continuous", "float32", "float64", false],
  ["continuous", "float64", "int32", true]
] as const)("%s mode, m/z %s, intensities %s, compressed %s", (mode, mzType, intensityType, compressed) => {
  const {spectra, axis} = makeSpectra(mode, mode.length * 31 + intensityType.length);
  const options = {
    mode, width: WIDTH, height: HEIGHT, mzType, intensityType, pixelSize: {x: 0.5, y: 0.25, unit: "um" as const},
    uuid: "{0123ABCD-4567-89ab-cdef-0123456789AB}", mzU: mode === "continuous" ? axis : undefined, compress: compressed ? deflateSync : undefined
  };
  const written = writeImzml(spectra, options);

  it("reads back every spectrum's pixel and values, a few bytes at a time or in one piece", async () => {
    const file = await openPair(written.imzml, written.ibd);
    expect([file.mode, file.width, file.height, file.uuid]).toEqual([mode, WIDTH, HEIGHT, "0123abcd456789abcdef0123456789ab"]);
    expect(file.pixelSize).toEqual({x: 0.5, y: 0.25, unit: "um"});
    expect(file.warnings).toEqual([]);
    for (const chunkBytes of [64, 1 << 20]) {
      const read: SpectrumToWrite[] = [];
      await forEachSpectrum(file, (s, mz, intensity) => read.push({x: s.x, y: s.y, mzU: Array.from(mz), intensity: Array.from(intensity)}), {chunkBytes});
      read.sort((a, b) => a.y - b.y || a.x - b.x);
      expect(read.map((s) => [s.x, s.y])).toEqual(spectra.map((s) => [s.x, s.y]));
      read.forEach((s, i) => {
        expect(s.mzU).toEqual(asType(spectra[i].mzU ?? axis, mzType));
        expect(s.intensity).toEqual(asType(spectra[i].intensity, intensityType));
      });
    }
  });

  it("gives ion images equal to the window sums of the spectra written, NaN where no spectrum was written", async () => {
    const windows = [{ion: "low", lowU: 2, highU: 6.05}, {ion: "high", lowU: 20, highU: 30}];
    const source = asyncSource(written.ibd);
    const result = await imzmlIonImages(new TextEncoder().encode(written.imzml), "rt.imzML", source, windows, {chunkBytes: 256});
    const index = await openPair(written.imzml, written.ibd);
    // A piece holds whole spectra: at most 256 bytes, or one spectrum's arrays when they are larger.
    expect(source.largestRead).toBeLessThanOrEqual(Math.max(256, ...index.spectra.map((s) => s.mz.encodedLength + s.intensity.encodedLength)));
    const expected = windows.map(() => new Float64Array(WIDTH * HEIGHT).fill(NaN));
    const total = new Float64Array(WIDTH * HEIGHT).fill(NaN);
    for (const s of spectra) {
      const mz = asType(s.mzU ?? axis, mzType);
      const counts = asType(s.intensity, intensityType);
      total[s.y * WIDTH + s.x] = counts.reduce((a, b) => a + b, 0);
      windows.forEach((w, k) => (expected[k][s.y * WIDTH + s.x] = counts.reduce((sum, c, i) => sum + (mz[i] >= w.lowU && mz[i] <= w.highU ? c : 0), 0)));
    }
    expect(result.images.map((image) => Array.from(image.data))).toEqual(expected.map((e) => Array.from(e)));
    expect(Array.from(result.totalCounts.data)).toEqual(Array.from(total));
    expect(result.images[0].pixelSizeUm).toEqual({x: 0.5, y: 0.25});
  });

  it("sums the whole image's spectrum to the sum of every count written", async () => {
    const file = await openPair(written.imzml, written.ibd);
    const spectrum = await summedSpectrum(file);
    const allCounts = spectra.reduce((sum, s) => sum + asType(s.intensity, intensityType).reduce((a, b) => a + b, 0), 0);
    expect(spectrum.counts.reduce((a, b) => a + b, 0)).toBeCloseTo(allCounts, 6);
    expect(Array.from(spectrum.mzU)).toEqual([...spectrum.mzU].sort((a, b) => a - b));
    if (mode === "continuous") expect(Array.from(spectrum.mzU)).toEqual(asType(axis, mzType));
    const binned = await summedSpectrum(file, {binWidthU: 1});
    expect(binned.counts.reduce((a, b) => a + b, 0)).toBeCloseTo(allCounts, 6);
    expect(binned.mzU.every((m) => (m - 0.5) % 1 === 0)).toBe(true);
  });
});

describe("the writer refuses what it cannot write faithfully", () => {
  it("fractional or out-of-range integers, pixels outside the image, a continuous spectrum of the wrong length", () => {
    const base = {mode: "processed" as const, width: 2, height: 2};
    expect(() => writeImzml([{x: 0, y: 0, mzU: [1], intensity: [1.5]}], {...base, intensityType: "int32"})).toThrow(RangeError);
    expect(() => writeImzml([{x: 0, y: 0, mzU: [1], intensity: [2 ** 31]}], {...base, intensityType: "int32"})).toThrow(RangeError);
    expect(() => writeImzml([{x: 2, y: 0, mzU: [1], intensity: [1]}], base)).toThrow(/outside 2 x 2/);
    expect(() => writeImzml([{x: 0, y: 0, intensity: [1]}], {...base, mode: "continuous", mzU: [1, 2]})).toThrow(RangeError);
  });

  it("a random UUID when none is given, written in the XML and the .ibd alike", async () => {
    const {imzml, ibd} = writeImzml([{x: 0, y: 0, mzU: [1], intensity: [1]}], {mode: "processed", width: 1, height: 1});
    const file = await openPair(imzml, ibd);
    expect(file.uuid).toMatch(/^[0-9a-f]{32}$/);
    expect(file.warnings).toEqual([]);
    expect(ibdFromBytes(ibd, "x").byteLength).toBe(16 + 8 + 8);
  });
});

describe("an .ibd that stores every m/z array first and every intensity array after", () => {
  it("is read as scattered arrays and gives the same ion images as the usual layout", async () => {
    const {spectra} = makeSpectra("processed", 99);
    const usual = writeImzml(spectra, {mode: "processed", width: WIDTH, height: HEIGHT, uuid: "00112233445566778899aabbccddeeff"});
    const index = await openPair(usual.imzml, usual.ibd);
    // Rebuild the .ibd with the m/z arrays first, and move each offset in the XML to its new place.
    const moved = new Map<number, number>();
    const ibd = new Uint8Array(usual.ibd.length);
    ibd.set(usual.ibd.subarray(0, 16));
    let at = 16;
    for (const ref of [...index.spectra.map((s) => s.mz), ...index.spectra.map((s) => s.intensity)]) {
      ibd.set(usual.ibd.subarray(ref.offset, ref.offset + ref.encodedLength), at);
      moved.set(ref.offset, at);
      at += ref.encodedLength;
    }
    const imzml = usual.imzml.replace(/name="external offset" value="(\d+)"/g, (_, offset) => `name="external offset" value="${moved.get(Number(offset))}"`);
    const windows = [{ion: "a", lowU: 3, highU: 12}];
    const expected = await imzmlIonImages(new TextEncoder().encode(usual.imzml), "usual", ibdFromBytes(usual.ibd, "usual.ibd"), windows);
    const source = asyncSource(ibd);
    const scattered = await imzmlIonImages(new TextEncoder().encode(imzml), "scattered", source, windows, {chunkBytes: 128});
    expect(Array.from(scattered.images[0].data)).toEqual(Array.from(expected.images[0].data));
    expect(Array.from(scattered.totalCounts.data)).toEqual(Array.from(expected.totalCounts.data));
    expect(source.largestRead).toBeLessThanOrEqual(Math.max(...index.spectra.map((s) => s.intensity.encodedLength), 16));
  });
});

describe("a reader that stops answering", () => {
  it("a short read (the .ibd shrank since it was opened) is an ImzmlError naming the byte, even while reading ahead", async () => {
    const {spectra} = makeSpectra("processed", 5);
    const {imzml, ibd} = writeImzml(spectra, {mode: "processed", width: WIDTH, height: HEIGHT});
    const shrinking = {name: "shrinking.ibd", byteLength: ibd.length, read: async (offset: number, length: number) => ibd.slice(offset, Math.min(offset + length, 1000))};
    const error = await imzmlIonImages(new TextEncoder().encode(imzml), "shrinking.imzML", shrinking, [], {chunkBytes: 200}).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^shrinking\.ibd: imzml: read \d+ bytes where \d+ were expected \(byte 1000\)$/);
  });
});

describe("m/z values out of order", () => {
  it("are still summed by window (every value compared), and a NaN m/z value is an ImzmlError at its array", async () => {
    const spectra = [{x: 0, y: 0, mzU: [30, 10, 20, 10.5], intensity: [1, 2, 4, 8]}, {x: 1, y: 0, mzU: [5, 40], intensity: [16, 32]}];
    const {imzml, ibd} = writeImzml(spectra, {mode: "processed", width: 2, height: 1});
    const windows = [{ion: "a", lowU: 10, highU: 20}, {ion: "b", lowU: 25, highU: 45}];
    const result = await imzmlIonImages(new TextEncoder().encode(imzml), "unsorted", ibdFromBytes(ibd, "unsorted.ibd"), windows);
    expect(result.images.map((image) => Array.from(image.data))).toEqual([[14, 0], [1, 32]]);
    const bad = writeImzml([{x: 0, y: 0, mzU: [3, NaN], intensity: [1, 1]}], {mode: "processed", width: 1, height: 1});
    await expect(imzmlIonImages(new TextEncoder().encode(bad.imzml), "nan", ibdFromBytes(bad.ibd, "nan.ibd"), windows)).rejects.toThrow(/^nan\.ibd: imzml: m\/z value NaN of the spectrum at \(1, 1\) is not a finite non-negative number \(byte 16\)$/);
  });
});
