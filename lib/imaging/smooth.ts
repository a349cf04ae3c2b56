/**
 * Gaussian smoothing for display only (it mixes counts of neighbouring pixels, so never sum or test on it).
 * Separable kernel truncated at 3 sigma; at the image edge the kernel is renormalised over the pixels that
 * exist, so edges are not darkened and a flat image stays flat.
 */
import type {Raster} from "./raster.js";

function kernel(sigmaPx: number): Float64Array {
  const reach = Math.max(1, Math.ceil(3 * sigmaPx));
  const weights = new Float64Array(2 * reach + 1);
  for (let i = -reach; i <= reach; i++) weights[i + reach] = Math.exp(-(i * i) / (2 * sigmaPx * sigmaPx));
  return weights;
}

function pass(input: Float32Array, output: Float32Array, length: number, lines: number, step: number, lineStep: number, weights: Float64Array): void {
  const reach = (weights.length - 1) / 2;
  for (let line = 0; line < lines; line++) {
    const base = line * lineStep;
    for (let i = 0; i < length; i++) {
      let sum = 0;
      let norm = 0;
      for (let k = Math.max(0, i - reach); k <= Math.min(length - 1, i + reach); k++) {
        const w = weights[k - i + reach];
        sum += w * input[base + k * step];
        norm += w;
      }
      output[base + i * step] = sum / norm;
    }
  }
}

export function gaussianSmooth(image: Raster, sigmaPx: number): Raster<Float32Array> {
  const {width, height} = image;
  const source = Float32Array.from(image.data as ArrayLike<number>);
  if (!(sigmaPx > 0)) return {data: source, width, height};
  const weights = kernel(sigmaPx);
  const temp = new Float32Array(width * height);
  const out = new Float32Array(width * height);
  pass(source, temp, width, height, 1, width, weights);
  pass(temp, out, height, width, width, 1, weights);
  return {data: out, width, height};
}
