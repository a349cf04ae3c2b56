/**
 * The whole forward model of one run: the cell cycled through the protocol, the observation points, the
 * microstructure of both fields of view, the drift, and for each frame the expected and measured counts.
 * Pure: the command line (bin/make-dataset.ts) writes the files.
 */
import {calibrateCell} from "./calibrate.js";
import type {CellParameters} from "./cell.js";
import {IONS, fieldCoefficients, type RegionId} from "./chemistry.js";
import {runProtocol, type CyclingRun, type ProtocolOptions} from "./cycling.js";
import {negativeLayout, positiveLayout, type RegionLayout} from "./microstructure.js";
import {particleHistory, profileAt, profileMean, type ParticleHistory, type SocProfile} from "./profiles.js";
import {createRandom, deriveSeed} from "./random.js";
import {renderFields, type Grid} from "./render.js";
import {cyclesForFrames, framesForCycles, observationPoints, type ObservationPoint} from "./schedule.js";
import {buildTimeline, valueAt, type Timeline} from "./timeline.js";

export interface ExperimentOptions {
  seed: number;
  sample: 1 | 2;
  width: number;
  height: number;
  frames: number;
  /** Standard deviation of the stage's random-walk step between frames, per axis (um). */
  driftStepUm: number;
  /** Multiplies every yield: counts per pixel scale with it, relative noise with its inverse square root. */
  countsScale: number;
  ionsPerRegion: number;
  /**
   * Primary pulses per pixel and frame (shots per pixel x scans). When given, the detector counts at most one
   * ion of a mass per pulse: a pixel's counts are Binomial(pulses, 1 - exp(-expected / pulses)) instead of
   * Poisson(expected), i.e. they saturate (docs/analysis.md, dead time). Absent: no saturation (the reference
   * dataset's default outputs).
   */
  pulsesPerPixel?: number;
}

export const DEFAULT_OPTIONS: ExperimentOptions = {seed: 20260109, sample: 1, width: 256, height: 96, frames: framesForCycles(2), driftStepUm: 0.5, countsScale: 1, ionsPerRegion: 4};

/**
 * A realistic pulse count for the reference geometry: the dose (1.2e14 ions/cm2) gives about 1.2e5 primary
 * ions per 0.31 um pixel; at about 300 ions per pulse that is 400 pulses (8 shots per pixel in each of 50 scans).
 * 7Li+ then fills 70% of the pulses in the electrolyte and 87% on LiOH.
 */
export const SATURATING_PULSES_PER_PIXEL = 400;

export const MEASUREMENT = {fieldOfViewUm: [80, 30] as [number, number], frameS: 1600, beamFwhmUm: 2, doseIonsPerCm2: 1.2e14, scans: 50, intactLagS: 2400};

/** Cell parameters before calibration (see src/reference-model.md for the reasons). */
export const CELL_PARAMETERS: CellParameters = {
  areaCm2: 0.2,
  currentDensityMaPerCm2: 0.03,
  cathodeCapacityAh: 64e-6,
  ltoCapacityAh: 27e-6,
  lltoReductionAh: 2e-6,
  lltoReductionShare: 0.4,
  trappedAhPerCycle: [],
  initialDelithiation: 0.02,
  ohmicResistanceOhm: 15000,
  polarisationResistanceOhm: 30000,
  polarisationTimeS: 1200,
  chargeCutoffV: 2.8,
  dischargeCutoffV: 1.5,
  holdS: 3600
};

/** The paper's capacities of cycles 1 and 2: 29 and 25 µAh charged, 25 and 22 µAh discharged. */
export const PAPER_CAPACITIES_AH = {charge: [29e-6, 25e-6], discharge: [25e-6, 22e-6]};
export const PROTOCOL = {initialRestS: 2000, restS: 2000, recordIntervalS: 10};

export interface Experiment {
  options: ExperimentOptions;
  cell: CellParameters;
  run: CyclingRun;
  timeline: Timeline;
  points: ObservationPoint[];
  layouts: Record<RegionId, RegionLayout>;
  histories: ParticleHistory[];
  driftPx: [number, number][];
  ions: Record<RegionId, string[]>;
  grid: Grid;
}

export function buildExperiment(options: ExperimentOptions): Experiment {
  if (options.ionsPerRegion < 1 || options.ionsPerRegion > 8) throw new RangeError(`ionsPerRegion ${options.ionsPerRegion} is not in 1..8`);
  const pulses = options.pulsesPerPixel;
  if (pulses !== undefined && !(Number.isInteger(pulses) && pulses >= 1)) throw new RangeError(`pulsesPerPixel ${pulses} is not an integer >= 1`);
  const cycles = Math.max(2, cyclesForFrames(options.frames));
  const protocol: ProtocolOptions = {cycles: 2, ...PROTOCOL};
  const cell = calibrateCell(CELL_PARAMETERS, {firstChargeAh: PAPER_CAPACITIES_AH.charge[0], dischargeAh: PAPER_CAPACITIES_AH.discharge}, protocol);
  const run = runProtocol(cell, {...protocol, cycles});
  const timeline = buildTimeline(run, cell);
  const points = observationPoints(run, options.frames, MEASUREMENT.frameS);
  const layoutRandom = createRandom(deriveSeed(options.seed, "layout", options.sample));
  const positive = positiveLayout(layoutRandom, 1);
  const negative = negativeLayout(layoutRandom, positive.particles.length + 1);
  const histories = positive.particles.map((p) => particleHistory(p, timeline, MEASUREMENT.intactLagS));
  const grid: Grid = {width: options.width, height: options.height, fieldOfViewUm: MEASUREMENT.fieldOfViewUm};
  const driftRandom = createRandom(deriveSeed(options.seed, "drift", options.sample));
  const driftPx: [number, number][] = [];
  let [xUm, yUm] = [0, 0];
  for (let f = 0; f < options.frames; f++) {
    if (f > 0) {
      xUm += driftRandom.normal() * options.driftStepUm;
      yUm += driftRandom.normal() * options.driftStepUm;
    }
    driftPx.push([(xUm * grid.width) / grid.fieldOfViewUm[0], (yUm * grid.height) / grid.fieldOfViewUm[1]]);
  }
  const ions = {
    positive: IONS.positive.slice(0, options.ionsPerRegion).map((i) => i.id),
    negative: IONS.negative.slice(0, options.ionsPerRegion).map((i) => i.id)
  };
  return {options, cell, run, timeline, points, layouts: {positive, negative}, histories, driftPx, ions, grid};
}

export interface FrameState {
  midS: number;
  cellSoc: number;
  anodeSoc: number;
  lltoReduced: number;
  profiles: Map<number, SocProfile>;
}

export function frameState(experiment: Experiment, frame: number): FrameState {
  const point = experiment.points[frame];
  const midS = (point.startS + point.endS) / 2;
  const {timeline} = experiment;
  const profiles = new Map<number, SocProfile>();
  for (const history of experiment.histories) profiles.set(history.particle.id, profileAt(history, timeline, experiment.run.steps, midS));
  return {
    midS,
    cellSoc: valueAt(timeline, timeline.cellSoc, midS),
    anodeSoc: valueAt(timeline, timeline.anodeSoc, midS),
    lltoReduced: valueAt(timeline, timeline.lltoReduced, midS),
    profiles
  };
}

/** The state (0..1) of every particle at a frame: NCA mean SoC, LTO lithiation, LLTO reduced fraction. */
export function particleStates(experiment: Experiment, state: FrameState): Map<number, number> {
  const states = new Map<number, number>();
  for (const [id, profile] of state.profiles) states.set(id, profileMean(profile));
  for (const p of experiment.layouts.negative.particles) states.set(p.id, p.kind === "lto" ? state.anodeSoc : p.reduced ? state.lltoReduced : 0);
  return states;
}

export interface IonImage {
  ion: string;
  expected: Float32Array;
  counts: Uint32Array;
  totalCounts: number;
}

/** Expected and measured images of every ion of `region` at `frame`, the total-ion image last. */
export function renderFrame(experiment: Experiment, region: RegionId, frame: number, state: FrameState = frameState(experiment, frame)): IonImage[] {
  const {grid, options} = experiment;
  const fields = renderFields(experiment.layouts[region], grid, {driftPx: experiment.driftPx[frame], beamFwhmUm: MEASUREMENT.beamFwhmUm, profiles: state.profiles});
  const size = grid.width * grid.height;
  const pixelAreaUm2 = (grid.fieldOfViewUm[0] / grid.width) * (grid.fieldOfViewUm[1] / grid.height);
  const scale = pixelAreaUm2 * options.countsScale;
  const expectedOf = (ion: string) => {
    const coefficients = fieldCoefficients(region, ion, {anodeSoc: state.anodeSoc, lltoReduced: state.lltoReduced});
    const expected = new Float32Array(size);
    for (let p = 0; p < size; p++) {
      let sum = 0;
      for (let k = 0; k < coefficients.length; k++) sum += coefficients[k] * fields[k][p];
      expected[p] = Math.max(0, sum * scale);
    }
    return expected;
  };
  // The rest of the total-ion image spreads over many masses, each far from saturation: it stays Poisson.
  const draw = (ion: string, expected: Float32Array, saturates = true) => {
    const random = createRandom(deriveSeed(options.seed, "counts", options.sample, region, frame, ion));
    const counts = new Uint32Array(size);
    let total = 0;
    const pulses = saturates ? options.pulsesPerPixel : undefined;
    if (pulses === undefined) for (let p = 0; p < size; p++) total += counts[p] = random.poisson(expected[p]);
    else for (let p = 0; p < size; p++) total += counts[p] = random.binomial(pulses, -Math.expm1(-expected[p] / pulses));
    return {counts, total};
  };
  const images: IonImage[] = [];
  const totalExpected = new Float64Array(size);
  const totalCounts = new Uint32Array(size);
  const listedExpected = new Float64Array(size);
  for (const spec of IONS[region]) {
    const expected = expectedOf(spec.id);
    for (let p = 0; p < size; p++) totalExpected[p] += expected[p];
    if (!experiment.ions[region].includes(spec.id)) continue;
    const {counts, total} = draw(spec.id, expected);
    for (let p = 0; p < size; p++) {
      listedExpected[p] += expected[p];
      totalCounts[p] += counts[p];
    }
    images.push({ion: spec.id, expected, counts, totalCounts: total});
  }
  const other = expectedOf("other");
  const rest = new Float32Array(size);
  const total = new Float32Array(size);
  for (let p = 0; p < size; p++) {
    total[p] = totalExpected[p] + other[p];
    rest[p] = Math.max(0, total[p] - listedExpected[p]);
  }
  const restCounts = draw("total", rest, false).counts;
  let sum = 0;
  for (let p = 0; p < size; p++) sum += totalCounts[p] += restCounts[p];
  images.push({ion: "total", expected: total, counts: totalCounts, totalCounts: sum});
  return images;
}
