/** Known-truth synthetic images for the imaging and ROI tests: seeded noise, blobs at exact sub-pixel centres. */
import {logGamma} from "@operando/lib/roi/interval";


/** An exact Poisson draw: inversion below mean 30, Hörmann's PTRS above. */
export function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let product = random();
    while (product > limit) {
      k++;
      product *= random();
    }
    return k;
  }
  const sqrtMean = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * sqrtMean;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logGamma(k + 1)) return k;
  }
}

export interface Blob {
  xPx: number;
  yPx: number;
  sigmaPx: number;
  amplitude: number;
}

export function randomBlobs(count: number, width: number, height: number, random: () => number): Blob[] {
  return Array.from({length: count}, () => ({
    xPx: random() * width,
    yPx: random() * height,
    sigmaPx: 2 + random() * 5,
    amplitude: 5 + random() * 30
  }));
}

/** Expected counts at pixel centres of blobs shifted by (dx, dy): image(x + dx, y + dy) = image_0(x, y). */
export function renderBlobs(
  blobs: Blob[], width: number, height: number, background: number, shiftPx: [number, number] = [0, 0]
): Float64Array {
  const image = new Float64Array(width * height).fill(background);
  for (const blob of blobs) {
    const cx = blob.xPx + shiftPx[0];
    const cy = blob.yPx + shiftPx[1];
    const reach = Math.ceil(4 * blob.sigmaPx);
    for (let y = Math.max(0, Math.floor(cy - reach)); y < Math.min(height, Math.ceil(cy + reach)); y++) {
      for (let x = Math.max(0, Math.floor(cx - reach)); x < Math.min(width, Math.ceil(cx + reach)); x++) {
        const r2 = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2;
        image[y * width + x] += blob.amplitude * Math.exp(-r2 / (2 * blob.sigmaPx ** 2));
      }
    }
  }
  return image;
}

export function poissonImage(expected: ArrayLike<number>, random: () => number): Uint16Array {
  const counts = new Uint16Array(expected.length);
  for (let i = 0; i < expected.length; i++) counts[i] = poisson(expected[i], random);
  return counts;
}
