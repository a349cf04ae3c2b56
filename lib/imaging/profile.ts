// Counts along a segment of an image, one sample per pixel length.
import type {PointUm} from "../roi/ring.js";

export interface RasterLike {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

export interface ProfileSample {
  distanceUm: number;
  xUm: number;
  yUm: number;
  value: number;
}

export type ProfileMethod = "bilinear" | "nearest";

/**
 * Samples from `fromUm` to `toUm` (both included), spaced by at most one pixel. "bilinear" interpolates
 * between pixel centres (edges clamp to the outermost centres); "nearest" takes the pixel that covers
 * the point. Pixel (x, y) covers [x, x+1) * pixelWidthUm by [y, y+1) * pixelHeightUm.
 */
export function sampleProfile(
  image: RasterLike,
  [pixelWidthUm, pixelHeightUm]: [number, number],
  fromUm: PointUm,
  toUm: PointUm,
  method: ProfileMethod = "bilinear"
): ProfileSample[] {
  const [dxUm, dyUm] = [toUm[0] - fromUm[0], toUm[1] - fromUm[1]];
  const lengthPx = Math.hypot(dxUm / pixelWidthUm, dyUm / pixelHeightUm);
  const count = Math.max(2, Math.ceil(lengthPx) + 1);
  const lengthUm = Math.hypot(dxUm, dyUm);
  const samples: ProfileSample[] = [];
  for (let i = 0; i < count; i++) {
    const t = i / (count - 1);
    const [xUm, yUm] = [fromUm[0] + t * dxUm, fromUm[1] + t * dyUm];
    const value = method === "nearest"
      ? nearestValue(image, xUm / pixelWidthUm, yUm / pixelHeightUm)
      : bilinearValue(image, xUm / pixelWidthUm - 0.5, yUm / pixelHeightUm - 0.5);
    samples.push({distanceUm: t * lengthUm, xUm, yUm, value});
  }
  return samples;
}

const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);

function nearestValue({data, width, height}: RasterLike, xPx: number, yPx: number): number {
  return data[clamp(Math.floor(yPx), height - 1) * width + clamp(Math.floor(xPx), width - 1)];
}

/** `u, v` in pixel-centre coordinates: (0, 0) is the centre of the top-left pixel. */
function bilinearValue({data, width, height}: RasterLike, u: number, v: number): number {
  const [x, y] = [clamp(u, width - 1), clamp(v, height - 1)];
  const [x0, y0] = [Math.floor(x), Math.floor(y)];
  const [x1, y1] = [Math.min(x0 + 1, width - 1), Math.min(y0 + 1, height - 1)];
  const [fx, fy] = [x - x0, y - y0];
  const top = data[y0 * width + x0] * (1 - fx) + data[y0 * width + x1] * fx;
  const bottom = data[y1 * width + x0] * (1 - fx) + data[y1 * width + x1] * fx;
  return top * (1 - fy) + bottom * fy;
}
