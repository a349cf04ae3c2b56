import {describe, expect, it} from "vitest";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import {loadRun} from "@operando/loaders/sims/run";
import {readAsciiImage} from "@operando/loaders/sims/read-ascii";
import {makeRun} from "../sims/helpers.js";

describe("stacksFromTables on the loader's tables", () => {
  it("rebuilds every image of the run, for ions measured in one region only too", async () => {
    const run = makeRun();
    const {images, pixels} = await loadRun(run.manifest, run.readFile);
    const stacks = stacksFromTables(images, pixels);
    expect(stacks.map((s) => `${s.region}/${s.ion}`).sort()).toEqual(["negative/6Li+", "negative/total", "positive/58Ni+", "positive/6Li+", "positive/total"]);
    for (const image of images.toArray()) {
      const file = readAsciiImage(run.files.get(image.source_file)!, image.source_file);
      const stack = stacks.find((s) => s.region === image.region && s.ion === image.ion)!;
      const slot = stack.frames.indexOf(image.frame);
      const size = stack.width * stack.height;
      expect([stack.width, stack.height]).toEqual([file.width, file.height]);
      expect(Array.from(stack.data.subarray(slot * size, (slot + 1) * size))).toEqual(Array.from(file.data));
    }
  });

  it("refuses pixels of a region_id that no image has", async () => {
    const run = makeRun({frames: 1});
    const {images, pixels} = await loadRun(run.manifest, run.readFile);
    // images are sorted by region: slicing off the first rows drops the negative region (region_id 0).
    const negativeRows = images.toArray().filter((r) => r.region === "negative").length;
    expect(() => stacksFromTables(images.slice(negativeRows), pixels)).toThrow(/pixels: row 0 \(region_id 0\/6Li\+ frame 0\) has no image in the images table/);
  });
});
