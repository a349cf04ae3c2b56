/**
 * The two fields of view as lists of objects in um (top-left origin, y down), generated from a seed:
 * positive: NCA secondary particles (5-12 um) in the Li2OHCl0.9F0.1 electrolyte, fractured ones with
 * electrolyte in their cracks, intact ones, a few isolated ones, and LiOH patches;
 * negative: a band of composite electrolyte (Li2OHCl0.9F0.1 with LLTO particles and LiOH) above the
 * LTO composite anode, whose porous LTO particles hold electrolyte below the beam's resolution.
 */
import type {Random} from "./random.js";

export type ParticleKind = "fractured" | "intact" | "isolated" | "lto" | "llto";

export interface Crack {
  /** Unit normal of the crack line and its signed distance from the particle centre (um). */
  normal: [number, number];
  offsetUm: number;
  widthUm: number;
}

export interface Particle {
  id: number;
  region: "positive" | "negative";
  kind: ParticleKind;
  centreUm: [number, number];
  radiusUm: number;
  cracks: Crack[];
  /** NCA: how deep it charges relative to the cell (fractured, isolated) or at most (intact). */
  depth: number;
  /** The ROI this particle defines, if any. */
  roi?: "region 1" | "region 2" | "LLTO";
  /** True for the LLTO particle reduced on the first charge. */
  reduced?: boolean;
}

export interface Patch {
  centreUm: [number, number];
  radiusUm: number;
}

export interface RegionLayout {
  id: "positive" | "negative";
  fieldOfViewUm: [number, number];
  particles: Particle[];
  lithiumHydroxide: Patch[];
  /** Negative region: the electrolyte/anode boundary y (um) as a function of x (um). */
  anodeTopUm?: (xUm: number) => number;
  anodeBoundary?: {meanUm: number; amplitudeUm: number; wavelengthUm: number; phase: number};
}

export const FIELD_OF_VIEW_UM: [number, number] = [80, 30];
/** ROIs keep this far from the edges so that they stay in the field under the drift. */
const ROI_MARGIN_UM = 4;

interface Disc {
  centreUm: [number, number];
  radiusUm: number;
}

function between(random: Random, low: number, high: number): number {
  return low + (high - low) * random.uniform();
}

/** Random sequential placement of non-overlapping discs (at least `gapUm` apart). */
function placeDiscs(random: Random, count: number, radius: [number, number], area: [number, number, number, number], gapUm: number, avoid: Disc[] = [], accept: (disc: Disc) => boolean = () => true): Disc[] {
  const placed: Disc[] = [];
  for (let attempt = 0; attempt < 4000 && placed.length < count; attempt++) {
    const radiusUm = between(random, radius[0], radius[1]);
    const centreUm: [number, number] = [between(random, area[0], area[2]), between(random, area[1], area[3])];
    if (!accept({centreUm, radiusUm})) continue;
    const clash = [...avoid, ...placed].some((d) => Math.hypot(d.centreUm[0] - centreUm[0], d.centreUm[1] - centreUm[1]) < d.radiusUm + radiusUm + gapUm);
    if (!clash) placed.push({centreUm, radiusUm});
  }
  return placed;
}

function insideWithMargin(disc: Disc, marginUm: number): boolean {
  const [w, h] = FIELD_OF_VIEW_UM;
  const [x, y] = disc.centreUm;
  const r = disc.radiusUm + marginUm;
  return x - r >= 0 && y - r >= 0 && x + r <= w && y + r <= h;
}

function randomCracks(random: Random, radiusUm: number): Crack[] {
  const count = 2 + Math.floor(random.uniform() * 3);
  return Array.from({length: count}, () => {
    const angle = random.uniform() * Math.PI;
    return {normal: [Math.cos(angle), Math.sin(angle)] as [number, number], offsetUm: between(random, -0.45, 0.45) * radiusUm, widthUm: between(random, 0.35, 0.6)};
  });
}

export function positiveLayout(random: Random, firstId: number): RegionLayout {
  const [w, h] = FIELD_OF_VIEW_UM;
  const discs = placeDiscs(random, 22, [2.5, 6], [0, 0, w, h], 0.4).sort((a, b) => b.radiusUm - a.radiusUm);
  const roiCandidates = discs.filter((d) => insideWithMargin(d, ROI_MARGIN_UM));
  if (roiCandidates.length < 2) throw new Error("positiveLayout: no room for the region 1 and region 2 particles; try another seed");
  const [regionOne, regionTwo] = roiCandidates;
  const others = discs.filter((d) => d !== regionOne && d !== regionTwo);
  const isolatedCount = Math.min(2, others.length);
  const particles = discs.map((disc, index): Particle => {
    const otherIndex = others.indexOf(disc);
    let kind: ParticleKind;
    if (disc === regionOne) kind = "fractured";
    else if (disc === regionTwo) kind = "intact";
    else if (otherIndex < isolatedCount * 3 && otherIndex % 3 === 1) kind = "isolated";
    else kind = random.uniform() < 0.55 ? "fractured" : "intact";
    const cracked = kind === "fractured" || (kind === "isolated" && random.uniform() < 0.5);
    return {
      id: firstId + index,
      region: "positive",
      kind,
      centreUm: disc.centreUm,
      radiusUm: disc.radiusUm,
      cracks: cracked ? randomCracks(random, disc.radiusUm) : [],
      depth: kind === "intact" ? between(random, 0.5, 0.65) : kind === "isolated" ? between(random, 0.85, 0.95) : between(random, 0.93, 1),
      roi: disc === regionOne ? "region 1" : disc === regionTwo ? "region 2" : undefined
    };
  });
  const lithiumHydroxide = placeDiscs(random, 5, [0.8, 1.8], [0, 0, w, h], 0.4, discs);
  return {id: "positive", fieldOfViewUm: FIELD_OF_VIEW_UM, particles, lithiumHydroxide};
}

export function negativeLayout(random: Random, firstId: number): RegionLayout {
  const [w, h] = FIELD_OF_VIEW_UM;
  const boundary = {meanUm: 9, amplitudeUm: 0.8, wavelengthUm: between(random, 25, 40), phase: random.uniform() * 2 * Math.PI};
  const anodeTopUm = (xUm: number) => boundary.meanUm + boundary.amplitudeUm * Math.sin((2 * Math.PI * xUm) / boundary.wavelengthUm + boundary.phase);
  // The reduced LLTO particle sits on the anode, well inside the field; other LLTO particles anywhere in the band.
  const reducedRadius = between(random, 1.8, 2.4);
  const reducedX = between(random, 20, 60);
  const reduced: Disc = {centreUm: [reducedX, anodeTopUm(reducedX) - reducedRadius - 0.15], radiusUm: reducedRadius};
  const inBand = (d: Disc) => d.centreUm[1] + d.radiusUm <= anodeTopUm(d.centreUm[0]) - 0.4;
  const inAnode = (d: Disc) => d.centreUm[1] - d.radiusUm >= anodeTopUm(d.centreUm[0]) + 0.3;
  const lltoDiscs = [reduced, ...placeDiscs(random, 5, [1.0, 2.2], [0, 0.5, w, boundary.meanUm], 0.6, [reduced], inBand)];
  const ltoDiscs = placeDiscs(random, 40, [2.0, 4.5], [-2, boundary.meanUm, w + 2, h + 2], 0.25, [], inAnode);
  let id = firstId;
  const particles: Particle[] = [
    ...ltoDiscs.map((d): Particle => ({id: id++, region: "negative", kind: "lto", centreUm: d.centreUm, radiusUm: d.radiusUm, cracks: [], depth: 1})),
    ...lltoDiscs.map((d, index): Particle => ({
      id: id++, region: "negative", kind: "llto", centreUm: d.centreUm, radiusUm: d.radiusUm, cracks: [], depth: 1,
      reduced: index === 0, roi: index === 0 ? "LLTO" : undefined
    }))
  ];
  const lithiumHydroxide = placeDiscs(random, 3, [0.6, 1.3], [0, 0.5, w, boundary.meanUm], 0.4, lltoDiscs, inBand);
  return {id: "negative", fieldOfViewUm: FIELD_OF_VIEW_UM, particles, lithiumHydroxide, anodeTopUm, anodeBoundary: boundary};
}

/** Region 3: a rectangle in the LTO composite, clear of the boundary and the edges. */
export function regionThreeRectangleUm(layout: RegionLayout): [number, number, number, number] {
  const top = (layout.anodeBoundary?.meanUm ?? 9) + (layout.anodeBoundary?.amplitudeUm ?? 0) + 4;
  return [ROI_MARGIN_UM + 6, top, FIELD_OF_VIEW_UM[0] - ROI_MARGIN_UM - 6, FIELD_OF_VIEW_UM[1] - ROI_MARGIN_UM];
}
