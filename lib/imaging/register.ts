/**
 * Drift registration: normalised cross-correlation (NCC) of the reference frame's interior against the moving
 * frame, numerator by FFT (lib/imaging/fft.ts), local energies by integral images (Lewis 1995, "Fast normalized
 * cross-correlation"), then a quadratic fit through the 3 x 3 neighbourhood of the peak for the sub-pixel part.
 *
 * Why not windowed phase correlation: on beam-blurred SIMS images whitening amplifies frequencies that hold only
 * noise and window edges, and the fixed window pulls the peak towards zero shift (measured: errors up to 1.5 px
 * on noise-free blurred blobs). The template (the reference without a margin of `maxShiftPx`) overlaps the moving
 * frame completely at every searched shift, so no window is needed and nothing biases the peak.
 *
 * Convention (docs/data-model.md): `driftPx = [dx, dy]` means the content of the moving frame appears shifted
 * by +dx, +dy pixels against the reference: moving(x + dx, y + dy) ≈ reference(x, y).
 */
import {fft2d, nextPowerOfTwo} from "./fft.js";
import type {Raster} from "./raster.js";

export interface RegistrationOptions {
  /** Largest |dx| or |dy| searched, in px; also the margin cut from the template. Default: min(w, h) / 5. */
  maxShiftPx?: number;
  /** A peak NCC below this is a poor match (default POOR_MATCH_NCC). */
  minPeakNcc?: number;
}

/**
 * Peak NCC below which a registration is called a poor match. Chosen from the reference data (docs/analysis.md):
 * total-ion frames of the reference dataset peak at 0.92 or more, of its low-count variant (`--noise 3`, about
 * 80 counts a pixel) at 0.57 or more; two independent featureless Poisson frames peak below 0.1 (noise alone
 * gives about 3 / sqrt(template pixels)).
 */
export const POOR_MATCH_NCC = 0.3;

/** Where a frame's drift comes from: registration, the reference frame itself, the manifest by hand, or off. */
export type DriftSource = "registered" | "reference" | "manual" | "off";

export interface ShiftEstimate {
  driftPx: [number, number];
  /** False when either image has no contrast (e.g. a frame with no counts): then driftPx is [0, 0]. */
  ok: boolean;
  /** Peak normalised cross-correlation, in [-1, 1] (NaN when not ok or not registered). */
  peakNcc: number;
  /** The integer peak lies on the edge of the search window: the true drift may be larger than the search. */
  atSearchBound: boolean;
  /** The peak NCC is below the poor-match threshold (or, in `registerRegions`, under half its region's median). */
  poorMatch: boolean;
  /** ok, not at the search bound and not a poor match (or a drift given by hand, or registration off). */
  reliable: boolean;
  /** One line saying why the drift is, or is not, reliable. */
  reason: string;
  source: DriftSource;
}

/** Integral image with a zero first row and column: sum over [x0, x1) x [y0, y1) in 4 look-ups. */
function integral(values: Float64Array, width: number, height: number): Float64Array {
  const table = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += values[y * width + x];
      table[(y + 1) * (width + 1) + x + 1] = table[y * (width + 1) + x + 1] + row;
    }
  }
  return table;
}

function boxSum(table: Float64Array, width: number, x0: number, y0: number, x1: number, y1: number): number {
  const stride = width + 1;
  return table[y1 * stride + x1] - table[y0 * stride + x1] - table[y1 * stride + x0] + table[y0 * stride + x0];
}

/** Vertex of the parabola through (-1, a), (0, b), (1, c), clamped to ±0.5. */
function parabolaVertex(a: number, b: number, c: number): number {
  const curvature = a - 2 * b + c;
  if (!(curvature < 0)) return 0;
  return Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / curvature));
}

/** The search half-width (and template margin) in px for an image of this size. */
export function searchMarginPx(width: number, height: number, options: RegistrationOptions = {}): number {
  return Math.max(1, Math.floor(options.maxShiftPx ?? Math.min(width, height) / 5));
}

/** Drift of `moving` against `reference` (same size), in the convention of docs/data-model.md. */
export function estimateDriftPx(reference: Raster, moving: Raster, options: RegistrationOptions = {}): ShiftEstimate {
  const {width, height} = reference;
  if (width !== moving.width || height !== moving.height) {
    throw new RangeError(`estimateDriftPx: images differ in size (${width}x${height} vs ${moving.width}x${moving.height})`);
  }
  const margin = searchMarginPx(width, height, options);
  if (width - 2 * margin < 2 || height - 2 * margin < 2) {
    throw new RangeError(`estimateDriftPx: a ${width}x${height} image is too small for a search of ±${margin} px`);
  }
  const [tx0, ty0, tx1, ty1] = [margin, margin, width - margin, height - margin];
  const templateSize = (tx1 - tx0) * (ty1 - ty0);
  let templateMean = 0;
  for (let y = ty0; y < ty1; y++) for (let x = tx0; x < tx1; x++) templateMean += reference.data[y * width + x];
  templateMean /= templateSize;

  const paddedWidth = nextPowerOfTwo(width);
  const paddedHeight = nextPowerOfTwo(height);
  const tRe = new Float64Array(paddedWidth * paddedHeight);
  const tIm = new Float64Array(paddedWidth * paddedHeight);
  let templateEnergy = 0;
  for (let y = ty0; y < ty1; y++) {
    for (let x = tx0; x < tx1; x++) {
      const value = reference.data[y * width + x] - templateMean;
      tRe[y * paddedWidth + x] = value;
      templateEnergy += value * value;
    }
  }
  const mRe = new Float64Array(paddedWidth * paddedHeight);
  const mIm = new Float64Array(paddedWidth * paddedHeight);
  const movingValues = new Float64Array(width * height);
  const movingSquares = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = moving.data[y * width + x];
      mRe[y * paddedWidth + x] = value;
      movingValues[y * width + x] = value;
      movingSquares[y * width + x] = value * value;
    }
  }
  if (!(templateEnergy > 0)) return noContrast();

  // Numerator N(s) = sum_x T(x) M(x + s): inverse FFT of conj(F_T) F_M. No wrap-around for |s| <= margin.
  fft2d(tRe, tIm, paddedWidth, paddedHeight);
  fft2d(mRe, mIm, paddedWidth, paddedHeight);
  for (let i = 0; i < tRe.length; i++) {
    const re = tRe[i] * mRe[i] + tIm[i] * mIm[i];
    const im = tRe[i] * mIm[i] - tIm[i] * mRe[i];
    tRe[i] = re;
    tIm[i] = im;
  }
  fft2d(tRe, tIm, paddedWidth, paddedHeight, true);

  const sums = integral(movingValues, width, height);
  const squares = integral(movingSquares, width, height);
  const side = 2 * margin + 1;
  const ncc = new Float64Array(side * side).fill(NaN);
  let best = -Infinity;
  let bestIndex = -1;
  for (let dy = -margin; dy <= margin; dy++) {
    for (let dx = -margin; dx <= margin; dx++) {
      const sum = boxSum(sums, width, tx0 + dx, ty0 + dy, tx1 + dx, ty1 + dy);
      const sumSquares = boxSum(squares, width, tx0 + dx, ty0 + dy, tx1 + dx, ty1 + dy);
      const movingEnergy = sumSquares - (sum * sum) / templateSize;
      if (!(movingEnergy > 1e-9 * Math.max(1, sumSquares))) continue;
      const index = ((dy + paddedHeight) % paddedHeight) * paddedWidth + ((dx + paddedWidth) % paddedWidth);
      const value = tRe[index] / Math.sqrt(templateEnergy * movingEnergy);
      ncc[(dy + margin) * side + dx + margin] = value;
      if (value > best) {
        best = value;
        bestIndex = (dy + margin) * side + dx + margin;
      }
    }
  }
  if (bestIndex < 0) return noContrast();
  const px = bestIndex % side;
  const py = Math.floor(bestIndex / side);
  const at = (x: number, y: number): number => {
    const value = x >= 0 && x < side && y >= 0 && y < side ? ncc[y * side + x] : NaN;
    return Number.isNaN(value) ? best : value;
  };
  const subX = parabolaVertex(at(px - 1, py), best, at(px + 1, py));
  const subY = parabolaVertex(at(px, py - 1), best, at(px, py + 1));
  const driftPx: [number, number] = [px - margin + subX, py - margin + subY];
  return judged(driftPx, best, px === 0 || py === 0 || px === side - 1 || py === side - 1, margin, options.minPeakNcc ?? POOR_MATCH_NCC);
}

function noContrast(): ShiftEstimate {
  return {driftPx: [0, 0], ok: false, peakNcc: NaN, atSearchBound: false, poorMatch: true, reliable: false,
    reason: "no contrast in the registration image: drift 0 applied", source: "registered"};
}

function judged(driftPx: [number, number], peakNcc: number, atSearchBound: boolean, marginPx: number, minPeakNcc: number): ShiftEstimate {
  const poorMatch = !(peakNcc >= minPeakNcc);
  const problems = [
    atSearchBound ? `the peak is at the search bound (±${marginPx} px): the drift may be larger than the search` : "",
    poorMatch ? `peak NCC ${peakNcc.toFixed(2)} is below ${minPeakNcc}: the frames match poorly` : ""
  ].filter(Boolean);
  const reason = problems.length > 0 ? problems.join("; ")
    : `peak NCC ${peakNcc.toFixed(2)}, inside the ±${marginPx} px search`;
  return {driftPx, ok: true, peakNcc, atSearchBound, poorMatch, reliable: problems.length === 0, reason, source: "registered"};
}

/** The reference frame's own entry: drift 0 by definition. */
export const REFERENCE_ESTIMATE: Readonly<ShiftEstimate> = Object.freeze({driftPx: [0, 0], ok: true, peakNcc: 1, atSearchBound: false,
  poorMatch: false, reliable: true, reason: "reference frame: drift 0 by definition", source: "reference"}) as ShiftEstimate;

/** Drift of every frame against `frames[referenceIndex]` (its own drift is [0, 0]). */
export function registerFrames(frames: Raster[], referenceIndex = 0, options: RegistrationOptions = {}): ShiftEstimate[] {
  const reference = frames[referenceIndex];
  return frames.map((frame, i) =>
    i === referenceIndex ? {...REFERENCE_ESTIMATE, driftPx: [0, 0]} : estimateDriftPx(reference, frame, options));
}
