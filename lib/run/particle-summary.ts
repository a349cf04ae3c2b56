// Numbers for the heterogeneity page's text, from the particle table.
import {median} from "../stats/median.js";

export interface SummaryParticle {
  id: string;
  areaUm2: number;
  chargeChangeRelative: number;
  retainedFraction: number;
  classification: "irreversible" | "reversible" | "inactive";
}

export interface ParticleSummary {
  count: number;
  areaRangeUm2: [number, number];
  /** Particles that respond on charge (reversible or irreversible). */
  reacting: number;
  inactive: string[];
  /** Charge change relative to pristine of the reacting particles: median and range. */
  changeMedian: number;
  changeRange: [number, number];
  irreversible: {id: string; retainedFraction: number; chargeChangeRelative: number}[];
  /** Median fraction of the charge change kept after discharge by the reversible particles. */
  reversibleRetainedMedian: number;
}

const range = (values: number[]): [number, number] => (values.length ? [Math.min(...values), Math.max(...values)] : [NaN, NaN]);

export function summariseParticles(particles: SummaryParticle[]): ParticleSummary {
  const reacting = particles.filter((p) => p.classification !== "inactive");
  return {
    count: particles.length,
    areaRangeUm2: range(particles.map((p) => p.areaUm2)),
    reacting: reacting.length,
    inactive: particles.filter((p) => p.classification === "inactive").map((p) => p.id),
    changeMedian: median(reacting.map((p) => p.chargeChangeRelative)),
    changeRange: range(reacting.map((p) => p.chargeChangeRelative)),
    irreversible: particles.filter((p) => p.classification === "irreversible")
      .map(({id, retainedFraction, chargeChangeRelative}) => ({id, retainedFraction, chargeChangeRelative})),
    reversibleRetainedMedian: median(particles.filter((p) => p.classification === "reversible").map((p) => p.retainedFraction))
  };
}

/** "a, b and c" (or "none"). */
export function listText(items: string[]): string {
  if (items.length === 0) return "none";
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
