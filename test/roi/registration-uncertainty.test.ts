/**
 * Registration uncertainty measured, not assumed (issue 15 item 4): each frame's drift uncertainty comes from
 * thinning (lib/imaging/drift-sd.ts) and widens the ROI intervals. On the reference dataset and on its low-count
 * variant (`--noise 3`: a ninth of the counts), at least 95% of the (ROI, ion, frame) cells hold the truth.
 */
import {rmSync} from "node:fs";
import {dirname} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {driftLookup, driftSdLookup, registerRegions} from "@operando/lib/imaging/drift";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import {roiFrameMasks, sumSpans, type RegionGrid} from "@operando/lib/roi/aggregate";
import {roisFromGeoJson} from "@operando/lib/roi/geojson";
import {roiTrends} from "@operando/lib/roi/trend";
import {makeReferenceRun, type ReferenceRun} from "./reference-run.js";

const made: ReferenceRun[] = [];
afterAll(() => {
  for (const run of made) rmSync(dirname(run.folder), {recursive: true, force: true});
});

async function check(datasetArgs: string[]) {
  const run = await makeReferenceRun(datasetArgs);
  made.push(run);
  const stacks = stacksFromTables(run.images, run.pixels);
  const drifts = registerRegions(stacks, "total");
  const grids: RegionGrid[] = [...new Set(stacks.map((s) => s.region))].map((region) => {
    const s = stacks.find((stack) => stack.region === region)!;
    return {region, width: s.width, height: s.height, pixelWidthUm: s.pixelWidthUm, pixelHeightUm: s.pixelHeightUm, frames: s.frames};
  });
  const rois = roisFromGeoJson(run.rois, grids.map((g) => g.region));
  const truthMasks = roiFrameMasks(rois, grids, (_region, frame) => run.truth.frames[frame].driftPx);
  const coverage = (sdPx?: number) => {
    const rows = roiTrends(stacks, roiFrameMasks(rois, grids, driftLookup(drifts), new Map(), driftSdLookup(drifts, sdPx)));
    const inside = rows.filter((row) => {
      const mask = truthMasks.find((m) => m.roi === row.roi && m.frame === row.frame)!;
      const stack = stacks.find((s) => s.region === row.region && s.ion === row.ion)!;
      const truth = sumSpans(run.expected.get(`${row.region}/${row.ion}`)!, row.frame * stack.width * stack.height, mask.spans);
      return row.countsPerUm2Low * row.areaUm2 <= truth && truth <= row.countsPerUm2High * row.areaUm2;
    });
    return {share: inside.length / rows.length, cells: rows.length};
  };
  // The measured uncertainty against the true error: z = error / sdPx over both axes of every registered frame.
  const z: number[] = [];
  for (const drift of drifts) {
    for (const [frame, estimate] of drift.byFrame) {
      if (estimate.source !== "registered") continue;
      const truth = run.truth.frames[frame].driftPx;
      z.push((estimate.driftPx[0] - truth[0]) / estimate.sdPx, (estimate.driftPx[1] - truth[1]) / estimate.sdPx);
    }
  }
  const rmsZ = Math.sqrt(z.reduce((sum, v) => sum + v * v, 0) / z.length);
  return {measured: coverage(), poissonOnly: coverage(0), rmsZ, sdPx: drifts.flatMap((d) => [...d.byFrame.values()].map((e) => e.sdPx))};
}

describe("registration uncertainty measured by thinning, carried into the ROI intervals", () => {
  it("reference dataset: at least 95% of cells hold the truth; the measured sd matches the true error", async () => {
    const result = await check([]);
    console.log("reference", {...result, sdPx: undefined, maxSdPx: Math.max(...result.sdPx)});
    expect(result.measured.cells).toBe(340);
    expect(result.measured.share).toBeGreaterThanOrEqual(0.95);
    expect(result.poissonOnly.share).toBeLessThan(0.92);
    expect(result.rmsZ).toBeGreaterThan(0.6);
    expect(result.rmsZ).toBeLessThan(1.4);
  });

  it("low-count variant (--noise 3): at least 95% of cells hold the truth, with uncertainties several times larger", async () => {
    const result = await check(["--noise", "3"]);
    console.log("noise 3", {...result, sdPx: undefined, maxSdPx: Math.max(...result.sdPx)});
    expect(result.measured.share).toBeGreaterThanOrEqual(0.95);
    expect(result.rmsZ).toBeGreaterThan(0.6);
    expect(result.rmsZ).toBeLessThan(1.4);
    expect(Math.max(...result.sdPx)).toBeGreaterThan(0.2);
  });
});
