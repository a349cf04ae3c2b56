/**
 * How much an ROI's counts can change because the drift applied to it is itself uncertain.
 *
 * With the pixel-centre rule a small drift error moves the mask's edge past some pixel centres and adds or drops
 * those pixels. For a drift error e ~ N(0, sdPx^2) per axis, a pixel whose centre lies r px from the ROI's edge
 * changes side with probability about Phi(-r / sdPx). The counts' variance from registration is then
 *   var_registration = sum over pixels near the edge of counts_p^2 * Phi(-r_p / sdPx)
 * (counts_p^2 stands in for the pixel's squared mean; it is slightly larger, so the term errs wide). The stated
 * 95% interval combines it with the exact Poisson interval (lib/roi/interval.ts, `widenInterval`).
 * The reference frame (drift 0 by definition) and unregistered runs have sdPx = 0 and no such term.
 */
import type {PixelGrid} from "./rasterise.js";
import type {Ring} from "./types.js";

export interface BoundaryWeights {
  /** Flat pixel index y * width + x of pixels within 4 sdPx of the ROI's edge. */
  index: Int32Array;
  /** Probability that the pixel changes side. */
  weight: Float64Array;
}

/** Standard normal lower tail Phi(-z) for z >= 0 (Abramowitz-Stegun 7.1.26 via erfc, error < 1.5e-7). */
function normalTail(z: number): number {
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return 0.5 * erfc;
}

const noBoundary = (): BoundaryWeights => ({index: new Int32Array(0), weight: new Float64Array(0)});

/** Squared distance from (px, py) to the segment from (ax, ay) to (bx, by). */
function squaredDistanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2)) : 0;
  const ex = px - (ax + t * dx);
  const ey = py - (ay + t * dy);
  return ex * ex + ey * ey;
}

export function boundaryWeights(rings: Ring[], grid: PixelGrid, driftPx: [number, number], sdPx: number): BoundaryWeights {
  if (!(sdPx > 0)) return noBoundary();
  const reach = 4 * sdPx;
  const reach2 = reach * reach;
  const edges: number[] = [];
  for (const ring of rings) {
    const points = ring.map(([x, y]) => [x / grid.pixelWidthUm + driftPx[0], y / grid.pixelHeightUm + driftPx[1]]);
    points.forEach(([x, y], k) => {
      const [nx, ny] = points[(k + 1) % points.length];
      edges.push(x, y, nx, ny);
    });
  }
  if (edges.length === 0) return noBoundary();
  // The pixels any edge can reach, as one box of squared distances to the nearest edge so far: the cost is the
  // edges times the pixels each can reach, with no lookup per pixel (at a drift uncertainty of tens of pixels
  // a unit edge of a particle's outline reaches tens of thousands of pixels).
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let e = 0; e < edges.length; e += 2) {
    left = Math.min(left, edges[e]);
    right = Math.max(right, edges[e]);
    top = Math.min(top, edges[e + 1]);
    bottom = Math.max(bottom, edges[e + 1]);
  }
  const boxX0 = Math.max(0, Math.floor(left - reach - 1));
  const boxX1 = Math.min(grid.width - 1, Math.ceil(right + reach));
  const boxY0 = Math.max(0, Math.floor(top - reach - 1));
  const boxY1 = Math.min(grid.height - 1, Math.ceil(bottom + reach));
  if (boxX1 < boxX0 || boxY1 < boxY0) return noBoundary();
  const boxWidth = boxX1 - boxX0 + 1;
  const nearest2 = new Float64Array(boxWidth * (boxY1 - boxY0 + 1)).fill(Infinity);
  for (let e = 0; e < edges.length; e += 4) {
    const [ax, ay, bx, by] = [edges[e], edges[e + 1], edges[e + 2], edges[e + 3]];
    const x0 = Math.max(boxX0, Math.floor(Math.min(ax, bx) - reach - 1));
    const x1 = Math.min(boxX1, Math.ceil(Math.max(ax, bx) + reach));
    const y0 = Math.max(boxY0, Math.floor(Math.min(ay, by) - reach - 1));
    const y1 = Math.min(boxY1, Math.ceil(Math.max(ay, by) + reach));
    for (let y = y0; y <= y1; y++) {
      const row = (y - boxY0) * boxWidth - boxX0;
      for (let x = x0; x <= x1; x++) {
        const distance2 = squaredDistanceToSegment(x + 0.5, y + 0.5, ax, ay, bx, by);
        if (distance2 < nearest2[row + x]) nearest2[row + x] = distance2;
      }
    }
  }
  const index: number[] = [];
  const weight: number[] = [];
  for (let y = boxY0; y <= boxY1; y++) {
    const row = (y - boxY0) * boxWidth - boxX0;
    for (let x = boxX0; x <= boxX1; x++) {
      if (!(nearest2[row + x] < reach2)) continue;
      index.push(y * grid.width + x);
      weight.push(normalTail(Math.sqrt(nearest2[row + x]) / sdPx));
    }
  }
  return {index: Int32Array.from(index), weight: Float64Array.from(weight)};
}

/** sum of weight * counts^2 over the boundary pixels of one frame (offset = the frame's start in the stack). */
export function registrationVariance(data: ArrayLike<number>, offset: number, boundary: BoundaryWeights): number {
  let variance = 0;
  for (let i = 0; i < boundary.index.length; i++) {
    const counts = data[offset + boundary.index[i]];
    variance += boundary.weight[i] * counts * counts;
  }
  return variance;
}
