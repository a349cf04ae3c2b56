/**
 * Non-negative matrix factorisation of a frame matrix's counts (lib/multivariate/frame-matrix.ts), D ≈ W H with
 * W (rows x k) and H (k x ions) non-negative, by the multiplicative updates of Lee & Seung (2001) for the
 * Kullback-Leibler divergence, which are the maximum-likelihood updates for Poisson counts (so no scaling is
 * applied first). Deterministic: W and H start from a seeded uniform draw; the updates run until the divergence
 * changes by less than `tolerance` (relative) between two iterations or `maxIterations` is reached. Each row of H
 * is then normalised to sum 1 (a spectrum), W carrying the counts.
 */
import type {FrameMatrix} from "./frame-matrix.js";

export interface NmfOptions {
  components?: number;
  /** Default 300. */
  maxIterations?: number;
  /** Relative change of the divergence that ends the iterations (default 1e-5). */
  tolerance?: number;
  seed?: number;
}

export interface NmfResult {
  components: number;
  /** components x ions, each row summing to 1. */
  spectra: number[][];
  /** rows x components, row-major, in counts. */
  scores: Float64Array;
  iterations: number;
  converged: boolean;
  /** Generalised KL divergence at the end. */
  divergence: number;
}

function seededUniform(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
}

export function nmf(matrix: Pick<FrameMatrix, "data" | "rows" | "ions">, options: NmfOptions = {}): NmfResult {
  const {components: k = 2, maxIterations = 300, tolerance = 1e-5, seed = 1} = options;
  const n = matrix.ions.length;
  const {rows: m, data} = matrix;
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new RangeError(`nmf: ${k} components of ${n} ions`);
  const random = seededUniform(seed);
  let mean = 0;
  for (let i = 0; i < data.length; i++) mean += data[i] / data.length;
  const w = Float64Array.from({length: m * k}, () => random() * Math.sqrt(mean / k));
  const h = Float64Array.from({length: k * n}, () => random() * Math.sqrt(mean / k));
  const ratio = new Float64Array(m * n);
  let divergence = Infinity;
  let iterations = 0;
  let converged = false;
  // ratio = D / (W H) for the current W, H; with `measure`, also the divergence sum(D ln(D / WH) - D + WH).
  const refresh = (measure = true): number => {
    let total = 0;
    for (let r = 0; r < m; r++) {
      for (let j = 0; j < n; j++) {
        let model = 1e-12;
        for (let c = 0; c < k; c++) model += w[r * k + c] * h[c * n + j];
        const d = data[r * n + j];
        const quotient = d / model;
        ratio[r * n + j] = quotient;
        if (measure) total += (d > 0 ? d * Math.log(quotient) : 0) - d + model;
      }
    }
    return total;
  };
  divergence = refresh();
  while (iterations < maxIterations && !converged) {
    // H <- H * (W^T (D / WH)) / (W^T 1)
    const wSum = new Float64Array(k);
    const numerator = new Float64Array(k * n);
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < k; c++) {
        const wrc = w[r * k + c];
        wSum[c] += wrc;
        for (let j = 0; j < n; j++) numerator[c * n + j] += wrc * ratio[r * n + j];
      }
    }
    for (let c = 0; c < k; c++) for (let j = 0; j < n; j++) h[c * n + j] *= numerator[c * n + j] / wSum[c];
    refresh(false);
    // W <- W * ((D / WH) H^T) / (1 H^T)
    const hSum = new Float64Array(k);
    for (let c = 0; c < k; c++) for (let j = 0; j < n; j++) hSum[c] += h[c * n + j];
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < k; c++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += ratio[r * n + j] * h[c * n + j];
        w[r * k + c] *= sum / hSum[c];
      }
    }
    const next = refresh();
    iterations++;
    converged = Math.abs(divergence - next) <= tolerance * Math.max(next, 1e-300);
    divergence = next;
  }
  const spectra: number[][] = [];
  for (let c = 0; c < k; c++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += h[c * n + j];
    spectra.push(Array.from({length: n}, (_, j) => h[c * n + j] / sum));
    for (let r = 0; r < m; r++) w[r * k + c] *= sum;
  }
  return {components: k, spectra, scores: w, iterations, converged, divergence};
}
