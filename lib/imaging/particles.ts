/**
 * Particles as ROIs: the summed immobile-ion image to segment, each particle's trend over frames, and the
 * irreversibility rule.
 *
 * Rule (documented in docs/analysis.md): for an ion whose signal moves in `direction` on charge (+1 for 58Ni+
 * in NCA, which rises on charge), with s(f) the particle's counts per um2 in frame f:
 *   charge change     c = direction * (s(charged) - s(pristine))
 *   remaining change  r = direction * (s(discharged) - s(pristine))
 * each with its standard error (Poisson and the registration's share, as the trends' error bars: sqrt(counts +
 * registrationSd^2) / area, combined in quadrature). A particle is
 *   "inactive"      when c < 3 standard errors (no measurable charge response),
 *   "irreversible"  when it responds and r >= retainedFraction * c (default 0.5) and r >= 3 standard errors,
 *   "reversible"    otherwise.
 */
import type {PolygonRoi} from "../roi/types.js";
import {alignToReference} from "./change.js";
import {labelOutline} from "./outline.js";
import {alignToReferenceSubPixel} from "./shift.js";
import {frameRaster, type ImageStack, type Raster} from "./raster.js";
import {segmentParticles, type Segmentation} from "./segment.js";

/**
 * Sum of all frames moved onto the reference grid by their rounded drift (or, with `subPixel`, by the drift
 * itself, counts kept: lib/imaging/shift.ts); pixels seen by no frame stay 0.
 */
export function registeredSum(stack: ImageStack, driftPx: (frame: number) => [number, number], options: {subPixel?: boolean} = {}): Raster<Float64Array> {
  const size = stack.width * stack.height;
  const sum = new Float64Array(size);
  stack.frames.forEach((frame, slot) => {
    const image = frameRaster(stack, slot);
    const aligned = (options.subPixel ? alignToReferenceSubPixel(image, driftPx(frame)) : alignToReference(image, driftPx(frame))).data;
    for (let i = 0; i < size; i++) if (aligned[i] > 0) sum[i] += aligned[i];
  });
  return {data: sum, width: stack.width, height: stack.height};
}

/**
 * The particles of a region: segmentation of its immobile ion's frames summed on the reference grid, each moved
 * by its sub-pixel drift with the count-preserving shift (lib/imaging/shift.ts), so that a drift of half a pixel
 * does not blur the sum by a whole one. The build's `npm run roi`, the pages and the tests all segment here.
 */
export function segmentRegisteredSum(stack: ImageStack, driftPx: (frame: number) => [number, number]): {summed: Raster<Float64Array>; segmentation: Segmentation} {
  const summed = registeredSum(stack, driftPx, {subPixel: true});
  return {summed, segmentation: segmentParticles(summed)};
}

/**
 * Every labelled particle as a polygon ROI in um (outline along pixel edges, outer ring first), named
 * `particle <label>`, e.g. to save the segmentation as GeoJSON (roiToFeature) or draw it on a page.
 */
export function particleOutlines(
  labels: Raster, count: number, region: string, pixelWidthUm: number, pixelHeightUm: number
): PolygonRoi[] {
  return Array.from({length: count}, (_, i) => ({
    kind: "polygon" as const, name: `particle ${i + 1}`, region,
    polygons: [labelOutline(labels, i + 1, pixelWidthUm, pixelHeightUm)]
  }));
}

export interface ParticleFrameValue {
  frame: number;
  counts: number;
  areaUm2: number;
  /** The counts' standard deviation from the drift's uncertainty (lib/roi/trend.ts), added to the Poisson variance. */
  registrationSdCounts?: number;
}

export type ParticleClass = "irreversible" | "reversible" | "inactive";

export interface ParticleClassification {
  chargeChange: number;
  remainingChange: number;
  retainedFraction: number;
  classification: ParticleClass;
}

export interface ClassifyOptions {
  pristineFrame: number;
  chargedFrame: number;
  dischargedFrame: number;
  direction?: 1 | -1;
  retainedFraction?: number;
  minSignificance?: number;
}

export function classifyParticle(trend: ParticleFrameValue[], options: ClassifyOptions): ParticleClassification {
  const {direction = 1, retainedFraction = 0.5, minSignificance = 3} = options;
  const at = (frame: number): ParticleFrameValue => {
    const value = trend.find((v) => v.frame === frame);
    if (!value) throw new RangeError(`classifyParticle: the trend has no frame ${frame}`);
    return value;
  };
  const [pristine, charged, discharged] = [at(options.pristineFrame), at(options.chargedFrame), at(options.dischargedFrame)];
  const rate = (v: ParticleFrameValue): number => (v.areaUm2 > 0 ? v.counts / v.areaUm2 : NaN);
  // The same spread as the trend's error bars: Poisson and the registration's share.
  const variance = (v: ParticleFrameValue): number => (v.areaUm2 > 0 ? (Math.max(v.counts, 1) + (v.registrationSdCounts ?? 0) ** 2) / v.areaUm2 ** 2 : NaN);
  const chargeChange = direction * (rate(charged) - rate(pristine));
  const remainingChange = direction * (rate(discharged) - rate(pristine));
  const chargeError = Math.sqrt(variance(charged) + variance(pristine));
  const remainingError = Math.sqrt(variance(discharged) + variance(pristine));
  const retained = remainingChange / chargeChange;
  let classification: ParticleClass = "reversible";
  if (!(chargeChange >= minSignificance * chargeError)) classification = "inactive";
  else if (retained >= retainedFraction && remainingChange >= minSignificance * remainingError) classification = "irreversible";
  return {chargeChange, remainingChange, retainedFraction: retained, classification};
}
