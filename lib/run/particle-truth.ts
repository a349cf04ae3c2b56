// Segmented particles against a synthetic run's ground truth (truth.json particles: centre and radius in um in
// the reference frame, and whether the model made them irreversible).
import type {ParticleClass} from "../imaging/particles.js";

export interface TruthParticle {
  id: number;
  region: string;
  kind?: string;
  centreUm: [number, number];
  radiusUm: number;
  irreversible: boolean;
}

export interface LabelMap {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

/**
 * For each label 1..count, the truth particle of `region` whose disc holds most of the label's pixel centres
 * (null when none holds any): index `label - 1`.
 */
export function matchTruthParticles(labels: LabelMap, count: number, [pixelWidthUm, pixelHeightUm]: [number, number], truth: TruthParticle[], region: string): (number | null)[] {
  const discs = truth.filter((p) => p.region === region);
  const votes = Array.from({length: count}, () => new Map<number, number>());
  for (let y = 0; y < labels.height; y++) {
    for (let x = 0; x < labels.width; x++) {
      const label = labels.data[y * labels.width + x];
      if (label < 1 || label > count) continue;
      const [u, v] = [(x + 0.5) * pixelWidthUm, (y + 0.5) * pixelHeightUm];
      for (const disc of discs) {
        if (Math.hypot(u - disc.centreUm[0], v - disc.centreUm[1]) <= disc.radiusUm) votes[label - 1].set(disc.id, (votes[label - 1].get(disc.id) ?? 0) + 1);
      }
    }
  }
  return votes.map((map) => [...map].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null);
}

export interface TruthComparison {
  /** Irreversible particles of the model in this region. */
  irreversible: number[];
  /** Of those, the ones a segment classified irreversible covers. */
  found: number[];
  missed: number[];
  /** Segments classified irreversible whose model particle is not irreversible (or that cover none). */
  falseIrreversible: number[];
  /** Model particles covered by at least one segment, and all of them in the region. */
  detected: number;
  total: number;
}

export function compareWithTruth(matches: (number | null)[], classes: ParticleClass[], truth: TruthParticle[], region: string): TruthComparison {
  const inRegion = truth.filter((p) => p.region === region);
  const irreversible = inRegion.filter((p) => p.irreversible).map((p) => p.id);
  const foundSet = new Set<number>();
  const falseIrreversible: number[] = [];
  matches.forEach((id, i) => {
    if (classes[i] !== "irreversible") return;
    if (id !== null && irreversible.includes(id)) foundSet.add(id);
    else falseIrreversible.push(i + 1);
  });
  const found = irreversible.filter((id) => foundSet.has(id));
  return {
    irreversible, found, missed: irreversible.filter((id) => !foundSet.has(id)), falseIrreversible,
    detected: new Set(matches.filter((id): id is number => id !== null)).size, total: inRegion.length
  };
}
