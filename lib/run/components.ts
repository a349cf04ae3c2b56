/**
 * The multivariate components of one region of a run, as its page shows them: PCA with the Poisson scaling and
 * NMF (lib/multivariate/), over the registered frame stack of every ion but the total-ion image, binned so that
 * the matrix stays small enough for a page, with each component's mean score per frame and its standard error.
 */
import {TOTAL_ION, type ImageStack} from "../imaging/raster.js";
import {frameMatrix, scoresPerFrame, type FrameMatrix, type FrameScore} from "../multivariate/frame-matrix.js";
import {nmf} from "../multivariate/nmf.js";
import {poissonScaledPca} from "../multivariate/pca.js";

export type ComponentMethod = "pca" | "nmf";

/** The matrix as a result keeps it: its layout (ions, frames, grid, pixels), not its entries. */
export type ComponentMatrixLayout = Omit<FrameMatrix, "data">;

/** A region's components but their scores: what a page draws besides the score images. */
export interface ComponentsSummary {
  method: ComponentMethod;
  matrix: ComponentMatrixLayout;
  components: number;
  /** components x ions: PCA loadings (unit vectors in the scaled space) or NMF spectra (each summing to 1). */
  loadings: number[][];
  /** PCA: share of the scaled data's variance per component; NMF: none. */
  explainedVariance?: number[];
  /** [component][frame slot]. */
  perFrame: FrameScore[][];
  /** NMF: whether the updates converged within their iterations. */
  converged?: boolean;
}

export interface RegionComponents extends ComponentsSummary {
  /** rows x components (lib/multivariate/frame-matrix.ts); float32 as the build saves them (lib/run/components-file.ts). */
  scores: Float64Array | Float32Array;
}

/** The scores of one frame slot: its pixels' rows of the matrix x components, as `scoreImage` reads slot 0. */
export function frameScores(result: RegionComponents, slot: number): Float64Array | Float32Array {
  const rowValues = result.matrix.pixels.length * result.components;
  return result.scores.subarray(slot * rowValues, (slot + 1) * rowValues);
}

/** Rows (pixels x frames) above which the stack is binned further; NMF iterates, so it is held smaller. */
const MAX_ROWS: Record<ComponentMethod, number> = {pca: 250_000, nmf: 40_000};

/** The ions of a region that enter the decomposition: every ion with images but the total-ion image. */
export function componentIons(stacks: ImageStack[], region: string): string[] {
  return stacks.filter((s) => s.region === region && s.ion !== TOTAL_ION).map((s) => s.ion);
}

/** The smallest bin factor (1, 2, 4, ...) that brings the region's matrix to at most `maxRows` rows. */
export function componentBinFactor(stack: Pick<ImageStack, "width" | "height" | "frames">, maxRows: number): number {
  let factor = 1;
  while (Math.floor(stack.width / factor) * Math.floor(stack.height / factor) * stack.frames.length > maxRows && factor < Math.min(stack.width, stack.height)) factor *= 2;
  return factor;
}

export function regionComponents(stacks: ImageStack[], region: string, driftPx: (frame: number) => [number, number], method: ComponentMethod,
  components = 2): RegionComponents {
  const ions = componentIons(stacks, region);
  const first = stacks.find((s) => s.region === region && s.ion === ions[0]);
  if (!first || ions.length < 2) throw new RangeError(`region "${region}" has ${ions.length} ion(s) besides the total-ion image; components need at least two`);
  const matrix = frameMatrix(stacks, region, ions, driftPx, {binFactor: componentBinFactor(first, MAX_ROWS[method])});
  const count = Math.min(components, ions.length);
  const {data: _entries, ...layout} = matrix;
  if (method === "pca") {
    const pca = poissonScaledPca(matrix, count);
    return {method, matrix: layout, components: count, loadings: pca.loadings, explainedVariance: pca.explainedVariance, scores: pca.scores, perFrame: scoresPerFrame(matrix, pca.scores, count)};
  }
  const result = nmf(matrix, {components: count, maxIterations: 200, seed: 7});
  return {method, matrix: layout, components: count, loadings: result.spectra, scores: result.scores, perFrame: scoresPerFrame(matrix, result.scores, count), converged: result.converged};
}
