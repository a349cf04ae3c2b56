import {gunzipSync, gzipSync} from "node:zlib";
import {tableFromIPC} from "apache-arrow";
import {beforeAll, describe, expect, it} from "vitest";
import {particleBackground} from "@operando/lib/imaging/particle-background";
import {segmentRegisteredSum} from "@operando/lib/imaging/particles";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {backgroundFromTable, segmentationFromTable, segmentationTables} from "@operando/lib/imaging/segmentation-file";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import {tableToArrowStream} from "@operando/loaders/table-output";
import {makeReferenceRun, type ReferenceRun} from "../roi/reference-run.js";

let run: ReferenceRun;
let stack: ImageStack;

beforeAll(async () => {
  run = await makeReferenceRun();
  stack = stacksFromTables(run.images, run.pixels).find((s) => s.region === "positive" && s.ion === "58Ni+")!;
});

describe("a region's segmentation as the build writes it", () => {
  it("keeps every label, the registered sum (as float32), its particle-map grey image, the particle count and the pixel size through gzip of Arrow IPC, in three files", () => {
    const {summed, segmentation} = segmentRegisteredSum(stack, () => [0.4, -0.3]);
    expect(segmentation.count).toBeGreaterThan(5);
    const written = {region: stack.region, ion: stack.ion, pixelWidthUm: stack.pixelWidthUm, pixelHeightUm: stack.pixelHeightUm, summed, segmentation};
    const tables = segmentationTables(written);
    const throughFile = (table: typeof tables.labels) => tableFromIPC(gunzipSync(gzipSync(tableToArrowStream(table))));
    const labels = segmentationFromTable(throughFile(tables.labels), "segmentation-0.arrow.gz");
    const back = backgroundFromTable(throughFile(tables.background), labels, "particle-background-0.arrow.gz");
    expect({...back, background: undefined, segmentation: {...back.segmentation, data: undefined}}).toEqual({...written, summed: undefined, segmentation: {...segmentation, data: undefined}});
    expect(back.segmentation.data).toBeInstanceOf(Int32Array);
    expect(back.segmentation.data.every((label, i) => label === segmentation.data[i])).toBe(true);
    expect(back.background).toEqual(particleBackground(summed, segmentation));
    // The sum is stored as float32: each value rounded to the nearest float32, to a few parts in 10^8.
    const storedSum = throughFile(tables.summed).getChild("summed")!.toArray();
    expect(storedSum).toBeInstanceOf(Float32Array);
    expect(storedSum.every((value: number, i: number) => value === Math.fround(summed.data[i]))).toBe(true);
    expect(summed.data.some((value) => value !== Math.round(value))).toBe(true);
    // Each file holds one column: a page that draws only outlines fetches the labels, the map their grey image too.
    expect([tables.labels, tables.summed, tables.background].map((t) => t.schema.fields.map((f) => f.name))).toEqual([["label"], ["summed"], ["grey"]]);
    expect(() => backgroundFromTable(throughFile(tables.background), {...labels, ion: "6Li+"}, "particle-background-0.arrow.gz"))
      .toThrow(`particle-background-0.arrow.gz: the background of 58Ni+ in "positive" (${segmentation.width} x ${segmentation.height}), not of the segmentation's 6Li+ in "positive"`);
    expect(() => backgroundFromTable(throughFile(tables.summed), labels, "registered-sum-0.arrow.gz")).toThrow('registered-sum-0.arrow.gz: not a particle-background table (no "operando.particle-background" metadata)');
  });

  it("names the file when a table is not a segmentation", () => {
    expect(() => segmentationFromTable(run.images, "images.arrow")).toThrow('images.arrow: not a segmentation table (no "operando.segmentation" metadata)');
  });
});
