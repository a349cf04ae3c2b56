import {describe, expect, it} from "vitest";
import {nearestVertex, pointInRing, ringAreaUm2, ringCorner, ringToFeature, type PointUm} from "@operando/lib/roi/ring";

const square: PointUm[] = [[8, 5], [22, 5], [22, 19], [8, 19]];
// An L: the square [0,10]² without its top-right quarter [5,10]x[0,5] (y down).
const ell: PointUm[] = [[0, 0], [5, 0], [5, 5], [10, 5], [10, 10], [0, 10]];

describe("pointInRing", () => {
  it("tells inside from outside for a square, with or without the closing vertex", () => {
    for (const ring of [square, [...square, square[0]]]) {
      expect(pointInRing([15, 12], ring)).toBe(true);
      expect(pointInRing([7.9, 12], ring)).toBe(false);
      expect(pointInRing([15, 19.1], ring)).toBe(false);
    }
  });

  it("leaves out the notch of a concave ring", () => {
    expect(pointInRing([2, 2], ell)).toBe(true);
    expect(pointInRing([7.5, 2.5], ell)).toBe(false);
    expect(pointInRing([7.5, 7.5], ell)).toBe(true);
  });
});

describe("nearestVertex", () => {
  it("finds the closest vertex within the distance, across rings", () => {
    expect(nearestVertex([square, ell], [21.5, 5.2], 1)).toEqual([0, 1]);
    expect(nearestVertex([square, ell], [9.8, 5.1], 1)).toEqual([1, 3]);
  });

  it("is null when no vertex is within the distance", () => {
    expect(nearestVertex([square], [15, 12], 1)).toBeNull();
  });
});

describe("ring measures and GeoJSON", () => {
  it("computes the area in um² whatever the winding", () => {
    expect(ringAreaUm2(square)).toBe(196);
    expect(ringAreaUm2([...square].reverse())).toBe(196);
    expect(ringAreaUm2(ell)).toBe(75);
  });

  it("puts an outline's name at the top-left corner of the bounding box", () => {
    expect(ringCorner(ell)).toEqual([0, 0]);
    expect(ringCorner(square)).toEqual([8, 5]);
  });

  it("closes the ring of a feature once, with name and region", () => {
    const feature = ringToFeature("region 1", "positive", square);
    expect(feature.properties).toEqual({name: "region 1", region: "positive"});
    expect(feature.geometry.coordinates[0]).toEqual([...square, square[0]]);
    expect(ringToFeature("r", "positive", [...square, square[0]]).geometry.coordinates[0]).toHaveLength(5);
  });
});
