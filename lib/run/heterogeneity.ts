// The heterogeneity page of a run: each particle region of its roles analysed from the build's segmentation and
// particle trends (lib/run/particles.ts), summarised, and, for a synthetic run, compared with the model's own
// particles. A region that cannot be analysed (no charged frame, no particle) gives a sentence, not an error.
import type {RegionSegmentation} from "../imaging/segmentation-file.js";
import type {RoiTrendRow} from "../roi/trend.js";
import type {RunAnalysis} from "./analysis.js";
import {summariseParticles, type ParticleSummary} from "./particle-summary.js";
import {compareWithTruth, matchTruthParticles, type TruthComparison, type TruthParticle} from "./particle-truth.js";
import {analyseParticles, type ParticleAnalysis, type ParticlePlan} from "./particles.js";

export interface RegionHeterogeneity extends ParticleAnalysis {
  summary: ParticleSummary;
  /** The model particle each segmented particle matches (null: none), in a run with a ground truth. */
  matches: (number | null)[] | null;
  comparison: TruthComparison | null;
}

export function heterogeneity(analysis: RunAnalysis, plans: ParticlePlan[], segmentations: (RegionSegmentation | null)[], trendRows: readonly RoiTrendRow[],
  truth: {particles: TruthParticle[]} | null): {results: RegionHeterogeneity[]; failures: string[]} {
  const failures: string[] = [];
  const results = plans.flatMap((plan): RegionHeterogeneity[] => {
    let result: ParticleAnalysis;
    try {
      const segmented = segmentations.find((s) => s?.region === plan.region && s.ion === plan.segmentIon) ?? undefined;
      result = analyseParticles(analysis, plan, {segmented, rows: trendRows});
    } catch (error) {
      failures.push(`${plan.region}: ${(error as Error).message}`);
      return [];
    }
    const matches = truth ? matchTruthParticles(result.segmentation, result.segmentation.count, result.pixelSizeUm, truth.particles, plan.region) : null;
    const comparison = truth && matches ? compareWithTruth(matches, result.particles.map((p) => p.classification), truth.particles, plan.region) : null;
    return [{...result, summary: summariseParticles(result.particles), matches, comparison}];
  });
  return {results, failures};
}

/** One row per particle of every region, as the page's table and its download show them. */
export function particleTableRows(results: RegionHeterogeneity[], truth: {particles: TruthParticle[]} | null): Record<string, string | number | boolean | null>[] {
  return results.flatMap((r) => r.particles.map((p, i) => ({
    id: p.id,
    region: p.region,
    "area (µm²)": p.areaUm2,
    "x (µm)": p.centroidUm[0],
    "y (µm)": p.centroidUm[1],
    "pristine (counts/µm²)": p.pristine,
    "change on charge (counts/µm²)": p.chargeChange,
    "change on charge (% of pristine)": p.chargeChangeRelative * 100,
    "retained after discharge (% of change)": p.retainedFraction * 100,
    class: p.classification,
    ...(r.matches && truth ? {"model particle": r.matches[i] ?? null, "model: irreversible": r.matches[i] == null ? null : truth.particles.find((t) => t.id === r.matches![i])?.irreversible ?? null} : {})
  })));
}
