// The heterogeneity page's analysis on the reference dataset as the site serves it (src/data/runs/reference,
// written by `npm run tables`): the particles it calls irreversible are the ones the model made irreversible.
import {existsSync, readFileSync} from "node:fs";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {analyseParticles} from "../../src/components/particle-analysis.js";
import {compareWithTruth, matchTruthParticles} from "../../src/components/particle-truth.js";
import {analyseRun} from "../../src/components/run-analysis.js";

// OPERANDO_RUNS points elsewhere (e.g. tables just rebuilt in a scratch folder); default the site's own.
const folder = `${process.env.OPERANDO_RUNS ?? new URL("../../src/data/runs", import.meta.url).pathname}/reference/`;
const present = existsSync(`${folder}pixels.arrow`);

describe.skipIf(!present)("analyseParticles on the reference dataset", () => {
  it("finds exactly the model's irreversible particles, and NCA 58Ni+ rising and LTO 48Ti+ falling on charge", () => {
    const table = (name: string) => tableFromIPC(readFileSync(`${folder}${name}.arrow`));
    const manifest = JSON.parse(readFileSync(`${folder}manifest.json`, "utf8"));
    const truth = JSON.parse(readFileSync(`${folder}truth.json`, "utf8"));
    const analysis = analyseRun({manifest, images: table("images"), pixels: table("pixels"), cycling: table("cycling"), frames: table("frames")});
    const plans = [
      {region: "positive", material: "NCA", segmentIon: "58Ni+", trendIon: "58Ni+", direction: 1 as const, prefix: "P"},
      {region: "negative", material: "LTO", segmentIon: "48Ti+", trendIon: "48Ti+", direction: -1 as const, prefix: "N"}
    ];
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
    }
  }, 60_000);
});
