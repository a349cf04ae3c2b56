// Figure 1(d) of a run, on a one-cycle record with known charges: a 900 s charge and a 720 s discharge at 1 mA.
import {describe, expect, it} from "vitest";
import {chargeDischargeFigure} from "@operando/lib/run/charge-discharge";
import {framesTable, oneCycleRecord, smallTimeline} from "./small-run.js";

const manifest = {run: "one-cycle", regions: [{id: "a", fieldOfViewUm: [10, 10] as [number, number], pixels: [10, 10] as [number, number]}, {id: "b", fieldOfViewUm: [10, 10] as [number, number], pixels: [10, 10] as [number, number]}], ions: []};
// Frames of region a at rest before charging and in the middle of the charge; one of region b during the discharge.
const frames = framesTable([{region: "a", frame: 0, fromS: 20, toS: 60}, {region: "a", frame: 1, fromS: 500, toS: 600}, {region: "b", frame: 2, fromS: 1300, toS: 1400}]);

describe("chargeDischargeFigure", () => {
  const figure = chargeDischargeFigure(oneCycleRecord(), smallTimeline(manifest, frames));

  it("shows a cell of a few hundred µAh in µAh, and its cycle's charge and discharge", () => {
    expect(figure.chargeUnit.symbol).toBe("µAh");
    expect(figure.cycles).toHaveLength(1);
    expect(figure.chargeUnit.of(figure.cycles[0].chargeCapacityAh)).toBeCloseTo(250, 6);
    expect(figure.chargeUnit.of(figure.cycles[0].dischargeCapacityAh)).toBeCloseTo(200, 6);
    expect(figure.capacityRows).toHaveLength(1);
    expect(figure.capacityRows[0]["charge (µAh)"]).toBeCloseTo(250, 6);
    // The charge and the discharge are all constant current (1 s records: the curve's first point is one record in).
    const steps = figure.stepRows.filter((row) => (row["CC (µAh)"] as number) > 0);
    expect(steps.map((row) => [row.direction, row["CC (µAh)"], row["CV (µAh)"]])).toEqual([["charge", expect.closeTo(250, 0), 0], ["discharge", expect.closeTo(200, 0), 0]]);
  });

  it("numbers the first region's observation points on the curve at the middle of each frame", () => {
    expect(figure.points.map((p) => p.number)).toEqual([1, 2]);
    expect(figure.points[0]).toMatchObject({direction: "charge", capacityAh: 0});
    // 550 s: 450 s of the charge at 1 mA have passed (1 s records).
    expect(figure.points[1].direction).toBe("charge");
    expect(figure.points[1].capacityAh * 1e6).toBeCloseTo(125, 0);
    expect(figure.points[1].voltageV).toBeCloseTo(2.5, 2);
  });

  it("draws every record of the charge and the discharge, and no rest", () => {
    expect(new Set(figure.curve.map((p) => p.direction))).toEqual(new Set(["charge", "discharge"]));
    expect(Math.max(...figure.curve.filter((p) => p.direction === "charge").map((p) => p.capacityAh)) * 1e6).toBeCloseTo(250, 0);
  });
});
