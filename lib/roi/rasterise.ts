/**
 * Polygon to pixel mask. Rule: a pixel belongs to the ROI when its centre ((x + 0.5) * pixelWidthUm,
 * (y + 0.5) * pixelHeightUm) is inside by the even-odd rule over all rings (so holes and the parts of a
 * multipolygon need no special case). A centre exactly on an edge counts as inside on left and top edges and
 * outside on right and bottom edges (half-open, like the pixels themselves), so ROIs that tile the image
 * share no pixel and miss none. Pixels outside the image are dropped; the ROI's area is its pixel count times
 * the pixel area (the area the counts were summed over), not the polygon's geometric area.
 */
import type {RowSpans} from "./spans.js";
import type {Ring} from "./types.js";

export interface PixelGrid {
  width: number;
  height: number;
  pixelWidthUm: number;
  pixelHeightUm: number;
}

/** Row spans of the pixels whose centres are inside `rings` (um), after moving the rings by `driftPx`. */
export function rasteriseRings(rings: Ring[], grid: PixelGrid, driftPx: [number, number] = [0, 0]): RowSpans {
  const {width, height, pixelWidthUm, pixelHeightUm} = grid;
  // Edges in pixel units (a pixel centre is at x + 0.5), moved by the drift.
  const edges: number[] = [];
  for (const ring of rings) {
    const n = ring.length;
    for (let k = 0; k < n; k++) {
      const [ax, ay] = ring[k];
      const [bx, by] = ring[(k + 1) % n];
      const x1 = ax / pixelWidthUm + driftPx[0];
      const y1 = ay / pixelHeightUm + driftPx[1];
      const x2 = bx / pixelWidthUm + driftPx[0];
      const y2 = by / pixelHeightUm + driftPx[1];
      if (y1 !== y2) edges.push(x1, y1, x2, y2);
    }
  }
  const ys: number[] = [];
  const x0s: number[] = [];
  const x1s: number[] = [];
  const crossings: number[] = [];
  for (let y = 0; y < height; y++) {
    const centreY = y + 0.5;
    crossings.length = 0;
    for (let e = 0; e < edges.length; e += 4) {
      const [x1, y1, x2, y2] = [edges[e], edges[e + 1], edges[e + 2], edges[e + 3]];
      // Half-open in y: an edge counts for rows with min(y1, y2) <= centreY < max(y1, y2).
      if ((y1 <= centreY && centreY < y2) || (y2 <= centreY && centreY < y1)) {
        crossings.push(x1 + ((centreY - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Inside in x: crossings[k] <= x + 0.5 < crossings[k + 1].
      const start = Math.max(0, Math.ceil(crossings[k] - 0.5));
      const end = Math.min(width, Math.ceil(crossings[k + 1] - 0.5));
      if (end <= start) continue;
      if (x1s.length > 0 && ys[ys.length - 1] === y && x1s[x1s.length - 1] >= start) {
        x1s[x1s.length - 1] = Math.max(x1s[x1s.length - 1], end); // touching pairs (zero-width gaps) merge
      } else {
        ys.push(y);
        x0s.push(start);
        x1s.push(end);
      }
    }
  }
  return {width, height, y: Int32Array.from(ys), x0: Int32Array.from(x0s), x1: Int32Array.from(x1s)};
}
