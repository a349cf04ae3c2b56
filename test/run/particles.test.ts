// The heterogeneity page's analysis on the reference dataset, generated for this test from the raw files up (the
// dataset command, our loaders): the particles it calls irreversible are the ones the model made irreversible.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {analyseParticles, particlePlans, particleTrendRows} from "@operando/lib/run/particles";
import {heterogeneity, particleTableRows} from "@operando/lib/run/heterogeneity";
import {imageCountTotals} from "@operando/lib/run/run-roles";
import {roiTrendRowsFromTable, roiTrendTable} from "@operando/lib/roi/trend-table";
import {compareWithTruth, matchTruthParticles} from "@operando/lib/run/particle-truth";
import {stacksFromTables} from "@operando/lib/imaging/stack";
import {analyseRun, runObservations} from "@operando/lib/run/analysis";
import {makeReferenceRun} from "../roi/reference-run.js";
import {tableFromIPC} from "apache-arrow";
import {segmentRegisteredSum} from "@operando/lib/imaging/particles";
import {backgroundFromTable, segmentationFromTable, segmentationTables} from "@operando/lib/imaging/segmentation-file";
import {tableToArrowStream} from "@operando/loaders/table-output";

describe("analyseParticles on the reference dataset", () => {
  it("finds exactly the model's irreversible particles, and NCA 58Ni+ rising and LTO 48Ti+ falling on charge", async () => {
    const run = await makeReferenceRun();
    const manifest = JSON.parse(readFileSync(join(run.folder, "manifest.json"), "utf8"));
    const cyclingPath = join(run.folder, manifest.potentiostat.file);
    const cycling = parseCyclingFile(readFileSync(cyclingPath), cyclingPath, {timeZone: manifest.potentiostat.timeZone ?? manifest.timeZone});
    const truth = run.truth;
    const analysis = analyseRun({manifest, stacks: stacksFromTables(run.images, run.pixels), observations: runObservations(cycling, run.frames, manifest.potentiostat.clockOffsetS)});
    const plans = [
      {region: "positive", material: "NCA", segmentIon: "58Ni+", trendIon: "58Ni+", direction: 1 as const, declared: true, prefix: "P"},
      {region: "negative", material: "LTO", segmentIon: "48Ti+", trendIon: "48Ti+", direction: -1 as const, declared: true, prefix: "N"}
    ];
    // Undeclared, each direction is the whole field's, from the images table's totals; the ids as the build names them.
    const undeclared = particlePlans(analysis, plans.map((p) => ({region: p.region, markerIon: p.segmentIon, onCharge: null})), imageCountTotals(run.images));
    expect(undeclared.map(({direction, prefix, declared}) => ({direction, prefix, declared}))).toEqual(plans.map(({direction, prefix}) => ({direction, prefix, declared: false})));
    for (const plan of plans) {
      const result = analyseParticles(analysis, plan);
      const matches = matchTruthParticles(result.segmentation, result.segmentation.count, result.pixelSizeUm, truth.particles, plan.region);
      const comparison = compareWithTruth(matches, result.particles.map((p) => p.classification), truth.particles, plan.region);
      expect(comparison.irreversible.length).toBeGreaterThan(0);
      expect(comparison.found).toEqual(comparison.irreversible);
      expect(comparison.falseIrreversible).toEqual([]);
      const reversible = result.particles.filter((p) => p.classification === "reversible");
      expect(reversible.length).toBeGreaterThan(result.particles.length / 2);
      for (const p of reversible) expect(p.chargeChange).toBeGreaterThan(0);
      // Every particle's trend starts at 1 (its pristine value) and has an interval around each point.
      for (const row of result.trend) expect(row.low).toBeLessThanOrEqual(row.value);
      // From the build's segmentation file, as the page reads it: the same particles, classes and trends.
      const stack = analysis.stacks.find((s) => s.region === plan.region && s.ion === plan.segmentIon)!;
      const {summed, segmentation} = segmentRegisteredSum(stack, (frame) => analysis.driftPx(plan.region, frame));
      const tables = segmentationTables({region: plan.region, ion: plan.segmentIon, pixelWidthUm: stack.pixelWidthUm, pixelHeightUm: stack.pixelHeightUm, summed, segmentation});
      const labels = segmentationFromTable(tableFromIPC(tableToArrowStream(tables.labels)), "segmentation.arrow.gz");
      const segmented = backgroundFromTable(tableFromIPC(tableToArrowStream(tables.background)), labels, "particle-background.arrow.gz");
      const fromBuild = analyseParticles(analysis, plan, {segmented});
      expect(fromBuild.particles).toEqual(result.particles);
      expect(fromBuild.background).toEqual(result.background);
      expect(fromBuild.trend).toEqual(result.trend);
      // And from the build's particle trends through their table, as the page reads them with no stack at all.
      const timeline = {...analysis, stacks: []};
      const trendFile = tableToArrowStream(roiTrendTable(particleTrendRows(stack, segmentation, plan.prefix, analysis)));
      const fromTables = analyseParticles(timeline, plan, {segmented, rows: roiTrendRowsFromTable(tableFromIPC(trendFile))});
      expect(fromTables.particles).toEqual(result.particles);
      expect(fromTables.trend).toEqual(result.trend);
      expect(() => analyseParticles(timeline, plan, {segmented, rows: roiTrendRowsFromTable(tableFromIPC(trendFile)).filter((r) => r.roi !== `${plan.prefix}2`)}))
        .toThrow(`the trends of the particles of "${plan.region}" have no row of ${plan.prefix}2 in ${plan.trendIon}`);
      expect(() => analyseParticles(analysis, {...plan, segmentIon: "6Li+"}, {segmented})).toThrow(`the segmentation given is of ${plan.segmentIon} in "${plan.region}", not of 6Li+`);
    }
    // The page's whole analysis (lib/run/heterogeneity.ts): every region, its table rows matched to the model's
    // particles; a region it cannot analyse is named with why, beside the others.
    const trendRows = plans.flatMap((plan) => {
      const stack = analysis.stacks.find((s) => s.region === plan.region && s.ion === plan.segmentIon)!;
      return particleTrendRows(stack, segmentRegisteredSum(stack, (frame) => analysis.driftPx(plan.region, frame)).segmentation, plan.prefix, analysis);
    });
    const noSuchIon = {...plans[1], segmentIon: "7Li+", trendIon: "7Li+"};
    const page = heterogeneity(analysis, [...plans, noSuchIon], [null, null], trendRows, truth);
    expect(page.results.map((r) => r.plan.region)).toEqual(["positive", "negative"]);
    expect(page.failures).toEqual([expect.stringMatching(/^negative: .*7Li\+/)]);
    for (const r of page.results) expect(r.comparison!.found).toEqual(r.comparison!.irreversible);
    const table = particleTableRows(page.results, truth);
    expect(table).toHaveLength(page.results.reduce((n, r) => n + r.particles.length, 0));
    for (const row of table.filter((row) => row["model particle"] !== null)) {
      expect(row["model: irreversible"]).toBe(truth.particles.find((t) => t.id === row["model particle"])!.irreversible);
    }
    expect(table.filter((row) => row.class === "irreversible").every((row) => row["model: irreversible"] === true)).toBe(true);
  }, 180_000);
});
