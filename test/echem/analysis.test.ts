import {describe, expect, it} from "vitest";
import type * as arrow from "apache-arrow";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {cyclingSeriesFromTable} from "@operando/lib/echem/series";
import {cycleSummaries} from "@operando/lib/echem/cycles";
import {chargeDischargeSegments} from "@operando/lib/echem/segments";
import {stepParts} from "@operando/lib/echem/cc-cv";
import {stateAt} from "@operando/lib/echem/state-of-charge";
import {differentialCapacity} from "@operando/lib/echem/dqdv";
import {OutsideRecordError} from "@operando/lib/echem/errors";
import {directions, halfCyclesFromDirection, CONTROL_MODES} from "@operando/lib/echem/derive";
import {BIOLOGIC_DIR, FIXTURE_TIME_ZONE, fixtureBytes} from "./fixtures.js";

const parse = (name: string): arrow.Table => parseCyclingFile(fixtureBytes(BIOLOGIC_DIR + name), name, {timeZone: FIXTURE_TIME_ZONE});
const numbers = (table: arrow.Table, name: string) => Array.from(table.getChild(name)!.toArray() as ArrayLike<number>);
const relativelyClose = (a: number, b: number, relative: number) => Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b)) + 1e-15;

// The analysis runs on the binary file; the truth is the instrument's own derived columns in its text export.
const CYCLING_STEMS = ["gcpl.issue_149", "mb.issue_95", "gcpl.issue_226.I", "bcd.issue_241"];

describe("lib/echem against the instrument's own columns", () => {
  it.each(CYCLING_STEMS)("%s: cycle_count is EC-Lab's cycle number + 1", (stem) => {
    const binary = parse(`${stem}.mpr`);
    const instrument = parse(`${stem}.mpt`);
    expect(numbers(binary, "cycle_count").map((c) => c - 1)).toEqual(numbers(instrument, "cycle number"));
  });

  it.each(CYCLING_STEMS)("%s: per-cycle charge and discharge capacity equal Q charge / Q discharge, efficiency equals Efficiency/%%", (stem) => {
    const series = cyclingSeriesFromTable(parse(`${stem}.mpr`));
    const instrument = parse(`${stem}.mpt`);
    const qCharge = numbers(instrument, "Q charge/mA.h");
    const qDischarge = numbers(instrument, "Q discharge/mA.h");
    const efficiency = numbers(instrument, "Efficiency/%");
    const summaries = cycleSummaries(series);
    expect(summaries.length).toBe(new Set(numbers(instrument, "cycle number")).size);
    for (const cycle of summaries) {
      const range = qCharge.slice(cycle.firstIndex, cycle.lastIndex + 1);
      expect(relativelyClose(cycle.chargeCapacityAh * 1000, Math.max(...range), 1e-9), `cycle ${cycle.cycle} charge`).toBe(true);
      const dischargeRange = qDischarge.slice(cycle.firstIndex, cycle.lastIndex + 1);
      expect(relativelyClose(cycle.dischargeCapacityAh * 1000, Math.max(...dischargeRange), 1e-9), `cycle ${cycle.cycle} discharge`).toBe(true);
      const reported = efficiency[cycle.lastIndex];
      if (reported > 0) {
        expect(relativelyClose(cycle.coulombicEfficiency * 100, reported, 1e-6), `cycle ${cycle.cycle} efficiency`).toBe(true);
        expect(cycle.irreversibleCapacityPercent).toBeCloseTo(100 - reported, 4);
        expect(cycle.irreversibleCapacityAh).toBeCloseTo(cycle.chargeCapacityAh - cycle.dischargeCapacityAh, 15);
      }
    }
  });

  it("the first cycle of the Modulo Bat file loses 35% of its charge (EC-Lab: efficiency 64.97%)", () => {
    const [first] = cycleSummaries(cyclingSeriesFromTable(parse("mb.issue_95.mpr")));
    expect(first.irreversibleCapacityPercent).toBeCloseTo(35.03, 1);
  });

  // (In the Modulo Bat file EC-Lab moves to the next half cycle one record after the current reverses.)
  it.each(["gcpl.issue_149", "gcpl.issue_226.I"])("%s: our half-cycle rule reproduces EC-Lab's half cycle from current alone", (stem) => {
    const table = parse(`${stem}.mpr`);
    const series = cyclingSeriesFromTable(table);
    const modeCodes = Int8Array.from(series.controlMode, (m) => CONTROL_MODES.indexOf(m));
    expect(Array.from(halfCyclesFromDirection(directions(series.currentA, modeCodes)))).toEqual(numbers(table, "half cycle"));
  });

  it("charge/discharge segments alternate and each holds EC-Lab's |Q charge/discharge| at its end", () => {
    const series = cyclingSeriesFromTable(parse("gcpl.issue_149.mpr"));
    const instrument = numbers(parse("gcpl.issue_149.mpt"), "Q charge/discharge/mA.h");
    const segments = chargeDischargeSegments(series);
    expect(segments.map((s) => s.kind)).toEqual(["charge", "discharge", "charge", "discharge", "charge", "discharge", "charge", "discharge"]);
    expect(segments.map((s) => s.cycle)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    for (const segment of segments) {
      expect(relativelyClose(segment.capacityAh * 1000, Math.abs(instrument[segment.lastIndex]), 1e-9)).toBe(true);
      expect(segment.endUnixS).toBeGreaterThan(segment.startUnixS);
    }
  });
});

describe("CC and CV parts of each step", () => {
  it("chronoamperometry is all CV, galvanostatic cycling all CC", () => {
    const ca = stepParts(cyclingSeriesFromTable(parse("ca.issue_149.mpr")));
    expect(ca.reduce((s, p) => s + p.ccCapacityAh, 0)).toBe(0);
    expect(ca.reduce((s, p) => s + p.cvCapacityAh, 0)).toBeGreaterThan(0);
    const gcpl = stepParts(cyclingSeriesFromTable(parse("gcpl.issue_149.mpr")));
    expect(gcpl.reduce((s, p) => s + p.cvCapacityAh, 0)).toBe(0);
    expect(gcpl.filter((p) => p.direction !== "rest").map((p) => p.stepId)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
  });

  it("the CC, CV and rest parts of all steps add up to all the charge that passed (a BCD run with a CV hold)", () => {
    const series = cyclingSeriesFromTable(parse("bcd.issue_241.mpr"));
    const parts = stepParts(series);
    const n = series.cycle.length;
    const total = series.chargeCapacityAh[n - 1] + series.dischargeCapacityAh[n - 1] - series.chargeCapacityAh[0] - series.dischargeCapacityAh[0];
    expect(parts.reduce((s, p) => s + p.ccCapacityAh + p.cvCapacityAh + p.restCapacityAh, 0)).toBeCloseTo(total, 12);
    expect(parts.some((p) => p.cvCapacityAh > 0 && p.ccCapacityAh > 0)).toBe(true);
  });
});

describe("state of charge at any instant", () => {
  const series = cyclingSeriesFromTable(parse("gcpl.issue_149.mpr"));
  const [firstCharge, firstDischarge] = chargeDischargeSegments(series);

  it("at a record time it is the record; between two records it is interpolated", () => {
    const i = firstCharge.firstIndex + 3;
    const atRecord = stateAt(series, series.unixTimeS[i]);
    expect(atRecord.voltageV).toBe(series.voltageV[i]);
    expect(atRecord.capacityAh).toBe(series.storedChargeAh[i]);
    const between = stateAt(series, (series.unixTimeS[i] + series.unixTimeS[i + 1]) / 2);
    expect(between.voltageV).toBeCloseTo((series.voltageV[i] + series.voltageV[i + 1]) / 2, 9);
    expect(between.controlMode).toBe("CC");
    expect(between.cycle).toBe(1);
  });

  it("is 0 before the first charge, 1 at the end of the charge and what is left after the discharge", () => {
    expect(stateAt(series, series.unixTimeS[0]).stateOfCharge).toBeCloseTo(0, 6);
    expect(stateAt(series, firstCharge.endUnixS).stateOfCharge).toBe(1);
    const cycle1 = cycleSummaries(series)[0];
    const afterDischarge = stateAt(series, firstDischarge.endUnixS);
    expect(afterDischarge.stateOfCharge).toBeCloseTo(cycle1.irreversibleCapacityAh / cycle1.chargeCapacityAh, 6);
    expect(afterDischarge.capacityAh).toBeCloseTo(cycle1.irreversibleCapacityAh, 12);
  });

  it("a time outside the record is an error that says so", () => {
    const before = series.unixTimeS[0] - 60;
    expect(() => stateAt(series, before)).toThrow(OutsideRecordError);
    expect(() => stateAt(series, before)).toThrow(/lies outside the cycling record/);
    expect(() => stateAt(series, series.unixTimeS[series.unixTimeS.length - 1] + 1)).toThrow(OutsideRecordError);
  });
});

describe("dQ/dV", () => {
  it("the area under each segment's dQ/dV is the segment's capacity, with the sign of its direction", () => {
    const series = cyclingSeriesFromTable(parse("bcd.issue_241.mpr"));
    for (const segment of chargeDischargeSegments(series)) {
      const curve = differentialCapacity(series, segment, 0.01);
      const area = curve.dqDvAhPerV.reduce((s, v) => s + v * curve.voltageStepV, 0);
      expect(area).toBeCloseTo(segment.kind === "charge" ? segment.capacityAh : -segment.capacityAh, 12);
      expect(curve.voltageV.length).toBeGreaterThan(5);
    }
  });
});
