// What Figures 2, 3 and 4 show, on the reference dataset generated from the raw files up (the dataset command, our
// loaders): the frames of their columns and trends are the model's own, the page's check of the build's trend
// finds a changed cell, and the changes on charge go the way the model made them.
import {readFileSync, rmSync} from "node:fs";
import {dirname, join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import {joinStackFrames} from "@operando/lib/imaging/stack-file";
import {frameRaster} from "@operando/lib/imaging/raster";
import {analyseRun, runObservations, type RunAnalysis} from "@operando/lib/run/analysis";
import {runRoiTrends} from "@operando/lib/run/roi-trends";
import type {RoiTrendRow} from "@operando/lib/roi/trend";
import {checkTrend, planCurveCycle, planObservations, planRois, planStacks, planTrend, roiFigurePlan} from "@operando/lib/run/roi-figure";
import {changeKey, relativeChange, stateChanges} from "@operando/lib/run/state-changes";
import {stateImagesPlan, wholeFieldChanges} from "@operando/lib/run/state-images";
import {rasterTotal} from "@operando/lib/imaging/raster";
import {makeReferenceRun, type ReferenceRun} from "../roi/reference-run.js";

const figure3 = {region: "positive", ions: ["6Li+", "58Ni+"], rois: ["region 1", "region 2"], electrolyteRois: []};
const figure4 = {region: "negative", ions: ["48Ti+"], rois: ["region 3"], electrolyteRois: ["LLTO"]};

let run: ReferenceRun;
let analysis: RunAnalysis;
let buildRows: RoiTrendRow[];

beforeAll(async () => {
  run = await makeReferenceRun();
  const manifest = JSON.parse(readFileSync(join(run.folder, "manifest.json"), "utf8"));
  const cyclingPath = join(run.folder, manifest.potentiostat.file);
  const cycling = parseCyclingFile(readFileSync(cyclingPath), cyclingPath, {timeZone: manifest.potentiostat.timeZone ?? manifest.timeZone});
  analysis = analyseRun({manifest, stacks: stacksFromTables(run.images, run.pixels), observations: runObservations(cycling, run.frames, manifest.potentiostat.clockOffsetS), rois: run.rois});
  // The build's rows (bin/build-tables.ts calls the same function as `npm run roi`).
  buildRows = runRoiTrends(analysis.stacks, analysis.rois, {driftPx: analysis.driftPx, driftSdPx: analysis.driftSdPx}) as RoiTrendRow[];
}, 240_000);

afterAll(() => {
  if (run) rmSync(dirname(run.folder), {recursive: true, force: true});
});

const truthFrame = (label: string) => run.truth.frames.find((f) => f.label === label)!.index;

describe("roiFigurePlan", () => {
  it("takes the model's pristine, charged and discharged frames as columns, and the first cycle's frames for Figure 3's trend", () => {
    const plan = roiFigurePlan(analysis, figure3, "first");
    expect(plan.states.map((s) => [s.state, s.frame])).toEqual([["pristine", truthFrame("pristine")], ["charged", truthFrame("c1 charged")], ["discharged", truthFrame("c1 discharged")]]);
    const firstCycle = run.truth.frames.filter((f) => f.label === "pristine" || f.label.startsWith("c1 ")).map((f) => f.index);
    expect(plan.trendFrames).toEqual(firstCycle);
    expect(plan.rois.map((roi) => roi.name)).toEqual(["region 1", "region 2"]);
    expect(plan.noRois).toBeNull();
    expect(planStacks(plan)).toEqual([{region: "positive", ion: "6Li+"}, {region: "positive", ion: "58Ni+"}]);
  });

  it("keeps Figure 4's electrolyte ROI apart and its trend over every frame", () => {
    const plan = roiFigurePlan(analysis, figure4, "all");
    expect(plan.electrolyteRois.map((roi) => roi.name)).toEqual(["LLTO"]);
    expect(planRois(plan).map((roi) => roi.name)).toEqual(["region 3", "LLTO"]);
    expect(plan.trendFrames).toBeNull();
    expect(planTrend(plan, buildRows)).toHaveLength(2 * 1 * run.truth.frames.length);
  });

  it("says why a region with no ROI has no trend, and gives nothing to draw without a role", () => {
    expect(roiFigurePlan(analysis, {...figure3, rois: []}, "first").noRois).toMatch(/no ROI in region "positive"/);
    const none = roiFigurePlan(analysis, null, "first");
    expect([none.region, planStacks(none), planTrend(none, buildRows)]).toEqual([null, [], []]);
  });

  it("numbers the points of Figure 3's trend on the first cycle's curve, and Figure 4's over every cycle", () => {
    const first = planObservations(analysis, roiFigurePlan(analysis, figure3, "first"));
    expect(first.map((o) => o.frame)).toEqual(roiFigurePlan(analysis, figure3, "first").trendFrames);
    expect(first.map((o) => o.number)).toEqual(first.map((_, i) => i + 1));
    expect(planCurveCycle(analysis, first)).toBe(1);
    expect(planObservations(analysis, roiFigurePlan(analysis, figure4, "all"))).toHaveLength(run.truth.frames.length);
    expect([planObservations(analysis, roiFigurePlan(analysis, null, "first")), planCurveCycle({...analysis, observations: []}, [])]).toEqual([[], 1]);
  });
});

describe("checkTrend", () => {
  it("finds the build's rows equal to the page's sums over the frames it drew, and names a cell the build got wrong or left out", () => {
    const plan = roiFigurePlan(analysis, figure3, "first");
    const trend = planTrend(plan, buildRows);
    expect(trend).toHaveLength(2 * 2 * plan.trendFrames!.length);
    // The page holds the frames of its columns only (src/components/run-stacks.ts).
    const drawn = new Set(plan.states.map((s) => s.frame));
    const stacks = analysis.stacks.filter((s) => s.region === "positive").map((s) => joinStackFrames(s.frames.flatMap((frame, slot) =>
      drawn.has(frame) ? [{...s, frames: [frame], data: frameRaster(s, slot).data}] : [])));
    const check = checkTrend({...analysis, stacks}, plan, trend);
    expect(check.checked.map((r) => r.frame).filter((f, i, all) => all.indexOf(f) === i)).toEqual([...drawn]);
    expect(check.comparison).toMatchObject({equal: true, cells: 2 * 2 * drawn.size});
    const changed = check.checked[3];
    const wrong = trend.map((r) => (r === changed ? {...r, counts: r.counts + 1} : r));
    expect(checkTrend({...analysis, stacks}, plan, wrong).comparison.mismatches).toEqual([`${changed.roi}|${changed.ion}|${changed.frame} counts: ${changed.counts} vs ${changed.counts + 1}`]);
    const missing = checkTrend({...analysis, stacks}, plan, trend.filter((r) => r !== changed)).comparison;
    expect(missing.mismatches).toEqual([`${changed.roi}|${changed.ion}|${changed.frame} missing from SQL`]);
  });
});

describe("stateChanges", () => {
  it("gives a change of +50% for 150 against 100 counts/µm², inside its own interval", () => {
    const row = (countsPerUm2: number) => ({countsPerUm2, countsPerUm2Low: countsPerUm2 * 0.9, countsPerUm2High: countsPerUm2 * 1.1}) as RoiTrendRow;
    const change = relativeChange(row(150), row(100));
    expect(change.percent).toBeCloseTo(50, 12);
    expect(change.lowPercent).toBeLessThan(50);
    expect(change.highPercent).toBeGreaterThan(50);
  });

  it("shows 58Ni+ rising on charge more in the fractured particles of region 1 than in region 2, as the model made them", () => {
    const plan = roiFigurePlan(analysis, figure3, "first");
    const changes = stateChanges(analysis, planTrend(plan, buildRows), ["region 1", "region 2"], ["58Ni+"]);
    const region1 = changes.get(changeKey("region 1", "58Ni+", "charged"))!;
    const region2 = changes.get(changeKey("region 2", "58Ni+", "charged"))!;
    expect(region1.lowPercent).toBeGreaterThan(0);
    expect(region1.percent).toBeGreaterThan(region2.percent);
    expect(changes.has(changeKey("region 1", "58Ni+", "discharged"))).toBe(true);
  });
});

describe("stateImagesPlan", () => {
  const rows = [{region: "positive", ion: "58Ni+"}, {region: "negative", ion: "48Ti+"}];

  it("puts each row's own pristine, charged and discharged frames in the columns", () => {
    const plan = stateImagesPlan(analysis, rows);
    expect(plan.columns.map((c) => c.state)).toEqual(["pristine", "charged", "discharged"]);
    const states = [truthFrame("pristine"), truthFrame("c1 charged"), truthFrame("c1 discharged")];
    expect(plan.rows).toEqual(rows.map((row) => ({...row, frames: states})));
  });

  it("gives each row's whole-field change from the model's images: 58Ni+ up on charge, 48Ti+ down", () => {
    const changes = wholeFieldChanges(analysis, stateImagesPlan(analysis, rows));
    const stack = analysis.stacks.find((s) => s.region === "positive" && s.ion === "58Ni+")!;
    const total = (frame: number) => rasterTotal(frameRaster(stack, stack.frames.indexOf(frame)));
    expect(changes[0].chargedPercent).toBeCloseTo(100 * (total(truthFrame("c1 charged")) / total(truthFrame("pristine")) - 1), 10);
    expect(changes[0].chargedPercent).toBeGreaterThan(0);
    expect(changes[1].chargedPercent).toBeLessThan(0);
    expect(stateImagesPlan(analysis, [])).toEqual({columns: [], rows: []});
  });
});
