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
import {nextPowerOfTwo, transformColumns, transformRows} from "./fft.js";
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
function integral(values: ArrayLike<number>, width: number, height: number, squared: boolean): Float64Array {
  const table = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      const value = values[y * width + x];
      row += squared ? value * value : value;
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

/**
 * A reference frame prepared once for any number of moving frames: its interior (the frame without a margin of
 * the search half-width) with its mean removed, zero-padded to powers of two and Fourier-transformed.
 */
export interface RegistrationTemplate {
  width: number;
  height: number;
  marginPx: number;
  minPeakNcc: number;
  paddedWidth: number;
  paddedHeight: number;
  /** Pixels in the interior. */
  sizePx: number;
  /** Sum of the squares of the interior's mean-removed values: 0 when the reference has no contrast. */
  energy: number;
  spectrumRe: Float64Array;
  spectrumIm: Float64Array;
}

export function registrationTemplate(reference: Raster, options: RegistrationOptions = {}): RegistrationTemplate {
  const {width, height} = reference;
  const marginPx = searchMarginPx(width, height, options);
  if (width - 2 * marginPx < 2 || height - 2 * marginPx < 2) {
    throw new RangeError(`registration: a ${width}x${height} image is too small for a search of ±${marginPx} px`);
  }
  const [x1, y1] = [width - marginPx, height - marginPx];
  const sizePx = (x1 - marginPx) * (y1 - marginPx);
  let mean = 0;
  for (let y = marginPx; y < y1; y++) for (let x = marginPx; x < x1; x++) mean += reference.data[y * width + x];
  mean /= sizePx;
  const paddedWidth = nextPowerOfTwo(width);
  const paddedHeight = nextPowerOfTwo(height);
  const spectrumRe = new Float64Array(paddedWidth * paddedHeight);
  const spectrumIm = new Float64Array(paddedWidth * paddedHeight);
  let energy = 0;
  for (let y = marginPx; y < y1; y++) {
    for (let x = marginPx; x < x1; x++) {
      const value = reference.data[y * width + x] - mean;
      spectrumRe[y * paddedWidth + x] = value;
      energy += value * value;
    }
  }
  transformRows(spectrumRe, spectrumIm, paddedWidth, rowRange(marginPx, y1));
  transformColumns(spectrumRe, spectrumIm, paddedWidth, paddedHeight);
  return {width, height, marginPx, minPeakNcc: options.minPeakNcc ?? POOR_MATCH_NCC, paddedWidth, paddedHeight, sizePx, energy: energy > 0 ? energy : 0, spectrumRe, spectrumIm};
}

function rowRange(from: number, to: number): number[] {
  return Array.from({length: to - from}, (_, k) => from + k);
}

export interface RegistrationJob {
  template: RegistrationTemplate;
  moving: Raster;
}

/**
 * The drift of each job's moving frame against its template (all of one size), in the convention of
 * docs/data-model.md. Frames are registered two at a time: both images are real, so one complex FFT of
 * (moving A + i moving B) holds both spectra (split by their Hermitian symmetry), and one inverse FFT of
 * (conj(T_A) M_A + i conj(T_B) M_B) gives both cross-correlations, as its real and imaginary parts. The
 * inverse keeps only the rows within the search.
 */
export function registerOnTemplates(jobs: RegistrationJob[]): ShiftEstimate[] {
  if (jobs.length === 0) return [];
  const {width, height, paddedWidth, paddedHeight} = jobs[0].template;
  for (const {template, moving} of jobs) {
    if (template.width !== width || template.height !== height || moving.width !== width || moving.height !== height) {
      throw new RangeError(`registration: images differ in size (${width}x${height} vs ${moving.width}x${moving.height})`);
    }
  }
  const margin = Math.max(...jobs.map((job) => job.template.marginPx));
  const searchedRows = 2 * margin + 1 >= paddedHeight ? rowRange(0, paddedHeight)
    : [...rowRange(0, margin + 1), ...rowRange(paddedHeight - margin, paddedHeight)];
  const zRe = new Float64Array(paddedWidth * paddedHeight);
  const zIm = new Float64Array(paddedWidth * paddedHeight);
  const wRe = new Float64Array(paddedWidth * paddedHeight);
  const wIm = new Float64Array(paddedWidth * paddedHeight);
  const estimates: ShiftEstimate[] = [];
  for (let first = 0; first < jobs.length; first += 2) {
    const a = jobs[first];
    const b = jobs[first + 1];
    zRe.fill(0);
    zIm.fill(0);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        zRe[y * paddedWidth + x] = a.moving.data[y * width + x];
        if (b) zIm[y * paddedWidth + x] = b.moving.data[y * width + x];
      }
    }
    transformRows(zRe, zIm, paddedWidth, rowRange(0, height));
    transformColumns(zRe, zIm, paddedWidth, paddedHeight);
    const ta = a.template;
    const tb = (b ?? a).template;
    for (let ky = 0; ky < paddedHeight; ky++) {
      const mirrorRow = ((paddedHeight - ky) % paddedHeight) * paddedWidth;
      for (let kx = 0; kx < paddedWidth; kx++) {
        const k = ky * paddedWidth + kx;
        const mirror = mirrorRow + ((paddedWidth - kx) % paddedWidth);
        const zr = zRe[k];
        const zi = zIm[k];
        const cr = zRe[mirror];
        const ci = zIm[mirror];
        // M_A = (Z + conj Z(-k)) / 2, M_B = (Z - conj Z(-k)) / 2i.
        const maRe = (zr + cr) / 2;
        const maIm = (zi - ci) / 2;
        const mbRe = (zi + ci) / 2;
        const mbIm = (cr - zr) / 2;
        const paRe = ta.spectrumRe[k] * maRe + ta.spectrumIm[k] * maIm;
        const paIm = ta.spectrumRe[k] * maIm - ta.spectrumIm[k] * maRe;
        const pbRe = tb.spectrumRe[k] * mbRe + tb.spectrumIm[k] * mbIm;
        const pbIm = tb.spectrumRe[k] * mbIm - tb.spectrumIm[k] * mbRe;
        wRe[k] = paRe - pbIm;
        wIm[k] = paIm + pbRe;
      }
    }
    transformColumns(wRe, wIm, paddedWidth, paddedHeight, true);
    transformRows(wRe, wIm, paddedWidth, searchedRows, true);
    estimates.push(peakShift(a, wRe));
    if (b) estimates.push(peakShift(b, wIm));
  }
  return estimates;
}

/** The NCC peak of one job from its (unscaled) cross-correlation `numerator(s) = sum_x T(x) M(x + s)`. */
function peakShift({template, moving}: RegistrationJob, numerator: Float64Array): ShiftEstimate {
  const {width, height, paddedWidth, paddedHeight, marginPx: margin, sizePx, energy} = template;
  if (!(energy > 0)) return noContrast();
  const scale = 1 / (paddedWidth * paddedHeight);
  const [tx0, ty0, tx1, ty1] = [margin, margin, width - margin, height - margin];
  const sums = integral(moving.data, width, height, false);
  const squares = integral(moving.data, width, height, true);
  const side = 2 * margin + 1;
  const ncc = new Float64Array(side * side).fill(NaN);
  let best = -Infinity;
  let bestIndex = -1;
  for (let dy = -margin; dy <= margin; dy++) {
    for (let dx = -margin; dx <= margin; dx++) {
      const sum = boxSum(sums, width, tx0 + dx, ty0 + dy, tx1 + dx, ty1 + dy);
      const sumSquares = boxSum(squares, width, tx0 + dx, ty0 + dy, tx1 + dx, ty1 + dy);
      const movingEnergy = sumSquares - (sum * sum) / sizePx;
      if (!(movingEnergy > 1e-9 * Math.max(1, sumSquares))) continue;
      // No wrap-around for |s| <= margin: the template is zero outside the interior.
      const index = ((dy + paddedHeight) % paddedHeight) * paddedWidth + ((dx + paddedWidth) % paddedWidth);
      const value = (numerator[index] * scale) / Math.sqrt(energy * movingEnergy);
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
  return judged(driftPx, best, px === 0 || py === 0 || px === side - 1 || py === side - 1, margin, template.minPeakNcc);
}

/** Drift of `moving` against `reference` (same size), in the convention of docs/data-model.md. */
export function estimateDriftPx(reference: Raster, moving: Raster, options: RegistrationOptions = {}): ShiftEstimate {
  if (reference.width !== moving.width || reference.height !== moving.height) {
    throw new RangeError(`registration: images differ in size (${reference.width}x${reference.height} vs ${moving.width}x${moving.height})`);
  }
  return registerOnTemplates([{template: registrationTemplate(reference, options), moving}])[0];
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
  const template = registrationTemplate(frames[referenceIndex], options);
  const moving = frames.filter((_, i) => i !== referenceIndex);
  const estimates = registerOnTemplates(moving.map((frame) => ({template, moving: frame})));
  estimates.splice(referenceIndex, 0, {...REFERENCE_ESTIMATE, driftPx: [0, 0]});
  return estimates;
}
