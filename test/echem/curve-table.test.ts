// A cycle's charge–discharge curve as the build writes it (curve-<cycle>.arrow) and as Figure 3 reads it back.
import {tableFromArrays, tableFromIPC, tableToIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {cyclingSeriesFromTable} from "@operando/lib/echem/series";
import {chargeDischargeCurve} from "@operando/lib/echem/curve";
import {curveFromTable, curveTable} from "@operando/lib/echem/curve-table";
import {BIOLOGIC_DIR, FIXTURE_TIME_ZONE, fixtureBytes} from "./fixtures.js";

describe("curve tables", () => {
  it("give back every point of a real BioLogic record's curve, cycle by cycle, through Arrow IPC", () => {
    const name = "gcpl.issue_149.mpr";
    const curve = chargeDischargeCurve(cyclingSeriesFromTable(parseCyclingFile(fixtureBytes(BIOLOGIC_DIR + name), name, {timeZone: FIXTURE_TIME_ZONE})));
    const cycles = [...new Set(curve.map((p) => p.cycle))];
    expect(curve.some((p) => p.direction === "charge") && curve.some((p) => p.direction === "discharge")).toBe(true);
    for (const cycle of cycles) {
      const points = curve.filter((p) => p.cycle === cycle);
      expect(curveFromTable(tableFromIPC(tableToIPC(curveTable(points))), `curve-${cycle}.arrow`)).toEqual(points);
    }
    expect(curveFromTable(curveTable([]), "curve-0.arrow")).toEqual([]);
  });

  it("name the file and the row of a table that is not a curve", () => {
    expect(() => curveFromTable(tableFromArrays({cycle: Int32Array.of(1)}), "runs/x/curve-1.arrow")).toThrow('runs/x/curve-1.arrow: no column "direction"');
    const table = curveTable([{cycle: 1, direction: "charge", mode: "CC", capacityAh: 0, voltageV: 3, testTimeS: 0}]);
    const bad = tableFromArrays({...Object.fromEntries(table.schema.fields.map((f) => [f.name, table.getChild(f.name)!.toArray()])), direction: ["sideways"]});
    expect(() => curveFromTable(bad, "curve-1.arrow")).toThrow('curve-1.arrow: row 0: direction "sideways"');
  });
});
