import {describe, expect, it} from "vitest";
import {tableFromArrays} from "apache-arrow";
import type {FrameDrift} from "@operando/lib/imaging/drift";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {largestSureDriftUm, registrationRows} from "@operando/lib/run/registration-table";
import {ionOrder, pointTitle} from "@operando/lib/run/series-labels";
import {colorLimitRows, cycleColumns, gridParts, seriesPercentiles, supportingSeries} from "@operando/lib/run/supporting-series";
import {framesTable, smallTimeline} from "./small-run.js";

describe("series labels", () => {
  it("titles a point by its number on the curve and its observation name without the cycle prefix", () => {
    expect(pointTitle({number: 12, cycle: 2, name: "cycle 2: charging 3"})).toEqual(["point 12", "charging 3"]);
    expect(pointTitle({number: 1, cycle: 1, name: "pristine"})).toEqual(["point 1", "pristine"]);
  });

  it("orders ions as the manifest lists them, unknown ones after, the total-ion image last", () => {
    expect(ionOrder(["total", "58Ni+", "zz+", "6Li+", "58Ni+", "aa+"], ["6Li+", "7Li+", "58Ni+", "total"])).toEqual(["6Li+", "58Ni+", "aa+", "zz+", "total"]);
  });
});

describe("gridParts", () => {
  it("cuts a cycle's grid into parts of at most n rows, every row once and in order", () => {
    const grid = {cycle: 2, numbers: [10, 11, 12, 13, 14, 15, 16], frames: [9, 10, 11, 12, 13, 14, 15], rowTitles: [10, 11, 12, 13, 14, 15, 16].map((n) => [`point ${n}`])};
    const parts = gridParts(grid, 3);
    expect(parts.map((p) => p.frames)).toEqual([[9, 10, 11], [12, 13, 14], [15]]);
    expect(parts.every((p) => p.cycle === 2 && p.numbers.length === p.frames.length && p.rowTitles.length === p.frames.length)).toBe(true);
    expect(parts.flatMap((p) => p.rowTitles)).toEqual(grid.rowTitles);
    expect(gridParts({...grid, numbers: [], frames: [], rowTitles: []}, 3)).toEqual([]);
  });
});

// Two regions of 4 x 2 pixels (0.5 µm; "negative" 0.25 µm high), three frames of the record's one cycle.
const manifest = {run: "r", regions: [{id: "positive", label: "Positive electrode", fieldOfViewUm: [2, 1] as [number, number], pixels: [4, 2] as [number, number]},
  {id: "negative", fieldOfViewUm: [2, 0.5] as [number, number], pixels: [4, 2] as [number, number]}], ions: [{id: "6Li+"}, {id: "58Ni+"}], frames: []};
const timeline = smallTimeline(manifest, framesTable(["positive", "negative"].flatMap((region) =>
  [{region, frame: 1, fromS: 20, toS: 60}, {region, frame: 2, fromS: 500, toS: 560}, {region, frame: 3, fromS: 1200, toS: 1260}])));
const images = tableFromArrays({region: ["positive", "negative"], width: Int32Array.from([4, 4]), height: Int32Array.from([2, 2]),
  pixel_width_um: Float64Array.from([0.5, 0.5]), pixel_height_um: Float64Array.from([0.5, 0.25])});
// Counts 0..9 of 58Ni+ and 0..1 of 6Li+ in "positive"; only 58Ni+ in "negative".
const histogram = (region: string, ion: string, top: number, binFactor = 1) => ({region, ion, binFactor, values: Array.from({length: top + 1}, (_, v) => v), pixels: new Array(top + 1).fill(10)});
const histograms = [histogram("positive", "58Ni+", 9), histogram("positive", "6Li+", 1), histogram("negative", "58Ni+", 9), histogram("positive", "58Ni+", 36, 2)];

describe("supportingSeries", () => {
  const series = supportingSeries(timeline, images, histograms, {binFactor: 1, colorType: "linear", percentiles: [0, 100]});

  it("lays out every region under its name, its ions in the manifest's order, one grid per cycle before any image", () => {
    expect(series.map((s) => [s.region, s.label, s.ions])).toEqual([["positive", "Positive electrode", ["6Li+", "58Ni+"]], ["negative", "negative", ["58Ni+"]]]);
    expect(series[0].cycles.map((c) => [c.cycle, c.numbers, c.frames])).toEqual([[1, [1, 2, 3], [1, 2, 3]]]);
    expect(series[0].cycles[0].rowTitles[0]).toEqual(["point 1", "pristine"]);
  });

  it("gives each ion one colour domain over all its frames, from the build's histogram", () => {
    expect(series[0].domains.get("58Ni+")).toEqual([0, 9]);
    expect(series[0].domains.get("6Li+")).toEqual([0, 1]);
  });

  it("keeps the field's width and aspect for the scale bar and the placeholders, and the binned pixel size", () => {
    expect([series[1].fieldWidthUm, series[1].imageAspect, series[1].unit]).toEqual([2, 0.25, "counts per pixel"]);
    const binned = supportingSeries(timeline, images, histograms, {binFactor: 2, colorType: "linear", percentiles: [0, 100]})[0];
    expect([binned.ions, binned.pixelSizeUm, binned.unit, binned.domains.get("58Ni+")]).toEqual([["58Ni+"], [1, 1], "counts per 2×2 px", [0, 36]]);
  });

  it("tabulates each ion's colour limits and starts a log scale at the 5th percentile", () => {
    expect(colorLimitRows(series)).toContainEqual({region: "negative", ion: "58Ni+", low: 0, high: 9});
    expect([seriesPercentiles("log", 99), seriesPercentiles("linear", 99.5)]).toEqual([[5, 99], [1, 99.5]]);
  });

  it("fills a cycle's grid from the stacks, a frame no stack has left empty", () => {
    const stack: ImageStack = {run: "r", region: "positive", ion: "58Ni+", width: 4, height: 2, pixelWidthUm: 0.5, pixelHeightUm: 0.5, frames: [1], data: Uint16Array.from([1, 2, 3, 4, 5, 6, 7, 8])};
    const columns = cycleColumns(series[0], series[0].cycles[0], [stack]);
    expect(columns.map((c) => [c.title, c.quantity, c.images.map((image) => image && Array.from(image.data))])).toEqual([
      ["6Li+", "counts per pixel", [null, null, null]], ["58Ni+", "counts per pixel", [[1, 2, 3, 4, 5, 6, 7, 8], null, null]]]);
  });
});

describe("registrationRows", () => {
  const drift = (driftPx: [number, number], reliable: boolean): FrameDrift => ({driftPx, sdPx: 0.05, ok: true, peakNcc: 0.9, atSearchBound: false, poorMatch: !reliable,
    reliable, reason: reliable ? "matched" : "poor match", source: "registered"});
  const analysis = {...timeline, drifts: [{region: "negative", ion: "total", referenceFrame: 1, byFrame: new Map([[1, drift([0, 0], true)], [2, drift([2, 4], true)], [3, drift([40, 0], false)]])}]};
  const rows = registrationRows(analysis, images);

  it("gives every frame's drift in px and in µm of its region's pixels, and whether the registration is sure of it", () => {
    expect(rows[1]).toEqual({region: "negative", frame: 2, "dx (px)": 2, "dy (px)": 4, "dx (µm)": 1, "dy (µm)": 1, "sd (px)": 0.05, "match (NCC)": 0.9, source: "registered", sure: "yes"});
    expect(rows[2].sure).toBe("poor match");
  });

  it("finds the largest drift of the frames it is sure of", () => {
    expect(largestSureDriftUm(rows)).toBeCloseTo(Math.SQRT2, 12);
    expect(largestSureDriftUm([])).toBe(0);
  });
});
