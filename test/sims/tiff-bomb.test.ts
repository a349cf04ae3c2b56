// A decompression bomb: a deflate TIFF of about 65 KB that declares 8192 x 8192 pixels (64 MB decoded).
import {describe, expect, it} from "vitest";
import {readTiffImages} from "@operando/loaders/sims/read-tiff";
import {TiffImageError} from "@operando/loaders/sims/errors";
import {loadRun, RunProblemsError} from "@operando/loaders/sims/run";
import {makeRun} from "./helpers.js";
import {encodeTiff} from "./tiff-encoder.js";

function tiffBomb(side = 8192): Uint8Array {
  return encodeTiff([{data: new Uint8Array(side * side), width: side, height: side}], {kind: "uint8", deflate: true});
}

describe("TIFF sizes are bounded before decoding", () => {
  const bomb = tiffBomb();

  it("the bomb is small on disk and large decoded", () => {
    expect(bomb.length).toBeLessThan(70_000);
  });

  it("refuses more pixels than the default bound, naming the file and the declared size", () => {
    expect(() => readTiffImages(bomb, "bomb.tif")).toThrow(TiffImageError);
    expect(() => readTiffImages(bomb, "bomb.tif")).toThrow(/^bomb\.tif: tiff: declares 8192 x 8192 pixels \(67108864 values\), more than the reader's default bound \(16777216 pixels\) allows; not decoded$/);
  });

  it("takes the caller's bound, for every page together", () => {
    const page = {data: new Uint8Array(100 * 100).fill(7), width: 100, height: 100};
    const stack = encodeTiff([page, page, page], {kind: "uint8", deflate: true});
    expect(readTiffImages(stack, "stack.tif", {maxPixels: 30_000})).toHaveLength(3);
    expect(() => readTiffImages(stack, "stack.tif", {maxPixels: 29_999, maxPixelsSource: "--max-pixels 29999"}))
      .toThrow("stack.tif: tiff: declares 100 x 100 pixels in 3 pages (30000 values), more than --max-pixels 29999 allows; not decoded");
  });

  it("in a run, the manifest's region size is the bound", async () => {
    const run = makeRun();
    run.files.set("sims/positive/f01/6Li+.txt", bomb);
    const error = await loadRun(run.manifest, run.readFile).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RunProblemsError);
    const problems = (error as RunProblemsError).problems;
    expect(problems.map((p) => p.message)).toEqual([
      'sims/positive/f01/6Li+.txt: tiff: declares 8192 x 8192 pixels (67108864 values), more than the manifest\'s region "positive" (one page of 16 x 6 pixels) allows; not decoded'
    ]);
  });
});
