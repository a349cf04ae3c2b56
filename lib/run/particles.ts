// Particle by particle: segmentation of an immobile ion summed over the registered frames, each particle as a
// particle-label ROI with its registered trend and 95% intervals (lib/roi), and the reversible / irreversible /
// inactive rule of lib/imaging/particles between the pristine, charged and discharged frames of cycle 1.
import {classifyParticle, particleOutlines, segmentRegisteredSum, type ParticleClass} from "../imaging/particles.js";
import {particleBackground, type ParticleBackground} from "../imaging/particle-background.js";
import type {ImageStack, Raster} from "../imaging/raster.js";
import type {RegionSegmentation} from "../imaging/segmentation-file.js";
import type {Segmentation} from "../imaging/segment.js";
import {roiFrameMasks} from "../roi/aggregate.js";
import {roiTrends, type RoiTrendRow} from "../roi/trend.js";
import type {ParticleRoi} from "../roi/types.js";
import {ratioInterval} from "../roi/interval.js";
import {observationsOf, stackOf, stateFramesOf, type RunAnalysis} from "./analysis.js";
import type {ParticleRole} from "./figure-roles.js";
import {regionName} from "./region-name.js";
import {regionGridsOf} from "./roi-trends.js";

export interface ParticlePlan {
  region: string;
  /** Material name for the text, e.g. "NCA". */
  material: string;
  segmentIon: string;
  trendIon: string;
  /** +1 for an ion that rises on charge (58Ni+ in NCA), -1 for one that falls (48Ti+ in LTO). */
  direction: 1 | -1;
  /** Whether the run declares the direction (manifest "figures.particles"); if not, it is the whole field's. */
  declared: boolean;
  /** Prefix of the particle ids, e.g. "P" for the positive electrode. */
  prefix: string;
}

export interface ParticleRow {
  id: string;
  label: number;
  region: string;
  areaUm2: number;
  centroidUm: [number, number];
  pristine: number;
  charged: number;
  discharged: number;
  /** direction * (charged - pristine), counts/um2, and relative to pristine. */
  chargeChange: number;
  chargeChangeRelative: number;
  /** direction * (discharged - pristine), counts/um2, and as a fraction of the charge change. */
  remainingChange: number;
  retainedFraction: number;
  classification: ParticleClass;
}

export interface ParticleTrendRow {
  id: string;
  classification: ParticleClass;
  frame: number;
  number: number;
  /** The observation point's name on the curve (e.g. "charging 2"). */
  observationName: string;
  /** Counts/um2 relative to the particle's pristine value, with a 95% interval. */
  value: number;
  low: number;
  high: number;
}

export interface ParticleAnalysis {
  plan: ParticlePlan;
  /** The grey image the particle map draws under the particles (lib/imaging/particle-background.ts). */
  background: ParticleBackground;
  segmentation: Segmentation;
  outlines: [number, number][][][];
  particles: ParticleRow[];
  trend: ParticleTrendRow[];
  rows: RoiTrendRow[];
  frames: {pristine: number; charged: number; discharged: number};
  pixelSizeUm: [number, number];
}

/**
 * The id prefix of the particles of the run's particle role `index`: the region's initial ("P" for "positive"),
 * or `R<index + 1>-` where two roles' regions share an initial, so that ids stay unique over the run.
 */
export function particleIdPrefix(roles: readonly {region: string}[], index: number): string {
  const initial = roles[index].region.slice(0, 1).toUpperCase();
  return roles.filter((role) => role.region.slice(0, 1).toUpperCase() === initial).length > 1 ? `R${index + 1}-` : initial;
}

/**
 * The plan of each particle role (roles.json): its marker ion segments the particles and gives their trends, and
 * its direction on charge is the declared one, or that of the whole field's counts from before charging to charged
 * (`totalCounts` of region, ion and frame: the images table's `total_counts`).
 */
export function particlePlans(analysis: RunAnalysis, roles: readonly ParticleRole[], totalCounts: (region: string, ion: string, frame: number) => number): ParticlePlan[] {
  return roles.map((role, i) => {
    const states = stateFramesOf(analysis, role.region);
    const total = (state: string) => {
      const frame = states.find((s) => s.state === state)?.frame;
      return frame === undefined ? NaN : totalCounts(role.region, role.markerIon, frame);
    };
    const wholeField = total("charged") < total("pristine") ? -1 : 1;
    const material = regionName(analysis.manifest, role.region);
    return {region: role.region, material, segmentIon: role.markerIon, trendIon: role.markerIon, direction: role.onCharge ?? wholeField,
      declared: role.onCharge !== null, prefix: particleIdPrefix(roles, i)};
  });
}

/**
 * Every particle of a segmentation as an ROI of its own (named prefix + label) and its trend on one ion's stack:
 * the rows `npm run roi` writes for particle ROIs, masks moved by each frame's drift. The build writes them for each
 * particle role (`particle-trends`), so that a page classifies the particles without their stacks.
 */
export function particleTrendRows(stack: ImageStack, segmentation: Segmentation, prefix: string,
  drift: {driftPx: (region: string, frame: number) => [number, number]; driftSdPx: (region: string, frame: number) => number}): RoiTrendRow[] {
  const masks = roiFrameMasks(particleRois(stack.region, prefix, segmentation.count), regionGridsOf([stack]), drift.driftPx,
    new Map([[stack.region, segmentation]]), drift.driftSdPx);
  return roiTrends([stack], masks);
}

function particleRois(region: string, prefix: string, count: number): ParticleRoi[] {
  return Array.from({length: count}, (_, i) => ({kind: "particle", name: `${prefix}${i + 1}`, region, particle: i + 1}));
}

/**
 * `from.segmented`: the build's segmentation of the region on `plan.segmentIon` (lib/imaging/segmentation-file.ts);
 * without it, the region is segmented here, from that ion's stack. `from.rows`: the build's particle trends
 * (`particleTrendRows`) of that segmentation; without them, they are summed here, from the trend ion's stack.
 */
export function analyseParticles(analysis: RunAnalysis, plan: ParticlePlan, from: {segmented?: RegionSegmentation; rows?: readonly RoiTrendRow[]} = {}): ParticleAnalysis {
  const {region} = plan;
  const {segmented} = from;
  if (segmented && !(segmented.region === region && segmented.ion === plan.segmentIon)) {
    throw new RangeError(`analyseParticles: the segmentation given is of ${segmented.ion} in "${segmented.region}", not of ${plan.segmentIon} in "${region}"`);
  }
  const segmentStack = segmented ? null : stackOf(analysis, region, plan.segmentIon);
  const {background, segmentation} = segmented ?? backgroundOfSum(segmentRegisteredSum(segmentStack!, (frame) => analysis.driftPx(region, frame)));
  const pixelSizeUm: [number, number] = segmented ? [segmented.pixelWidthUm, segmented.pixelHeightUm] : [segmentStack!.pixelWidthUm, segmentStack!.pixelHeightUm];
  const rois = particleRois(region, plan.prefix, segmentation.count);
  const rows = from.rows?.filter((r) => r.region === region && r.ion === plan.trendIon)
    ?? particleTrendRows(stackOf(analysis, region, plan.trendIon), segmentation, plan.prefix, analysis);
  const rowsOf = new Map<string, RoiTrendRow[]>(rois.map((roi) => [roi.name, []]));
  for (const row of rows) rowsOf.get(row.roi)?.push(row);
  const states = stateFramesOf(analysis, region);
  const frameOf = (state: "pristine" | "charged" | "discharged") => {
    const found = states.find((s) => s.state === state);
    if (!found) throw new RangeError(`region "${region}" has no frame ${state === "pristine" ? "before charging" : state} in its first cycle, so its particles cannot be classified`);
    return found.frame;
  };
  const frames = {pristine: frameOf("pristine"), charged: frameOf("charged"), discharged: frameOf("discharged")};
  const points = observationsOf(analysis, region);
  const outlines = particleOutlines(segmentation, segmentation.count, region, ...pixelSizeUm).map((roi) => roi.polygons[0]);
  const centroidsPx = labelCentroidsPx(segmentation, segmentation.count);
  const particles: ParticleRow[] = [];
  const trend: ParticleTrendRow[] = [];
  for (const roi of rois) {
    const own = rowsOf.get(roi.name)!;
    const at = (frame: number) => {
      const row = own.find((r) => r.frame === frame);
      if (!row) throw new RangeError(`the trends of the particles of "${region}" have no row of ${roi.name} in ${plan.trendIon}, frame ${frame}`);
      return row;
    };
    const pristine = at(frames.pristine);
    const result = classifyParticle(own.map((r) => ({frame: r.frame, counts: r.counts, areaUm2: r.areaUm2, registrationSdCounts: r.registrationSdCounts})),
      {pristineFrame: frames.pristine, chargedFrame: frames.charged, dischargedFrame: frames.discharged, direction: plan.direction});
    particles.push({
      id: roi.name, label: roi.particle, region, areaUm2: pristine.areaUm2,
      centroidUm: [centroidsPx[roi.particle][0] * pixelSizeUm[0], centroidsPx[roi.particle][1] * pixelSizeUm[1]],
      pristine: pristine.countsPerUm2, charged: at(frames.charged).countsPerUm2, discharged: at(frames.discharged).countsPerUm2,
      chargeChange: result.chargeChange, chargeChangeRelative: result.chargeChange / pristine.countsPerUm2,
      remainingChange: result.remainingChange, retainedFraction: result.retainedFraction, classification: result.classification
    });
    const base = {value: pristine.countsPerUm2, low: pristine.countsPerUm2Low, high: pristine.countsPerUm2High};
    for (const point of points) {
      const row = at(point.frame);
      const ratio = row === pristine ? {value: 1, low: 1, high: 1} : ratioInterval({value: row.countsPerUm2, low: row.countsPerUm2Low, high: row.countsPerUm2High}, base);
      trend.push({id: roi.name, classification: result.classification, frame: point.frame, number: point.number, observationName: point.name, ...ratio});
    }
  }
  return {plan, background, segmentation, outlines, particles, trend, rows: [...rows], frames, pixelSizeUm};
}

/** The centre of every label 1..count of a label map, in px from the image's corner (pixel centres at +0.5), in one pass. */
const backgroundOfSum = ({summed, segmentation}: ReturnType<typeof segmentRegisteredSum>) => ({background: particleBackground(summed, segmentation), segmentation});

function labelCentroidsPx(labels: Raster, count: number): [number, number][] {
  const [sumX, sumY, pixels] = [new Float64Array(count + 1), new Float64Array(count + 1), new Float64Array(count + 1)];
  for (let y = 0; y < labels.height; y++) {
    for (let x = 0; x < labels.width; x++) {
      const label = labels.data[y * labels.width + x];
      if (label < 1 || label > count) continue;
      sumX[label] += x + 0.5;
      sumY[label] += y + 0.5;
      pixels[label]++;
    }
  }
  return Array.from({length: count + 1}, (_, label) => [sumX[label] / pixels[label], sumY[label] / pixels[label]]);
}
