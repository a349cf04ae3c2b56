/**
 * PCA (Poisson-scaled) and NMF over the reference dataset's registered frame stacks (issue 15 item 2): the first
 * components separate the reacting particles from the electrolyte, by the model's phase map.
 */
import {readFileSync, rmSync} from "node:fs";
import {dirname, join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {driftLookup, registerRegions} from "@operando/lib/imaging/drift";
import {stacksFromTables, stringColumnKeys} from "@operando/lib/imaging/stack";
import type {ImageStack} from "@operando/lib/imaging/raster";
import {frameMatrix, meanPerFrame, scoreImage, type FrameMatrix} from "@operando/lib/multivariate/frame-matrix";
import {nmf} from "@operando/lib/multivariate/nmf";
import {poissonScaledPca} from "@operando/lib/multivariate/pca";
import {makeReferenceRun, type ReferenceRun} from "../roi/reference-run.js";

let run: ReferenceRun;
let stacks: ImageStack[];
let lookup: (region: string, frame: number) => [number, number];
const phases = new Map<string, string[]>();

beforeAll(async () => {
  run = await makeReferenceRun();
  stacks = stacksFromTables(run.images, run.pixels);
  lookup = driftLookup(registerRegions(stacks, "total", {splits: 1}));
  const labels = tableFromIPC(readFileSync(join(run.folder, "truth", "labels.arrow")));
  const region = stringColumnKeys(labels.getChild("region")!);
  const phase = stringColumnKeys(labels.getChild("phase")!);
  const [x, y] = ["x", "y"].map((c) => labels.getChild(c)!.toArray() as ArrayLike<number>);
  const width = stacks[0].width;
  for (let i = 0; i < labels.numRows; i++) {
    const name = region.names[region.keys[i]];
    if (!phases.has(name)) phases.set(name, new Array(width * stacks[0].height));
    phases.get(name)![y[i] * width + x[i]] = phase.names[phase.keys[i]];
  }
});

afterAll(() => {
  if (run) rmSync(dirname(run.folder), {recursive: true, force: true});
});

/** Welch's t of the mean score on `a` pixels against `b` pixels, in the reference frame (slot 0). */
function separation(matrix: FrameMatrix, scores: Float64Array, components: number, c: number, a: (phase: string) => boolean, b: (phase: string) => boolean, region: string) {
  const image = scoreImage(matrix, scores, components, c, 0);
  const phase = phases.get(region)!;
  const fullWidth = stacks[0].width;
  const f = matrix.binFactor;
  // A bin's phase: the phase of all its pixels, "mixed" when they differ.
  const phaseOf = (bin: number): string => {
    const [bx, by] = [bin % matrix.width, Math.floor(bin / matrix.width)];
    const seen = new Set<string>();
    for (let y = by * f; y < (by + 1) * f; y++) for (let x = bx * f; x < (bx + 1) * f; x++) seen.add(phase[y * fullWidth + x]);
    return seen.size === 1 ? [...seen][0] : "mixed";
  };
  const pick = (keep: (p: string) => boolean) => Array.from(matrix.pixels).filter((p) => keep(phaseOf(p))).map((p) => image[p]);
  const stats = (v: number[]) => {
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return {mean, variance: v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1), n: v.length};
  };
  const [sa, sb] = [stats(pick(a)), stats(pick(b))];
  return {t: (sa.mean - sb.mean) / Math.sqrt(sa.variance / sa.n + sb.variance / sb.n), particles: sa, electrolyte: sb};
}

function correlation(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [sab, saa, sbb] = [0, 0, 0];
  a.forEach((x, i) => {
    sab += (x - ma) * (b[i] - mb);
    saa += (x - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  });
  return sab / Math.sqrt(saa * sbb);
}

const plans = [
  {region: "positive", ions: ["6Li+", "7Li+", "58Ni+", "59Co+"], particle: "NCA"},
  {region: "negative", ions: ["6Li+", "7Li+", "48Ti+", "139La+"], particle: "LTO"}
];

describe("multivariate components of the reference dataset", () => {
  for (const plan of plans) {
    it(`${plan.region}: PCA's first component separates ${plan.particle} particles from the electrolyte by many standard errors`, () => {
      const matrix = frameMatrix(stacks, plan.region, plan.ions, (frame) => lookup(plan.region, frame));
      expect(matrix.rows).toBe(matrix.pixels.length * 17);
      const pca = poissonScaledPca(matrix, 3);
      const first = separation(matrix, pca.scores, 3, 0, (p) => p === plan.particle, (p) => p === "electrolyte", plan.region);
      const perFrame = meanPerFrame(matrix, pca.scores, 3);
      console.log(plan.region, "PCA explained", pca.explainedVariance.map((v) => v.toFixed(3)), "loadings", pca.loadings.map((l) => l.map((v) => v.toFixed(2))),
        "PC1 t", first.t.toFixed(1), "particles", first.particles.mean.toFixed(3), "electrolyte", first.electrolyte.mean.toFixed(3),
        "PC2 per frame", perFrame[1].map((v) => v.toFixed(3)).join(" "));
      expect(Math.abs(first.t)).toBeGreaterThan(50);
      expect(pca.explainedVariance[0]).toBeGreaterThan(pca.explainedVariance[1]);
      expect(perFrame).toHaveLength(3);
      expect(perFrame[0]).toHaveLength(17);
      // The second component's score per frame follows the cell's state of charge (the model's truth).
      const soc = matrix.frames.map((f) => (run.truth.frames[f] as unknown as {cell: {soc: number}}).cell.soc);
      const r = correlation(perFrame[1], soc);
      console.log(plan.region, "PC2 per frame vs state of charge: r =", r.toFixed(3));
      expect(Math.abs(r)).toBeGreaterThan(0.9);
    });

    it(`${plan.region}: NMF (2 components, KL updates, 2x2 bins) gives one component concentrated on ${plan.particle} particles`, () => {
      const matrix = frameMatrix(stacks, plan.region, plan.ions, (frame) => lookup(plan.region, frame), {binFactor: 2});
      const result = nmf(matrix, {components: 2, seed: 7});
      const scored = [0, 1].map((c) => separation(matrix, result.scores, 2, c, (p) => p === plan.particle, (p) => p === "electrolyte", plan.region));
      console.log(plan.region, "NMF", result.iterations, "iterations, converged", result.converged, "spectra", result.spectra.map((s) => s.map((v) => v.toFixed(3))),
        "t", scored.map((s) => s.t.toFixed(1)), "particle/electrolyte mean ratio", scored.map((s) => (s.particles.mean / s.electrolyte.mean).toFixed(2)));
      const best = Math.max(...scored.map((s) => s.t));
      expect(best).toBeGreaterThan(50);
      const again = nmf(matrix, {components: 2, seed: 7});
      expect(again.spectra).toEqual(result.spectra);
    });
  }
});
