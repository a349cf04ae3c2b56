import {describe, expect, it} from "vitest";
import {rasteriseRings} from "@operando/lib/roi/rasterise";
import {labelSpans, spanPixelCount, spansFromMask, spansToIndices, spansToMask} from "@operando/lib/roi/spans";
import {polygonAreaUm2, type PolygonRoi, type Ring} from "@operando/lib/roi/types";

const grid = {width: 256, height: 96, pixelWidthUm: 80 / 256, pixelHeightUm: 30 / 96};
const pixelAreaUm2 = grid.pixelWidthUm * grid.pixelHeightUm;

function circle(cxUm: number, cyUm: number, radiusUm: number, vertices = 720): Ring {
  return Array.from({length: vertices}, (_, k) => {
    const angle = (2 * Math.PI * k) / vertices;
    return [cxUm + radiusUm * Math.cos(angle), cyUm + radiusUm * Math.sin(angle)] as [number, number];
  });
}

/** The rule, pixel by pixel: centre inside by even-odd ray casting (reference implementation for the test). */
function centreInside(rings: Ring[], xUm: number, yUm: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
      const [xi, yi] = ring[k];
      const [xj, yj] = ring[j];
      if (yi > yUm !== yj > yUm && xUm < ((xj - xi) * (yUm - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

describe("rasteriseRings", () => {
  it("selects exactly the pixels whose centres are inside (even-odd), for a star with a hole", () => {
    const star: Ring = Array.from({length: 10}, (_, k) => {
      const r = k % 2 === 0 ? 12 : 5;
      const angle = (Math.PI * k) / 5 + 0.1;
      return [40 + r * Math.cos(angle), 15 + r * Math.sin(angle)] as [number, number];
    });
    const rings = [star, circle(40, 15, 2.2, 37)];
    const mask = spansToMask(rasteriseRings(rings, grid));
    let mismatches = 0;
    for (let y = 0; y < grid.height; y++) {
      for (let x = 0; x < grid.width; x++) {
        const expected = centreInside(rings, (x + 0.5) * grid.pixelWidthUm, (y + 0.5) * grid.pixelHeightUm);
        if (expected !== (mask[y * grid.width + x] === 1)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    expect(mask.reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
  });

  it("gives a circle's area within the pixel quantisation (1% at 8 um radius)", () => {
    const spans = rasteriseRings([circle(40, 15, 8)], grid);
    const areaUm2 = spanPixelCount(spans) * pixelAreaUm2;
    expect(Math.abs(areaUm2 - Math.PI * 64) / (Math.PI * 64)).toBeLessThan(0.01);
  });

  it("counts a rectangle on pixel edges exactly, and one on pixel centres on its left/top side only", () => {
    const p = grid.pixelWidthUm;
    const onEdges: Ring = [[10 * p, 20 * p], [30 * p, 20 * p], [30 * p, 50 * p], [10 * p, 50 * p]];
    expect(spanPixelCount(rasteriseRings([onEdges], grid))).toBe(20 * 30);
    // Edges through pixel centres: x = 10.5..30.5 px holds centres 10.5 .. 29.5 (left edge in, right edge out).
    const onCentres: Ring = onEdges.map(([x, y]) => [x + p / 2, y + p / 2]);
    const spans = rasteriseRings([onCentres], grid);
    expect(spanPixelCount(spans)).toBe(20 * 30);
    expect(spans.x0[0]).toBe(10);
    expect(spans.y[0]).toBe(20);
  });

  it("lets ROIs that tile the image share no pixel and miss none", () => {
    const cut = (t: number): number => 20 + 15 * Math.sin(t);
    // Two polygons split along a wavy line through the whole field of view.
    const line: [number, number][] = Array.from({length: 41}, (_, k) => [(80 * k) / 40, cut(k / 3) * 0.5 + 5]);
    const top: Ring = [[0, 0], [80, 0], ...line.slice().reverse()];
    const bottom: Ring = [...line, [80, 30], [0, 30]];
    const a = spansToMask(rasteriseRings([top], grid));
    const b = spansToMask(rasteriseRings([bottom], grid));
    for (let i = 0; i < a.length; i++) expect(a[i] + b[i]).toBe(1);
  });

  it("moves the mask by the drift: a whole-pixel drift shifts every pixel by that much", () => {
    const rings = [circle(30, 12, 6, 50)];
    const reference = spansToIndices(rasteriseRings(rings, grid));
    const moved = spansToIndices(rasteriseRings(rings, grid, [3, -2]));
    expect(Array.from(moved)).toEqual(Array.from(reference, (i) => i + 3 - 2 * grid.width));
  });

  it("clips at the image edge, and an ROI entirely outside the image is empty", () => {
    const half = rasteriseRings([[[-10, -10], [10, -10], [10, 10], [-10, 10]]], grid);
    expect(spanPixelCount(half)).toBe(Math.round(10 / grid.pixelWidthUm) * Math.round(10 / grid.pixelHeightUm));
    expect(spanPixelCount(rasteriseRings([[[100, 0], [120, 0], [120, 10], [100, 10]]], grid))).toBe(0);
    expect(spanPixelCount(rasteriseRings([[[5, 5], [6, 5], [5.5, 5.0001], [5, 5]]], grid))).toBe(0);
  });

  it("polygon area follows the even-odd rule: outer ring minus hole", () => {
    const roi: PolygonRoi = {kind: "polygon", name: "r", region: "positive",
      polygons: [[[[0, 0], [10, 0], [10, 10], [0, 10]], [[2, 2], [4, 2], [4, 4], [2, 4]]]]};
    expect(polygonAreaUm2(roi)).toBeCloseTo(96, 10);
  });
});

describe("spans", () => {
  it("round-trip a dense mask through spans and indices", () => {
    const mask = Uint8Array.from({length: 7 * 5}, (_, i) => ((i * 7919) % 3 === 0 ? 1 : 0));
    const spans = spansFromMask(mask, 7, 5);
    expect(Array.from(spansToMask(spans))).toEqual(Array.from(mask));
    expect(Array.from(spansToIndices(spans))).toEqual(Array.from(mask.keys()).filter((i) => mask[i]));
  });

  it("labelSpans moves a label by the drift and rounds sub-pixel drift by the pixel-centre rule", () => {
    const labels = new Int32Array(10 * 6);
    labels[2 * 10 + 3] = 4;
    labels[2 * 10 + 4] = 4;
    const indices = (drift: [number, number]) => Array.from(spansToIndices(labelSpans(labels, 10, 6, 4, drift)));
    expect(indices([0, 0])).toEqual([23, 24]);
    expect(indices([1, 1])).toEqual([34, 35]);
    expect(indices([0.4, -0.4])).toEqual([23, 24]);
    expect(indices([0.6, 0])).toEqual([24, 25]);
    expect(indices([0, 0]).length).toBe(2);
    expect(indices([-20, 0])).toEqual([]);
  });

  it("labelSpans gives, for every label and drift, the pixels whose centres moved back by the drift carry the label", () => {
    const [width, height] = [23, 11];
    const labels = Int32Array.from({length: width * height}, (_, i) => ((i * 2654435761) >>> 28) % 5);
    for (const drift of [[0, 0], [1.5, -2.25], [-3.7, 0.49], [0.5, 0.5], [-30, 2]] as [number, number][]) {
      for (let label = 0; label < 6; label++) {
        const expected: number[] = [];
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const [sx, sy] = [Math.floor(x + 0.5 - drift[0]), Math.floor(y + 0.5 - drift[1])];
            if (sx >= 0 && sx < width && sy >= 0 && sy < height && labels[sy * width + sx] === label) expected.push(y * width + x);
          }
        }
        expect(Array.from(spansToIndices(labelSpans(labels, width, height, label, drift))), `label ${label}, drift ${drift}`).toEqual(expected);
      }
    }
  });
});
