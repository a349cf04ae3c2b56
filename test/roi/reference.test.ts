/**
 * Acceptance on the reference dataset (issue 6, items 1 and 2): registration, ROI trends against the model's
 * noise-free expected counts, and the irreversible particles found by segmentation.
 */
import {spawnSync} from "node:child_process";
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {driftLookup, driftSdLookup, registerRegions, type RegionDrift} from "@operando/lib/imaging/drift";
import {classifyParticle, registeredSum, segmentRegisteredSum} from "@operando/lib/imaging/particles";
import {segmentParticles} from "@operando/lib/imaging/segment";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {roiFrameMasks, sumSpans, type RegionGrid, type RoiFrameMask} from "@operando/lib/roi/aggregate";
import {roisFromGeoJson} from "@operando/lib/roi/geojson";
import {regionGridsOf} from "@operando/lib/run/roi-trends";
import {roiCountsSql} from "@operando/lib/roi/sql";
import {roiTrends, type RoiTrendRow} from "@operando/lib/roi/trend";
import type {Roi} from "@operando/lib/roi/types";
import {duckdbWithRun} from "./duckdb-pixels.js";
import {duckdbWasmWithRun} from "./duckdb-wasm.js";
import {makeReferenceRun, type ReferenceRun} from "./reference-run.js";

let run: ReferenceRun;
let stacks: ImageStack[];
let drifts: RegionDrift[];
let grids: RegionGrid[];
let rois: Roi[];

beforeAll(async () => {
  run = await makeReferenceRun();
  stacks = stacksFromTables(run.images, run.pixels);
  drifts = registerRegions(stacks, "total");
  grids = regionGridsOf(stacks);
  rois = roisFromGeoJson(run.rois, grids.map((g) => g.region));
});

afterAll(() => {
  if (run) rmSync(dirname(run.folder), {recursive: true, force: true});
});

const trueDrift = (_region: string, frame: number): [number, number] => run.truth.frames[frame].driftPx;

/** Share of cells whose truth (expected counts under the mask moved by the TRUE drift) is inside the measured 95% interval. */
function coverage(rows: RoiTrendRow[]): {share: number; meanAbsZ: number; cells: number} {
  const truthMasks = roiFrameMasks(rois, grids, trueDrift);
  let inside = 0;
  let sumAbsZ = 0;
  for (const row of rows) {
    const mask = truthMasks.find((m) => m.roi === row.roi && m.frame === row.frame)!;
    const stack = stacks.find((s) => s.region === row.region && s.ion === row.ion)!;
    const expected = run.expected.get(`${row.region}/${row.ion}`)!;
    const truth = sumSpans(expected, row.frame * stack.width * stack.height, mask.spans);
    const [low, high] = [row.countsPerUm2Low * row.areaUm2, row.countsPerUm2High * row.areaUm2];
    if (low <= truth && truth <= high) inside++;
    sumAbsZ += Math.abs(row.counts - truth) / Math.sqrt(Math.max(truth, 1));
  }
  return {share: inside / rows.length, meanAbsZ: sumAbsZ / rows.length, cells: rows.length};
}

describe("reference dataset: registration", () => {
  it("recovers the true drift within 0.5 px on every frame of every region", () => {
    for (const drift of drifts) {
      for (const [frame, estimate] of drift.byFrame) {
        const truth = run.truth.frames[frame].driftPx;
        expect(estimate.ok).toBe(true);
        expect(Math.abs(estimate.driftPx[0] - truth[0]), `${drift.region} frame ${frame} x`).toBeLessThan(0.5);
        expect(Math.abs(estimate.driftPx[1] - truth[1]), `${drift.region} frame ${frame} y`).toBeLessThan(0.5);
      }
    }
  });
});

describe("reference dataset: ROI trends", () => {
  it("match the ground truth within their 95% intervals in at least 95% of (ROI, ion, frame) cells; without registration measurably worse", () => {
    expect(rois.map((r) => r.name)).toEqual(["region 1", "region 2", "region 3", "LLTO"]);
    const registered = roiTrends(stacks, roiFrameMasks(rois, grids, driftLookup(drifts), new Map(), driftSdLookup(drifts)));
    const unregistered = roiTrends(stacks, roiFrameMasks(rois, grids, () => [0, 0]));
    const poissonOnly = roiTrends(stacks, roiFrameMasks(rois, grids, driftLookup(drifts)));
    console.log("coverage of the Poisson-only interval after registration", coverage(poissonOnly));
    const withRegistration = coverage(registered);
    const withoutRegistration = coverage(unregistered);
    console.log("coverage with registration", withRegistration, "without", withoutRegistration);
    expect(withRegistration.cells).toBe(registered.length);
    expect(withRegistration.share).toBeGreaterThanOrEqual(0.95);
    expect(withoutRegistration.share).toBeLessThan(withRegistration.share - 0.2);
    expect(withoutRegistration.meanAbsZ).toBeGreaterThan(2 * withRegistration.meanAbsZ);
  });
});

describe("reference dataset: particles", () => {
  it("segmentation on the sub-pixel registered sum agrees with the model's particles at least as well as on the whole-pixel sum", () => {
    const lookup = driftLookup(drifts);
    for (const [region, ion] of [["positive", "58Ni+"], ["negative", "139La+"]]) {
      const stack = stacks.find((s) => s.region === region && s.ion === ion)!;
      const truth = run.particleLabels.get(region)!;
      const agreement = (labels: ArrayLike<number>) => Array.from(labels).filter((l, i) => (l > 0) === (truth[i] > 0)).length / labels.length;
      const subPixel = segmentRegisteredSum(stack, (frame) => lookup(region, frame));
      const wholePixel = segmentParticles(registeredSum(stack, (frame) => lookup(region, frame)));
      console.log(region, "particle pixels agreeing with the model: sub-pixel", agreement(subPixel.segmentation.data).toFixed(4), "whole-pixel", agreement(wholePixel.data).toFixed(4));
      expect(agreement(subPixel.segmentation.data)).toBeGreaterThanOrEqual(agreement(wholePixel.data) - 0.002);
      // (139La+ shows the LLTO particles only, not the LTO ones the truth labels too.)
      if (region === "positive") expect(agreement(subPixel.segmentation.data)).toBeGreaterThan(0.9);
      // The shift keeps every count that stays in view: the two sums differ only by what moves in and out at the edges.
      const total = (data: ArrayLike<number>) => Array.from(data).reduce((a, b) => a + b, 0);
      expect(Math.abs(total(subPixel.summed.data) - total(registeredSum(stack, (frame) => lookup(region, frame)).data)) / total(subPixel.summed.data)).toBeLessThan(0.02);
    }
  });

  it("segmentation finds as irreversible exactly the particles the model made irreversible", () => {
    const lookup = driftLookup(drifts);
    const frameOf = (label: string): number => run.truth.frames.find((f) => f.label === label)!.index;
    const frames = {pristineFrame: frameOf("pristine"), chargedFrame: frameOf("c1 charged"), dischargedFrame: frameOf("c1 discharged")};
    // Positive: NCA particles in 58Ni+ (rises on charge). Negative: LLTO particles in 139La+, judged by 48Ti+ (falls on charge).
    const plans = [
      {region: "positive", segmentIon: "58Ni+", trendIon: "58Ni+", direction: 1 as const},
      {region: "negative", segmentIon: "139La+", trendIon: "48Ti+", direction: -1 as const}
    ];
    const found = new Set<number>();
    for (const plan of plans) {
      const segmentStack = stacks.find((s) => s.region === plan.region && s.ion === plan.segmentIon)!;
      const {segmentation} = segmentRegisteredSum(segmentStack, (frame) => lookup(plan.region, frame));
      const particleRois: Roi[] = Array.from({length: segmentation.count}, (_, i) => ({kind: "particle", name: `p${i + 1}`, region: plan.region, particle: i + 1}));
      const masks: RoiFrameMask[] = roiFrameMasks(particleRois, grids, lookup, new Map([[plan.region, segmentation]]));
      const trendStack = stacks.filter((s) => s.region === plan.region && s.ion === plan.trendIon);
      const rows = roiTrends(trendStack, masks);
      const truthLabels = run.particleLabels.get(plan.region)!;
      for (let label = 1; label <= segmentation.count; label++) {
        const trend = rows.filter((r) => r.roi === `p${label}`).map((r) => ({frame: r.frame, counts: r.counts, areaUm2: r.areaUm2, registrationSdCounts: r.registrationSdCounts}));
        const result = classifyParticle(trend, {...frames, direction: plan.direction});
        // The model particle this segment covers most.
        const votes = new Map<number, number>();
        segmentation.data.forEach((l, i) => {
          if (l === label && truthLabels[i] > 0) votes.set(truthLabels[i], (votes.get(truthLabels[i]) ?? 0) + 1);
        });
        const model = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
        if (result.classification === "irreversible" && model !== undefined) found.add(model);
      }
    }
    const modelIrreversible = run.truth.particles.filter((p) => p.irreversible).map((p) => p.id).sort((a, b) => a - b);
    expect(modelIrreversible.length).toBeGreaterThan(0);
    expect([...found].sort((a, b) => a - b)).toEqual(modelIrreversible);
  });
});

describe("reference dataset: the SQL aggregate on DuckDB (node) over the loader's pixels table", () => {
  it("equals the TypeScript result exactly in every (ROI, ion, frame) cell", async () => {
    const masks = roiFrameMasks(rois, grids, driftLookup(drifts), new Map(), driftSdLookup(drifts));
    const ts = roiTrends(stacks, masks);
    const connection = await duckdbWithRun(run.images, run.pixels);
    try {
      const sqlRows = (await connection.runAndReadAll(roiCountsSql(masks))).getRowObjectsJS();
      expect(sqlRows).toHaveLength(ts.length);
      const byKey = new Map(sqlRows.map((r) => [`${r.roi}|${r.ion}|${r.frame}`, r]));
      for (const row of ts) {
        const sqlRow = byKey.get(`${row.roi}|${row.ion}|${row.frame}`)!;
        expect(Number(sqlRow.counts)).toBe(row.counts);
        expect(sqlRow.area_um2).toBe(row.areaUm2);
        expect(sqlRow.counts_per_um2).toBe(row.countsPerUm2);
        expect([sqlRow.drift_x_px, sqlRow.drift_y_px]).toEqual([row.driftXPx, row.driftYPx]);
        expect(Number(sqlRow.registration_variance)).toBeCloseTo(row.registrationSdCounts ** 2, 3);
      }
      expect(ts.reduce((sum, r) => sum + r.counts, 0)).toBeGreaterThan(1e6);
    } finally {
      connection.closeSync();
    }
  });
});

describe("reference dataset: the SQL aggregate on DuckDB-WASM 1.29 over the loader's tables as Arrow IPC", () => {
  it("equals the TypeScript result exactly in every (ROI, ion, frame) cell", async () => {
    const masks = roiFrameMasks(rois, grids, driftLookup(drifts), new Map(), driftSdLookup(drifts));
    const ts = roiTrends(stacks, masks);
    const connection = await duckdbWasmWithRun({images: run.images, pixels: run.pixels});
    const sqlRows = connection.query(roiCountsSql(masks)).toArray().map((r) => r.toJSON());
    connection.close();
    expect(sqlRows).toHaveLength(ts.length);
    const byKey = new Map(sqlRows.map((r) => [`${r.roi}|${r.ion}|${r.frame}`, r]));
    for (const row of ts) {
      const sqlRow = byKey.get(`${row.roi}|${row.ion}|${row.frame}`)!;
      expect(Number(sqlRow.counts)).toBe(row.counts);
      expect(sqlRow.area_um2).toBe(row.areaUm2);
      expect(Number(sqlRow.registration_variance)).toBeCloseTo(row.registrationSdCounts ** 2, 3);
    }
  });
});

describe("reference dataset: npm run roi (bin/roi.ts)", () => {
  const roiCli = (...args: string[]) => spawnSync("npx", ["tsx", "bin/roi.ts", ...args], {cwd: new URL("../../", import.meta.url).pathname, encoding: "utf8"});

  it("writes the ROI trend table as CSV with the same numbers as the library, and as Parquet", async () => {
    const out = join(run.folder, "..", "trends.csv");
    const result = roiCli(run.folder, join(run.folder, "rois.geojson"), out);
    expect(result.status, result.stderr).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("roi,region,ion,frame,counts,area_um2,counts_per_um2,counts_per_um2_low,counts_per_um2_high,drift_x_px,drift_y_px,drift_sd_px,registration_sd_counts");
    const ts = roiTrends(stacks, roiFrameMasks(rois, grids, driftLookup(drifts), new Map(), driftSdLookup(drifts)));
    expect(lines).toHaveLength(ts.length + 1);
    ts.forEach((row, i) => {
      const fields = lines[i + 1].split(",");
      expect(fields.slice(0, 5)).toEqual([row.roi, row.region, row.ion, String(row.frame), String(row.counts)]);
      expect(fields.slice(5).map(Number)).toEqual([row.areaUm2, row.countsPerUm2, row.countsPerUm2Low, row.countsPerUm2High, row.driftXPx, row.driftYPx, row.driftSdPx, row.registrationSdCounts]);
    });

    const parquet = join(run.folder, "..", "trends.parquet");
    expect(roiCli(run.folder, join(run.folder, "rois.geojson"), parquet).status).toBe(0);
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll(`SELECT * FROM '${parquet}' ORDER BY roi, ion, frame`)).getRowObjectsJS();
    connection.closeSync();
    expect(rows).toHaveLength(ts.length);
    const first = ts.find((r) => r.roi === rows[0].roi && r.ion === rows[0].ion && r.frame === rows[0].frame)!;
    expect(Number(rows[0].counts)).toBe(first.counts);
    expect(rows[0].counts_per_um2_high).toBe(first.countsPerUm2High);
  });

  it("fails with one line naming the file and exit code 1, writing nothing", () => {
    const bad = join(run.folder, "..", "bad.geojson");
    writeFileSync(bad, JSON.stringify({type: "FeatureCollection", features: [{type: "Feature", properties: {name: "a", region: "middle"},
      geometry: {type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}));
    const out = join(run.folder, "..", "never.csv");
    const result = roiCli(run.folder, bad, out);
    expect(result.status).toBe(1);
    const errorLines = result.stderr.split("\n").filter((l) => l.startsWith("error:"));
    expect(errorLines).toEqual([`error: ${bad}: ROI file: feature 0 ("a"): region "middle" is not one of positive, negative`]);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(run.folder, "..")).some((f) => f.includes("partial"))).toBe(false);
    const wrongExtension = roiCli(run.folder, join(run.folder, "rois.geojson"), join(run.folder, "..", "out.txt"));
    expect(wrongExtension.status).toBe(1);
    expect(wrongExtension.stderr).toMatch(/error: .*out\.txt: output must end in \.csv or \.parquet/);
  });
});
