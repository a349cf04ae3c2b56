import {describe, expect, it} from "vitest";
import {ionOrder, pointTitle} from "@operando/lib/run/series-labels";
import {gridParts} from "@operando/lib/run/supporting-series";

describe("series labels", () => {
  it("titles a point by its number on the curve and its observation name without the cycle prefix", () => {
    expect(pointTitle({number: 12, cycle: 2, name: "cycle 2: charging 3"})).toEqual(["point 12", "charging 3"]);
    expect(pointTitle({number: 1, cycle: 1, name: "pristine"})).toEqual(["point 1", "pristine"]);
  });

  it("orders ions as the manifest lists them, unknown ones after, the total-ion image last", () => {
    expect(ionOrder(["total", "58Ni+", "zz+", "6Li+", "58Ni+", "aa+"], ["6Li+", "7Li+", "58Ni+", "total"])).toEqual(["6Li+", "58Ni+", "aa+", "zz+", "total"]);
  });
});

describe("gridParts", () => {
  it("cuts a cycle's grid into parts of at most n rows, every row once and in order", () => {
    const grid = {cycle: 2, numbers: [10, 11, 12, 13, 14, 15, 16], frames: [9, 10, 11, 12, 13, 14, 15], rowTitles: [10, 11, 12, 13, 14, 15, 16].map((n) => [`point ${n}`])};
    const parts = gridParts(grid, 3);
    expect(parts.map((p) => p.frames)).toEqual([[9, 10, 11], [12, 13, 14], [15]]);
    expect(parts.every((p) => p.cycle === 2 && p.numbers.length === p.frames.length && p.rowTitles.length === p.frames.length)).toBe(true);
    expect(parts.flatMap((p) => p.rowTitles)).toEqual(grid.rowTitles);
    expect(gridParts({...grid, numbers: [], frames: [], rowTitles: []}, 3)).toEqual([]);
  });
});
