import {describe, expect, it} from "vitest";
import type * as arrow from "apache-arrow";
import {parseCyclingFile} from "@operando/loaders/echem/index";
import {cyclingSeriesFromTable} from "@operando/lib/echem/series";
import {chargeDischargeCurve, curvePositionAt, frameCurvePosition} from "@operando/lib/echem/curve";
import {oneCycleRecord, RECORD_START_UNIX_S} from "../run/small-run.js";
import {chargeDischargeSegments} from "@operando/lib/echem/segments";
import {BIOLOGIC_DIR, FIXTURE_TIME_ZONE, fixtureBytes} from "./fixtures.js";

const parse = (name: string): arrow.Table => parseCyclingFile(fixtureBytes(BIOLOGIC_DIR + name), name, {timeZone: FIXTURE_TIME_ZONE});
const numbers = (table: arrow.Table, name: string) => Array.from(table.getChild(name)!.toArray() as ArrayLike<number>);

describe("the charge–discharge curve", () => {
  it.each(["gcpl.issue_149", "gcpl.issue_226.I"])("%s: capacity at every point equals EC-Lab's |Q charge/discharge| of that record", (stem) => {
    const instrument = parse(`${stem}.mpt`);
    const series = cyclingSeriesFromTable(instrument);
    const halfCycleQ = new Map<number, number>();
    const q = numbers(instrument, "Q charge/discharge/mA.h");
    numbers(instrument, "test_time_second").forEach((time, i) => halfCycleQ.set(time, Math.abs(q[i])));
    const curve = chargeDischargeCurve(series);
    expect(curve.length).toBeGreaterThan(10);
    for (const point of curve) {
      expect(point.capacityAh * 1000).toBeCloseTo(halfCycleQ.get(point.testTimeS)!, 6);
    }
  });

  it("a point in the middle of a charge sits on the curve; a rest after it sits at the charge's end", () => {
    const series = cyclingSeriesFromTable(parse("gcpl.issue_149.mpr"));
    const [charge] = chargeDischargeSegments(series).filter((s) => s.kind === "charge");
    const middle = Math.floor((charge.firstIndex + charge.lastIndex) / 2);
    const during = curvePositionAt(series, series.unixTimeS[middle]);
    expect(during.direction).toBe("charge");
    expect(during.voltageV).toBe(series.voltageV[middle]);
    expect(during.capacityAh).toBeCloseTo(series.chargeCapacityAh[middle] - (charge.firstIndex > 0 ? series.chargeCapacityAh[charge.firstIndex - 1] : 0), 12);
    const atStart = curvePositionAt(series, series.unixTimeS[0]);
    expect(atStart.capacityAh).toBeLessThanOrEqual(during.capacityAh);
  });
});

describe("frameCurvePosition", () => {
  it("places a frame where the middle of its acquisition falls on the curve", () => {
    // The one-cycle record charges at 1 mA from 100 s to 1000 s and discharges from 1100 s.
    const series = cyclingSeriesFromTable(oneCycleRecord());
    const at = (fromS: number, toS: number) => frameCurvePosition(series, {startUnixS: RECORD_START_UNIX_S + fromS, endUnixS: RECORD_START_UNIX_S + toS});
    const points = [at(500, 600), at(1040, 1060), at(1300, 1400)];
    expect(points.map((p) => p.direction)).toEqual(["charge", "charge", "discharge"]);
    expect(points[0]).toEqual(curvePositionAt(series, RECORD_START_UNIX_S + 550));
    // At rest after the charge: the end of the charge curve.
    expect(points[1].capacityAh * 1e6).toBeCloseTo(250, 0);
    expect(points[2].capacityAh * 1e6).toBeCloseTo((1350 - 1100) / 3.6, 0);
  });
});
