import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {DuckDBConnection} from "@duckdb/node-api";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import {roiFrameMasks, type RegionGrid} from "@operando/lib/roi/aggregate";
import {roiCountsQuery, roiCountsSql} from "@operando/lib/roi/sql";
import {roiMaskTables} from "@operando/lib/roi/mask-tables";
import {roiTrends, trendRow} from "@operando/lib/roi/trend";
import type {Roi} from "@operando/lib/roi/types";
import {duckdbWithRun} from "./duckdb-pixels.js";
import {duckdbWasmWithRun} from "./duckdb-wasm.js";
import {key, syntheticRun} from "./synthetic-run.js";

const run = syntheticRun({seed: 9, width: 60, height: 40, driftPx: [[0, 0], [1.4, -0.6], [2.7, 1.2], [3, 3]], emptyLastFrame: true});
const stacks = stacksFromTables(run.images, run.pixels);
const grids: RegionGrid[] = ["positive", "negative"].map((region) => ({region, width: 60, height: 40, pixelWidthUm: 0.5, pixelHeightUm: 0.5, frames: [0, 1, 2, 3]}));
const labels = new Int32Array(60 * 40);
for (let y = 10; y < 14; y++) for (let x = 20; x < 26; x++) labels[y * 60 + x] = 5;
const rois: Roi[] = [
  {kind: "polygon", name: "triangle", region: "positive", polygons: [[[[3, 3], [20, 5], [8, 15]]]]},
  {kind: "rectangle", name: "box", region: "negative", xUm: 10.2, yUm: 4.9, widthUm: 7.3, heightUm: 6.1},
  {kind: "particle", name: "particle 5", region: "positive", particle: 5},
  {kind: "rectangle", name: "outside", region: "positive", xUm: 40, yUm: 0, widthUm: 5, heightUm: 5},
  {kind: "polygon", name: "sliver", region: "negative", polygons: [[[[5, 5.1], [9, 5.1], [9, 5.15], [5, 5.15]]]]}
];
const drift = (_region: string, frame: number): [number, number] => run.driftPx[frame];
const driftSd = (_region: string, frame: number): number => (frame === 0 ? 0 : 0.1);
const masks = roiFrameMasks(rois, grids, drift, new Map([["positive", {data: labels, width: 60, height: 40}]]), driftSd);
const rows = roiTrends(stacks, masks);

/** Brute force: every pixel, centre moved back by the drift, tested against the shape in um. */
function bruteForce(roi: Roi, region: string, ion: string, frame: number): {counts: number; pixels: number} {
  const image = run.counts.get(key(region, ion, frame))!;
  const [dx, dy] = run.driftPx[frame];
  let counts = 0;
  let pixels = 0;
  for (let y = 0; y < 40; y++) {
    for (let x = 0; x < 60; x++) {
      const [cx, cy] = [(x + 0.5 - dx) * 0.5, (y + 0.5 - dy) * 0.5];
      let inside = false;
      if (roi.kind === "rectangle") inside = cx >= roi.xUm && cx < roi.xUm + roi.widthUm && cy >= roi.yUm && cy < roi.yUm + roi.heightUm;
      else if (roi.kind === "particle") inside = labels[Math.floor(y + 0.5 - dy) * 60 + Math.floor(x + 0.5 - dx)] === 5;
      else {
        const ring = roi.polygons[0][0];
        for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
          const [xi, yi] = ring[k];
          const [xj, yj] = ring[j];
          if (yi > cy !== yj > cy && cx < ((xj - xi) * (cy - yi)) / (yj - yi) + xi) inside = !inside;
        }
      }
      if (inside) {
        counts += image[y * 60 + x];
        pixels++;
      }
    }
  }
  return {counts, pixels};
}

describe("roiTrends", () => {
  it("builds dense stacks from the Arrow tables that hold the same counts", () => {
    expect(stacks.map((s) => `${s.region}/${s.ion}`)).toEqual(["positive/58Ni+", "positive/total", "negative/58Ni+", "negative/total"]);
    for (const stack of stacks) {
      stack.frames.forEach((frame, slot) => {
        const expected = run.counts.get(key(stack.region, stack.ion, frame))!;
        expect(Array.from(stack.data.subarray(slot * 2400, (slot + 1) * 2400))).toEqual(Array.from(expected));
      });
    }
  });

  it("sums the counts of the pixels whose centres are inside the ROI moved by each frame's drift", () => {
    expect(rows).toHaveLength(5 * 2 * 4);
    for (const row of rows) {
      const roi = rois.find((r) => r.name === row.roi)!;
      const truth = bruteForce(roi, row.region, row.ion, row.frame);
      expect(row.counts).toBe(truth.counts);
      expect(row.areaUm2).toBeCloseTo(truth.pixels * 0.25, 12);
      expect([row.driftXPx, row.driftYPx]).toEqual(run.driftPx[row.frame]);
    }
  });

  it("gives counts per um2 with the exact Poisson interval divided by the area when the drift is exact", () => {
    const row = rows.find((r) => r.roi === "triangle" && r.ion === "total" && r.frame === 0)!;
    expect(row.registrationSdCounts).toBe(0);
    expect(row.counts).toBeGreaterThan(100);
    expect(row.countsPerUm2).toBeCloseTo(row.counts / row.areaUm2, 12);
    expect(row.countsPerUm2Low).toBeLessThan(row.countsPerUm2);
    expect(row.countsPerUm2High).toBeGreaterThan(row.countsPerUm2);
    expect((row.countsPerUm2High - row.countsPerUm2Low) * row.areaUm2).toBeCloseTo(3.92 * Math.sqrt(row.counts), -1);
  });

  it("widens the interval of a registered frame by the registration term, and only there", () => {
    const registered = rows.filter((r) => r.frame > 0 && r.areaUm2 > 0 && r.counts > 0);
    expect(registered.every((r) => r.registrationSdCounts > 0)).toBe(true);
    for (const row of registered) {
      const mask = masks.find((m) => m.roi === row.roi && m.frame === row.frame)!;
      const poissonOnly = trendRow(mask, row.ion, row.counts, 0);
      expect(row.countsPerUm2High).toBeGreaterThan(poissonOnly.countsPerUm2High);
      expect(row.countsPerUm2Low).toBeLessThanOrEqual(poissonOnly.countsPerUm2Low);
    }
  });

  it("answers an ROI outside the image and an ROI too thin to hold a pixel centre with 0 counts, 0 area and NaN rates", () => {
    for (const name of ["outside", "sliver"]) {
      const empty = rows.filter((r) => r.roi === name);
      expect(empty).toHaveLength(8);
      for (const row of empty) {
        expect(row.counts).toBe(0);
        expect(row.areaUm2).toBe(0);
        expect(row.countsPerUm2).toBeNaN();
        expect(row.countsPerUm2Low).toBeNaN();
        expect(row.countsPerUm2High).toBeNaN();
      }
    }
  });

  it("answers a frame with no counts with 0 and the interval [0, 3.689 / area]", () => {
    const row = rows.find((r) => r.roi === "box" && r.ion === "58Ni+" && r.frame === 3)!;
    expect(row.counts).toBe(0);
    expect(row.areaUm2).toBeGreaterThan(0);
    expect(row.countsPerUm2).toBe(0);
    expect(row.countsPerUm2Low).toBe(0);
    expect(row.countsPerUm2High * row.areaUm2).toBeCloseTo(3.689, 3);
  });

  it("refuses an ROI whose region has no images, and a particle ROI without a label map", () => {
    expect(() => roiFrameMasks([{...rois[0], region: "middle"}], grids, drift)).toThrow(/region "middle" has no images/);
    expect(() => roiFrameMasks([rois[2]], grids, drift)).toThrow(/no particle label map/);
  });
});

describe("roiCountsSql on DuckDB (node)", () => {
  let connection: DuckDBConnection;
  beforeAll(async () => {
    connection = await duckdbWithRun(run.images, run.pixels);
  });
  afterAll(() => connection?.closeSync());

  it("gives exactly the TypeScript counts, areas and rates for every (ROI, ion, frame) cell", async () => {
    const reader = await connection.runAndReadAll(roiCountsSql(masks, {run: "synthetic"}));
    const sqlRows = reader.getRowObjectsJS();
    const sortKey = (r: {roi: string; ion: string; frame: number}) => `${rois.findIndex((x) => x.name === r.roi)}|${r.ion}|${r.frame}`;
    const ts = [...rows].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    expect(sqlRows).toHaveLength(ts.length);
    sqlRows.forEach((sqlRow, i) => {
      const row = ts[i];
      expect([sqlRow.roi, sqlRow.region, sqlRow.ion, sqlRow.frame]).toEqual([row.roi, row.region, row.ion, row.frame]);
      expect(Number(sqlRow.counts)).toBe(row.counts);
      expect(sqlRow.area_um2).toBe(row.areaUm2);
      expect(sqlRow.counts_per_um2 ?? NaN).toEqual(row.countsPerUm2);
      expect([sqlRow.drift_x_px, sqlRow.drift_y_px]).toEqual([row.driftXPx, row.driftYPx]);
      expect(sqlRow.registration_variance).toBeCloseTo(row.registrationSdCounts ** 2, 6);
      const mask = masks.find((m) => m.roi === row.roi && m.frame === row.frame)!;
      const fromSql = trendRow(mask, String(sqlRow.ion), Number(sqlRow.counts), Number(sqlRow.registration_variance));
      if (row.areaUm2 === 0) {
        expect([fromSql.countsPerUm2Low, fromSql.countsPerUm2High]).toEqual([NaN, NaN]);
      } else {
        expect(fromSql.countsPerUm2Low).toBeCloseTo(row.countsPerUm2Low, 9);
        expect(fromSql.countsPerUm2High).toBeCloseTo(row.countsPerUm2High, 9);
      }
    });
  });

  it("builds valid SQL for no masks at all", async () => {
    const reader = await connection.runAndReadAll(roiCountsSql([]));
    expect(reader.getRowObjectsJS()).toEqual([]);
  });
});

describe("roiCountsSql on DuckDB-WASM 1.29 (the page's engine, tables inserted as Arrow IPC streams)", () => {
  it("gives exactly the TypeScript counts, areas and registration terms", async () => {
    const connection = await duckdbWasmWithRun({images: run.images, pixels: run.pixels});
    const sqlRows = connection.query(roiCountsSql(masks)).toArray().map((r) => r.toJSON());
    connection.close();
    expect(sqlRows).toHaveLength(rows.length);
    const byKey = new Map(sqlRows.map((r) => [`${r.roi}|${r.ion}|${r.frame}`, r]));
    for (const row of rows) {
      const sqlRow = byKey.get(`${row.roi}|${row.ion}|${row.frame}`)!;
      expect(Number(sqlRow.counts)).toBe(row.counts);
      expect(sqlRow.area_um2).toBe(row.areaUm2);
      expect(sqlRow.counts_per_um2 ?? NaN).toEqual(row.countsPerUm2);
      expect(Number(sqlRow.registration_variance)).toBeCloseTo(row.registrationSdCounts ** 2, 6);
    }
  });

  it("gives the same rows from the short fixed query over the masks as named tables (what a page shows)", async () => {
    const query = roiCountsQuery();
    expect(query).not.toMatch(/\d{4,}/); // no inlined numbers
    expect(query.length).toBeLessThan(3000);
    const inlined = await duckdbWasmWithRun({images: run.images, pixels: run.pixels});
    const expected = inlined.query(roiCountsSql(masks)).toArray().map((r) => r.toJSON());
    inlined.close();
    const named = await duckdbWasmWithRun({images: run.images, pixels: run.pixels, ...roiMaskTables(masks)});
    expect(named.query(query).toArray().map((r) => r.toJSON())).toEqual(expected);
    named.close();
  });
});
