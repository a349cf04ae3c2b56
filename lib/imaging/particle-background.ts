/**
 * The grey image a particle map draws under its particles: the registered sum it was segmented on, between the
 * sum's 1st and 99.5th percentiles, as grey levels 40 (darkest) to 190, one byte a pixel; 0 in every particle's
 * pixels, which the map colours by the particle instead. It is what the map draws and no more, so that a page
 * fetches one byte a pixel, of which the particles' pixels compress to nothing, not the float32 sum (the build
 * keeps that sum beside it for other tools: lib/imaging/segmentation-file.ts).
 */
import {colorDomain} from "./color-limits.js";
import type {Raster} from "./raster.js";
import type {Segmentation} from "./segment.js";

export const BACKGROUND_GREY_LEVELS: readonly [number, number] = [40, 190];
export const BACKGROUND_PERCENTILES: readonly [number, number] = [1, 99.5];

export interface ParticleBackground extends Raster<Uint8Array> {
  /** The sums drawn at the darkest and brightest grey level (below and above are clipped to them). */
  sumLimits: [number, number];
}

export function particleBackground(summed: Raster<ArrayLike<number>>, segmentation: Segmentation): ParticleBackground {
  const {width, height} = summed;
  if (segmentation.width !== width || segmentation.height !== height) {
    throw new RangeError(`particleBackground: a ${width} x ${height} sum under a ${segmentation.width} x ${segmentation.height} segmentation`);
  }
  // Increasing: an image of one value gets limits around it.
  const sumLimits = colorDomain(summed.data, {percentiles: [...BACKGROUND_PERCENTILES]});
  const [darkest, brightest] = BACKGROUND_GREY_LEVELS;
  const span = sumLimits[1] - sumLimits[0];
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) {
    if (segmentation.data[i] > 0) continue;
    const fraction = (summed.data[i] - sumLimits[0]) / span;
    data[i] = Math.round(darkest + (brightest - darkest) * Math.min(1, Math.max(0, fraction)));
  }
  return {width, height, data, sumLimits};
}
