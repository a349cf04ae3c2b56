// One file per (region, ion) stack, as the build writes them and the pages read them; and the pixels table the
// pages' SQL runs on, rebuilt from the stacks a page loaded.
import {tableFromIPC, tableToIPC} from "apache-arrow";
import {gunzipSync, gzipSync} from "node:zlib";
import {beforeAll, describe, expect, it} from "vitest";
import {driftLookup, registerRegions} from "@operando/lib/imaging/drift";
import {stacksFromTables, stringColumnKeys} from "@operando/lib/imaging/stack";
import {joinStackFrames, pixelsTableOfStacks, stackByFrame, stackCountsTable, stackFromCountsTable} from "@operando/lib/imaging/stack-file";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {roiFrameMasks} from "@operando/lib/roi/aggregate";
import {roisFromGeoJson} from "@operando/lib/roi/geojson";
import {roiCountsSql} from "@operando/lib/roi/sql";
import {tableToArrowStream} from "@operando/loaders/table-output";
import {duckdbWasmWithRun} from "../roi/duckdb-wasm.js";
import {makeReferenceRun, type ReferenceRun} from "../roi/reference-run.js";

// Index of the first count that differs (-1 if none, the shorter length if one ends first). Element-wise deep
// equality of million-element arrays took tens of seconds under load, long enough to starve vitest's worker RPC.
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

let run: ReferenceRun;
let stacks: ImageStack[];

beforeAll(async () => {
  run = await makeReferenceRun();
  stacks = stacksFromTables(run.images, run.pixels);
});

describe("a stack's own table", () => {
  it("keeps every count, the frames and the geometry through gzip of Arrow IPC (as the build writes it), and names the file when it is not a stack", () => {
    for (const stack of stacks) {
      const bytes = gzipSync(tableToArrowStream(stackCountsTable(stack)));
      const back = stackFromCountsTable(tableFromIPC(gunzipSync(bytes)), "x.arrow.gz");
      expect({...back, data: undefined}).toEqual({...stack, data: undefined});
      expect(back.data.constructor).toBe(stack.data.constructor);
      expect(firstDifference(back.data, stack.data)).toBe(-1);
      // Compact: fewer bytes than the raw uint16 counts.
      expect(bytes.length / stack.data.length).toBeLessThan(2);
    }
    expect(() => stackFromCountsTable(run.images, "images.arrow")).toThrow('images.arrow: not an image stack table (no "operando.stack" metadata)');
  });
});

describe("a stack written frame by frame", () => {
  it("joins back into the same stack from its frames in any order, through the build's files, and to the stack of any subset of its frames", () => {
    for (const stack of stacks) {
      const files = stackByFrame(stack).map((part, k) => stackFromCountsTable(tableFromIPC(gunzipSync(gzipSync(tableToArrowStream(stackCountsTable(part))))), `${k}.arrow.gz`));
      expect(files.map((part) => part.frames)).toEqual(stack.frames.map((frame) => [frame]));
      const joined = joinStackFrames([...files].reverse());
      expect({...joined, data: undefined}).toEqual({...stack, data: undefined});
      expect(joined.data.constructor).toBe(stack.data.constructor);
      expect(firstDifference(joined.data, stack.data)).toBe(-1);
      const last = stack.frames.length - 1;
      const subset = joinStackFrames([files[last], files[0]]);
      expect(subset.frames).toEqual([stack.frames[0], stack.frames[last]]);
      const size = stack.width * stack.height;
      expect(firstDifference(subset.data.subarray(size), stack.data.subarray(last * size))).toBe(-1);
    }
  });

  it("refuses frames of another stack and a frame given twice, naming them", () => {
    const [a, b] = [stacks[0], stacks.find((s) => s.ion !== stacks[0].ion)!];
    expect(() => joinStackFrames([...stackByFrame(a).slice(0, 1), ...stackByFrame(b).slice(0, 1)])).toThrow(`are of ${b.ion} in "${b.region}"`);
    expect(() => joinStackFrames([stackByFrame(a)[0], stackByFrame(a)[0]])).toThrow(`frame ${a.frames[0]} of ${a.ion} in "${a.region}" is given twice`);
  });
});

describe("the pixels table of the stacks a page loaded", () => {
  it("gives the same stacks back, and the same ROI sums in DuckDB-WASM as the run's own pixels table", async () => {
    const region = "positive";
    const loaded = stacks.filter((s) => s.region === region);
    const {keys, names} = stringColumnKeys(run.images.getChild("region")!);
    const ids = run.images.getChild("region_id")!.toArray() as ArrayLike<number>;
    const regionIds = new Map(Array.from(keys, (k, i) => [names[k], Number(ids[i])]));
    const pixels = pixelsTableOfStacks(loaded, regionIds);
    const images = run.images;
    const again = stacksFromTables(images, pixels).filter((s) => s.region === region);
    for (const stack of loaded) expect(firstDifference(again.find((s) => s.ion === stack.ion)!.data, stack.data)).toBe(-1);

    const drifts = registerRegions(stacks, "total");
    const grids = [{region, width: loaded[0].width, height: loaded[0].height, pixelWidthUm: loaded[0].pixelWidthUm, pixelHeightUm: loaded[0].pixelHeightUm, frames: loaded[0].frames}];
    const rois = roisFromGeoJson(run.rois, ["positive", "negative"]).filter((r) => r.region === region);
    const masks = roiFrameMasks(rois, grids, driftLookup(drifts));
    const sql = roiCountsSql(masks, {pixelsTable: "pixels", imagesTable: "images"});
    const rowsOf = async (pixelsTable: typeof pixels) => {
      const connection = await duckdbWasmWithRun({pixels: tableFromIPC(tableToIPC(pixelsTable, "stream")), images});
      const rows = connection.query(sql).toArray().map((r) => r.toJSON()).map((r) => `${r.roi}|${r.ion}|${r.frame}|${r.counts}`).sort();
      connection.close();
      return rows;
    };
    const fromStacks = await rowsOf(pixels);
    expect(fromStacks.length).toBe(rois.length * loaded.length * loaded[0].frames.length);
    expect(fromStacks).toEqual(await rowsOf(run.pixels));
  });
});
