/**
 * Outline of a labelled pixel set as polygon rings in um, along pixel edges. Each boundary edge of the set is
 * kept exactly once, so rasterising the rings with the pixel-centre even-odd rule (lib/roi/rasterise.ts) gives
 * back exactly the same pixels, holes included. The outer ring (largest area) comes first.
 */
import {ringAreaUm2} from "../roi/ring.js";
import type {Raster} from "./raster.js";

type Point = [number, number];

/** Drop vertices in the middle of straight runs. */
function simplify(ring: Point[]): Point[] {
  return ring.filter((p, k) => {
    const a = ring[(k - 1 + ring.length) % ring.length];
    const b = ring[(k + 1) % ring.length];
    return (p[0] - a[0]) * (b[1] - p[1]) - (p[1] - a[1]) * (b[0] - p[0]) !== 0;
  });
}

export function labelOutline(labels: Raster, label: number, pixelWidthUm: number, pixelHeightUm: number): Point[][] {
  const {data, width, height} = labels;
  const inside = (x: number, y: number): boolean => x >= 0 && x < width && y >= 0 && y < height && data[y * width + x] === label;
  const stride = width + 1;
  // Directed edges, clockwise around each pixel on screen: outgoing edges per start vertex.
  const outgoing = new Map<number, number[]>();
  const add = (x1: number, y1: number, x2: number, y2: number): void => {
    const from = y1 * stride + x1;
    const list = outgoing.get(from);
    if (list) list.push(y2 * stride + x2);
    else outgoing.set(from, [y2 * stride + x2]);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!inside(x, y)) continue;
      if (!inside(x, y - 1)) add(x, y, x + 1, y);
      if (!inside(x + 1, y)) add(x + 1, y, x + 1, y + 1);
      if (!inside(x, y + 1)) add(x + 1, y + 1, x, y + 1);
      if (!inside(x - 1, y)) add(x, y + 1, x, y);
    }
  }
  const rings: Point[][] = [];
  for (const [start, list] of outgoing) {
    while (list.length > 0) {
      const ring: Point[] = [];
      let vertex = start;
      do {
        ring.push([(vertex % stride) * pixelWidthUm, Math.floor(vertex / stride) * pixelHeightUm]);
        const next = outgoing.get(vertex)!.pop()!;
        vertex = next;
      } while (vertex !== start);
      rings.push(simplify(ring));
    }
  }
  return rings.sort((a, b) => ringAreaUm2(b) - ringAreaUm2(a));
}
