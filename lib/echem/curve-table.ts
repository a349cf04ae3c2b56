/**
 * The charge–discharge curve (lib/echem/curve.ts) of one cycle as a table of its own and back, so that a page draws
 * a cycle's curve without the cycling record (docs/data-model.md, `curve-<cycle>.arrow`): one row per record of the
 * cycle's charge and discharge, in the record's order, with only what the curve draws.
 */
import {Float64, Int32, Table, Utf8, vectorFromArray} from "apache-arrow";
import type {CurvePoint} from "./curve.js";

export function curveTable(points: CurvePoint[]): Table {
  return new Table({
    cycle: vectorFromArray(points.map((p) => p.cycle), new Int32()),
    direction: vectorFromArray(points.map((p) => p.direction), new Utf8()),
    control_mode: vectorFromArray(points.map((p) => p.mode), new Utf8()),
    capacity_ah: vectorFromArray(points.map((p) => p.capacityAh), new Float64()),
    voltage_v: vectorFromArray(points.map((p) => p.voltageV), new Float64()),
    test_time_s: vectorFromArray(points.map((p) => p.testTimeS), new Float64())
  });
}

/** The curve a curve table holds; `file` names it in errors. */
export function curveFromTable(table: Table, file: string): CurvePoint[] {
  const column = (name: string) => {
    const vector = table.getChild(name);
    if (!vector) throw new RangeError(`${file}: no column "${name}" (a curve table has cycle, direction, control_mode, capacity_ah, voltage_v, test_time_s)`);
    return vector;
  };
  const [cycle, direction, mode, capacityAh, voltageV, testTimeS] = ["cycle", "direction", "control_mode", "capacity_ah", "voltage_v", "test_time_s"].map(column);
  return Array.from({length: table.numRows}, (_, row) => {
    const [d, m] = [direction.get(row), mode.get(row)];
    if ((d !== "charge" && d !== "discharge") || (m !== "CC" && m !== "CV")) throw new RangeError(`${file}: row ${row}: direction "${d}" and control_mode "${m}" (charge or discharge; CC or CV)`);
    return {cycle: cycle.get(row), direction: d, mode: m, capacityAh: capacityAh.get(row), voltageV: voltageV.get(row), testTimeS: testTimeS.get(row)};
  });
}
