// Polygon geometry for ROIs and outlines, in um (top-left origin, y down).

export type PointUm = [number, number];

/** Even-odd test: is the point inside the ring (closing vertex repeated or not)? */
export function pointInRing([x, y]: PointUm, ring: PointUm[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The vertex nearest to a point within `maxDistanceUm`, as [ring index, vertex index], or null. */
export function nearestVertex(rings: PointUm[][], [x, y]: PointUm, maxDistanceUm: number): [number, number] | null {
  let best: [number, number] | null = null;
  let bestDistance = maxDistanceUm;
  for (let r = 0; r < rings.length; r++) {
    for (let v = 0; v < rings[r].length; v++) {
      const distance = Math.hypot(rings[r][v][0] - x, rings[r][v][1] - y);
      if (distance <= bestDistance) [best, bestDistance] = [[r, v], distance];
    }
  }
  return best;
}

/** Top-left corner of the bounding box: where the name of an outline goes. */
export function ringCorner(ring: PointUm[]): PointUm {
  let [minX, minY] = [Infinity, Infinity];
  for (const [x, y] of ring) [minX, minY] = [Math.min(minX, x), Math.min(minY, y)];
  return [minX, minY];
}

/** Shoelace area in um² (closing vertex repeated or not). */
export function ringAreaUm2(ring: PointUm[]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) twice += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return Math.abs(twice) / 2;
}

export interface RoiFeature {
  type: "Feature";
  properties: {name: string; region: string};
  geometry: {type: "Polygon"; coordinates: PointUm[][]};
}

/** A GeoJSON polygon feature (docs/data-model.md, "ROI file"): the ring closed by repeating its first vertex. */
export function ringToFeature(name: string, region: string, ring: PointUm[]): RoiFeature {
  const closed = ring.map(([x, y]): PointUm => [x, y]);
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) closed.push([first[0], first[1]]);
  return {type: "Feature", properties: {name, region}, geometry: {type: "Polygon", coordinates: [closed]}};
}
