import {describe, expect, it} from "vitest";
import {checkedWindows, parseMassWindow} from "@operando/lib/spectra/mass-window";
import {axisSum, unionSum} from "@operando/lib/spectra/spectrum-sum";
import {addWindowSums, windowRanges} from "@operando/lib/spectra/window-sums";
import {seededRandom} from "../seeded-random.js";

describe("parseMassWindow", () => {
  it.each([
    ["58Ni+=57.935±0.05", {ion: "58Ni+", lowU: 57.935 - 0.05, highU: 57.935 + 0.05}],
    ["58Ni+=57.935+-0.05", {ion: "58Ni+", lowU: 57.935 - 0.05, highU: 57.935 + 0.05}],
    ["6Li+ = 6.015 +/- 2e-2", {ion: "6Li+", lowU: 6.015 - 0.02, highU: 6.015 + 0.02}],
    ["16O-=15.9-16.1", {ion: "16O-", lowU: 15.9, highU: 16.1}],
    ["C2H-=24.5 - 25.5", {ion: "C2H-", lowU: 24.5, highU: 25.5}]
  ])("%s", (text, window) => expect(parseMassWindow(text)).toEqual(window));

  it.each(["58Ni+", "=5±1", "a=5", "a=5±0", "a=6-5", "a=-1-2", "a=x±1", "a=5±1±1"])("refuses %s", (text) => {
    expect(() => parseMassWindow(text)).toThrow(RangeError);
  });

  it("two windows of one name are refused", () => {
    expect(() => checkedWindows([parseMassWindow("a=1-2"), parseMassWindow("a=3-4")])).toThrow(/two mass windows named a/);
  });
});

describe("window sums", () => {
  const random = seededRandom(7);
  const mz = Array.from({length: 500}, () => random() * 100);
  const intensity = mz.map(() => Math.floor(random() * 50));
  const windows = [{ion: "a", lowU: 10, highU: 20}, {ion: "b", lowU: 15, highU: 60}, {ion: "c", lowU: 99.9, highU: 200}, {ion: "d", lowU: 0, highU: 0.001}];
  const bruteForce = (m: number[], c: number[]) => windows.map((w) => c.reduce((sum, v, i) => sum + (m[i] >= w.lowU && m[i] <= w.highU ? v : 0), 0));

  it("on unsorted m/z values equal a brute-force sum", () => {
    const sums = new Float64Array(windows.length);
    addWindowSums(mz, intensity, windows, sums);
    expect(Array.from(sums)).toEqual(bruteForce(mz, intensity));
  });

  it("on ascending m/z values (binary search) equal the same brute-force sum, bounds included", () => {
    const order = mz.map((_, i) => i).sort((a, b) => mz[a] - mz[b]);
    const sortedMz = [...order.map((i) => mz[i]), 10, 20].sort((a, b) => a - b);
    const sortedCounts = sortedMz.map((m) => (m === 10 || m === 20 ? 1000 : intensity[order.find((i) => mz[i] === m)!]));
    const sums = new Float64Array(windows.length);
    addWindowSums(sortedMz, sortedCounts, windows, sums);
    expect(Array.from(sums)).toEqual(bruteForce(sortedMz, sortedCounts));
    expect(sums[0]).toBeGreaterThanOrEqual(2000);
    expect(Array.from(windowRanges([1, 2, 3], [{ion: "none", lowU: 1.2, highU: 1.8}]))).toEqual([1, 1]);
  });
});

describe("summed spectra", () => {
  it("on a common axis add element by element", () => {
    const sum = axisSum([1, 2, 3]);
    sum.add([1, 2, 3], [1, 0, 2]);
    sum.add([1, 2, 3], [3, 1, 0]);
    expect(sum.result()).toEqual({mzU: Float64Array.of(1, 2, 3), counts: Float64Array.of(4, 1, 2)});
  });

  it("on the union of m/z values keep every value that occurs, sorted, whichever order spectra come in", () => {
    const sum = unionSum();
    sum.add([5, 1, 3], [1, 1, 1]);
    sum.add([5, 1, 3], [2, 2, 2]);
    sum.add([2, 3], [10, 10]);
    expect(sum.result()).toEqual({mzU: Float64Array.of(1, 2, 3, 5), counts: Float64Array.of(3, 10, 13, 3)});
  });

  it("into bins report each bin's centre and its sum", () => {
    const sum = unionSum(0.5);
    sum.add([1.1, 1.4, 1.6, 3.0], [1, 2, 4, 8]);
    expect(sum.result()).toEqual({mzU: Float64Array.of(1.25, 1.75, 3.25), counts: Float64Array.of(3, 4, 8)});
    expect(() => unionSum(0)).toThrow(RangeError);
    expect(() => unionSum().add([NaN], [1])).toThrow(/not a finite number/);
  });
});
