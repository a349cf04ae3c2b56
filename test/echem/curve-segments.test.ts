import {describe, expect, it} from "vitest";
import {curveSegments, type CyclingRow} from "@operando/lib/echem/curve-segments";

describe("curveSegments", () => {
  const row = (cycle: number, direction: CyclingRow["direction"], mode: CyclingRow["mode"], capacityAh: number, voltageV: number): CyclingRow => ({cycle, direction, mode, capacityAh, voltageV});
  const rows = [
    row(1, "charge", "CC", 0, 3.0), row(1, "charge", "CC", 10, 4.2),
    row(1, "charge", "CV", 12, 4.2),
    row(1, "charge", "rest", 12, 4.1),
    row(1, "discharge", "CC", 0, 4.0), row(1, "discharge", "CC", 9, 2.0)
  ];
  const drawn = curveSegments(rows);

  it("starts the CV part at the last CC point, so the curve is unbroken", () => {
    const cv = drawn.filter((d) => d.mode === "CV");
    expect(cv.map((d) => [d.capacityAh, d.voltageV])).toEqual([[10, 4.2], [12, 4.2]]);
    expect(new Set(cv.map((d) => d.segment)).size).toBe(1);
  });

  it("drops rest rows and does not join across a rest or from charge to discharge", () => {
    expect(drawn.some((d) => d.mode === "rest")).toBe(false);
    const discharge = drawn.filter((d) => d.direction === "discharge");
    expect(discharge.map((d) => d.capacityAh)).toEqual([0, 9]);
    expect(discharge[0].series).toBe("cycle 1 discharge");
    expect([...new Set(drawn.map((d) => d.segment))]).toEqual([0, 1, 2]);
  });
});
