/**
 * PCA of a frame matrix (lib/multivariate/frame-matrix.ts) with the Poisson scaling used for SIMS data (Keenan &
 * Kotula 2004, "Accounting for Poisson noise in the multivariate analysis of ToF-SIMS spectrum images"): the
 * counts D (rows x ions) are divided by the square roots of their row means and of their column means,
 *   D~ = diag(g)^-1/2 D diag(h)^-1/2,
 * which makes Poisson noise roughly equal in every entry, so that components follow the chemistry and not the
 * brightest ions. The scaled matrix is mean-centred per column, then decomposed by ml-matrix's SVD. Rows with no
 * counts (row mean 0) keep scale 1 (they are all zero anyway).
 */
import {Matrix, SingularValueDecomposition} from "ml-matrix";
import type {FrameMatrix} from "./frame-matrix.js";

export interface PcaResult {
  components: number;
  /** components x ions, unit vectors in the scaled space (sign: the largest entry is positive). */
  loadings: number[][];
  /** Share of the scaled, centred data's variance per component (all components of the data sum to 1). */
  explainedVariance: number[];
  /** rows x components, row-major: each row's coordinates on the components. */
  scores: Float64Array;
}

export function poissonScaledPca(matrix: Pick<FrameMatrix, "data" | "rows" | "ions">, components = Math.min(3, matrix.ions.length)): PcaResult {
  const columns = matrix.ions.length;
  const {rows, data} = matrix;
  if (!(Number.isInteger(components) && components >= 1 && components <= columns)) {
    throw new RangeError(`poissonScaledPca: ${components} components of ${columns} ions`);
  }
  const columnMean = new Float64Array(columns);
  for (let r = 0; r < rows; r++) for (let j = 0; j < columns; j++) columnMean[j] += data[r * columns + j] / rows;
  if (columnMean.some((m) => !(m > 0))) throw new RangeError("poissonScaledPca: an ion has no counts in the matrix");
  const scaled = new Matrix(rows, columns);
  const centre = new Float64Array(columns);
  for (let r = 0; r < rows; r++) {
    let rowMean = 0;
    for (let j = 0; j < columns; j++) rowMean += data[r * columns + j] / columns;
    const rowScale = rowMean > 0 ? 1 / Math.sqrt(rowMean) : 1;
    for (let j = 0; j < columns; j++) {
      const value = data[r * columns + j] * rowScale / Math.sqrt(columnMean[j]);
      scaled.set(r, j, value);
      centre[j] += value / rows;
    }
  }
  for (let r = 0; r < rows; r++) for (let j = 0; j < columns; j++) scaled.set(r, j, scaled.get(r, j) - centre[j]);
  const svd = new SingularValueDecomposition(scaled, {computeLeftSingularVectors: true, computeRightSingularVectors: true});
  const singular = svd.diagonal;
  const totalVariance = singular.reduce((sum, s) => sum + s * s, 0);
  const right = svd.rightSingularVectors;
  const left = svd.leftSingularVectors;
  const loadings: number[][] = [];
  const scores = new Float64Array(rows * components);
  for (let c = 0; c < components; c++) {
    const vector = right.getColumn(c);
    const largest = vector.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
    const sign = largest < 0 ? -1 : 1;
    loadings.push(vector.map((v) => sign * v));
    for (let r = 0; r < rows; r++) scores[r * components + c] = sign * left.get(r, c) * singular[c];
  }
  return {components, loadings, explainedVariance: singular.slice(0, components).map((s) => (s * s) / totalVariance), scores};
}
