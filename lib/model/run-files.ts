/**
 * The JSON files of a synthetic run: the manifest (docs/data-model.md), the ROIs as GeoJSON (um, top-left
 * origin, y down) and truth.json (the model's parameters and facts: particles, their state per frame,
 * true drift, capacities, counts of every image).
 */
import {CHEMISTRY_PARAMETERS, IONS, type RegionId} from "./chemistry.js";
import {CELL_PARAMETERS, MEASUREMENT, PAPER_CAPACITIES_AH, PROTOCOL, frameState, particleStates, type Experiment} from "./experiment.js";
import {regionThreeRectangleUm, type Particle} from "./microstructure.js";
import {LTO_FRACTION_IN_PARTICLE} from "./render.js";

export const TIME_ZONE = "Asia/Tokyo";
export const POTENTIOSTAT_FILE = "echem/cycling.mpt";
export const IMAGE_PATTERN = "sims/{region}/f{frame}/{ion}.txt";
export const SPECTRUM_FILE = "sims/spectrum.txt";
/** The model's regions, in the order its files list them. */
export const REGIONS: RegionId[] = ["positive", "negative"];
const REGION_LABELS: Record<RegionId, string> = {positive: "Positive electrode (NCA composite)", negative: "Negative electrode (LTO composite)"};

export function sampleName(sample: 1 | 2): string {
  return `NCA | LLTO-Li2OHCl | LTO, sample ${sample}`;
}

/** Local wall-clock time "yyyy-mm-ddThh:mm:ss" of Date.UTC-based local milliseconds. */
export function localIso(localMs: number): string {
  return new Date(Math.floor(localMs / 1000) * 1000).toISOString().slice(0, 19);
}

export function imagePath(region: string, frame: number, ion: string): string {
  return IMAGE_PATTERN.replace("{region}", region).replace("{frame}", String(frame).padStart(2, "0")).replace("{ion}", ion);
}

export function buildManifest(experiment: Experiment, run: string, acquisitionStartLocalMs: number): object {
  const {options, points} = experiment;
  const ionIds = [...new Set(REGIONS.flatMap((r) => experiment.ions[r]))];
  const ions = ionIds.map((id) => {
    const spec = [...IONS.positive, ...IONS.negative].find((i) => i.id === id)!;
    return {id, massU: spec.massU, regions: REGIONS.filter((r) => experiment.ions[r].includes(id))};
  });
  return {
    schema: "operando-notebook/manifest@1",
    run,
    title: options.sample === 1 ? "Reference dataset (synthetic)" : "Reference dataset, second sample for Figure S16 (synthetic)",
    synthetic: true,
    sample: sampleName(options.sample),
    timeZone: TIME_ZONE,
    potentiostat: {file: POTENTIOSTAT_FILE, timeZone: TIME_ZONE},
    rois: "rois.geojson",
    // Pulses per pixel only when the model saturates (`npm run dataset -- --pulses N`), for the dead-time correction.
    ...(options.pulsesPerPixel === undefined ? {} : {detector: {pulsesPerPixel: options.pulsesPerPixel}}),
    regions: REGIONS.map((id) => ({id, label: REGION_LABELS[id], fieldOfViewUm: MEASUREMENT.fieldOfViewUm, pixels: [options.width, options.height]})),
    ions: [...ions, {id: "total", regions: REGIONS}],
    frames: REGIONS.flatMap((region) => points.map((p) => ({
      index: p.index, region,
      start: localIso(acquisitionStartLocalMs + p.startS * 1000),
      end: localIso(acquisitionStartLocalMs + p.endS * 1000),
      doseIonsPerCm2: MEASUREMENT.doseIonsPerCm2,
      label: p.name
    }))),
    images: {pattern: IMAGE_PATTERN},
    spectrum: SPECTRUM_FILE,
    // The roles of the reference study's figures (docs/data-model.md, "figures").
    figures: {
      reproducesReferenceStudy: true,
      figure2: {rows: [{region: "positive", ion: "6Li+"}, {region: "positive", ion: "58Ni+"}, {region: "negative", ion: "6Li+"}, {region: "negative", ion: "48Ti+"}]},
      figure3: {region: "positive", ions: ["6Li+", "58Ni+"], rois: ["region 1", "region 2"]},
      figure4: {region: "negative", ions: ["48Ti+"], rois: ["region 3"], electrolyteRois: ["LLTO"]},
      particles: [{region: "positive", markerIon: "58Ni+", onCharge: "rises"}, {region: "negative", markerIon: "48Ti+", onCharge: "falls"}]
    }
  };
}

function circle(particle: Particle, scale: number): [number, number][] {
  const ring: [number, number][] = [];
  for (let k = 0; k < 48; k++) {
    const angle = (2 * Math.PI * k) / 48;
    ring.push([round3(particle.centreUm[0] + scale * particle.radiusUm * Math.cos(angle)), round3(particle.centreUm[1] + scale * particle.radiusUm * Math.sin(angle))]);
  }
  ring.push(ring[0]);
  return ring;
}
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** ROI outlines sit at this fraction of the particle radius, inside the blurred edge. */
export const ROI_RADIUS_FRACTION = 0.9;

export function roiFeatures(experiment: Experiment): {name: string; region: RegionId; ring: [number, number][]; particleIds: number[]}[] {
  const particles = [...experiment.layouts.positive.particles, ...experiment.layouts.negative.particles];
  const byRoi = (name: string) => particles.find((p) => p.roi === name)!;
  const [x0, y0, x1, y1] = regionThreeRectangleUm(experiment.layouts.negative);
  const rectangle: [number, number][] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => [round3(x), round3(y)]);
  const inRectangle = experiment.layouts.negative.particles.filter((p) => p.kind === "lto" && p.centreUm[0] > x0 && p.centreUm[0] < x1 && p.centreUm[1] > y0 && p.centreUm[1] < y1);
  return [
    {name: "region 1", region: "positive", ring: circle(byRoi("region 1"), ROI_RADIUS_FRACTION), particleIds: [byRoi("region 1").id]},
    {name: "region 2", region: "positive", ring: circle(byRoi("region 2"), ROI_RADIUS_FRACTION), particleIds: [byRoi("region 2").id]},
    {name: "region 3", region: "negative", ring: rectangle, particleIds: inRectangle.map((p) => p.id)},
    {name: "LLTO", region: "negative", ring: circle(byRoi("LLTO"), ROI_RADIUS_FRACTION), particleIds: [byRoi("LLTO").id]}
  ];
}

export function buildRois(experiment: Experiment): object {
  return {
    type: "FeatureCollection",
    features: roiFeatures(experiment).map((roi) => ({
      type: "Feature",
      properties: {name: roi.name, region: roi.region},
      geometry: {type: "Polygon", coordinates: [roi.ring]}
    }))
  };
}

export interface ImageTotal {
  region: string;
  ion: string;
  frame: number;
  totalCounts: number;
  expectedTotal: number;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
/** A charge in Ah to 1 pAh, the reference cell's µAh to six decimals. */
const roundToPicoAh = (chargeAh: number) => Math.round(chargeAh * 1e12) / 1e12;

/** Asia/Tokyo has kept UTC+9 without daylight saving since 1951. */
const TOKYO_OFFSET_MS = 9 * 3600 * 1000;
const utcIso = (localMs: number) => new Date(localMs - TOKYO_OFFSET_MS).toISOString();

export function buildTruth(experiment: Experiment, run: string, acquisitionStartLocalMs: number, imageTotals: ImageTotal[]): object {
  const {options, points, run: cycling} = experiment;
  const states = points.map((_, f) => frameState(experiment, f));
  const perParticle = states.map((s) => particleStates(experiment, s));
  const particles = [...experiment.layouts.positive.particles, ...experiment.layouts.negative.particles];
  const pixelUm = [MEASUREMENT.fieldOfViewUm[0] / options.width, MEASUREMENT.fieldOfViewUm[1] / options.height];
  return {
    schema: "operando-notebook/truth@1",
    run,
    synthetic: true,
    seed: options.seed,
    sample: options.sample,
    options,
    timeZone: TIME_ZONE,
    acquisitionStartUtc: utcIso(acquisitionStartLocalMs),
    parameters: {
      cell: experiment.cell,
      cellBeforeCalibration: CELL_PARAMETERS,
      protocol: PROTOCOL,
      measurement: MEASUREMENT,
      chemistry: CHEMISTRY_PARAMETERS,
      ltoFractionInParticle: LTO_FRACTION_IN_PARTICLE,
      roiRadiusFraction: ROI_RADIUS_FRACTION
    },
    capacities: {
      paperAh: PAPER_CAPACITIES_AH,
      halfCycles: cycling.halfCycles.map((h) => ({cycle: h.cycle + 1, direction: h.direction, startS: h.startS, endS: h.endS, capacityAh: roundToPicoAh(h.capacityAh)}))
    },
    frames: points.map((p, f) => ({
      index: p.index, label: p.name, startS: p.startS, endS: p.endS, midS: states[f].midS,
      startUtc: utcIso(acquisitionStartLocalMs + p.startS * 1000), endUtc: utcIso(acquisitionStartLocalMs + p.endS * 1000),
      driftPx: experiment.driftPx[f].map(round6),
      driftUm: [round6(experiment.driftPx[f][0] * pixelUm[0]), round6(experiment.driftPx[f][1] * pixelUm[1])],
      cell: {soc: round6(states[f].cellSoc), anodeLithiation: round6(states[f].anodeSoc), lltoReducedFraction: round6(states[f].lltoReduced)}
    })),
    particles: particles.map((p) => ({
      id: p.id, region: p.region, kind: p.kind, centreUm: p.centreUm.map(round6), radiusUm: round6(p.radiusUm),
      depth: round6(p.depth), irreversible: p.kind === "isolated" || p.reduced === true, roi: p.roi ?? null,
      cracks: p.cracks.map((c) => ({normal: c.normal.map(round6), offsetUm: round6(c.offsetUm), widthUm: round6(c.widthUm)})),
      soc: perParticle.map((m) => round6(m.get(p.id) ?? 0))
    })),
    rois: roiFeatures(experiment).map((roi) => ({
      name: roi.name, region: roi.region, particleIds: roi.particleIds,
      soc: perParticle.map((m) => round6(roi.particleIds.reduce((s, id) => s + (m.get(id) ?? 0), 0) / Math.max(1, roi.particleIds.length)))
    })),
    images: imageTotals
  };
}
